export * from './redis-test-prefix';
export * from './planning-fixtures';
export * from './local-http';
export * from './spec-server.hooks';
export * from './thrown-error';
export * from './flow-worker.test-harness';
export * from './promtool';
export * from './eventually';
