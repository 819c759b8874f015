export * from './redis-test-prefix';
