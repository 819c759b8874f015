export * from './mapping-rules.types';
