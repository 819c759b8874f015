export * from './xml-refused.error';
export * from './xml-limits.config';
export * from './xml-bytes.decoder';
export * from './xml-hazard.scanner';
export * from './xml-text.reader';
