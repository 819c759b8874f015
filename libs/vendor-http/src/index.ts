export * from './retry-after.parser';
export * from './vendor-pull.errors';
export * from './vendor-pull.client';
