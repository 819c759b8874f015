export * from './document-rejected.error';
export * from './identity-number.validator';
export * from './parsed-export.types';
export * from './uppdragsexport.parser';
export * from './case-feed.client';
export * from './uppdrag-stream.splitter';
