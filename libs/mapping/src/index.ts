export * from './mapping-rules.types';
export * from './local-time.errors';
export * from './local-time.resolver';
