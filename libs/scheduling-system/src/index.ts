export * from './schedule-rejected.error';
export * from './xml-bytes.decoder';
export * from './schedule-export.parser';
export * from './scheduling-system.client';
