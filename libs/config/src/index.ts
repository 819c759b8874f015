export * from './contracts-dir';
