export * from './kernel-keys';
export * from './lock-set';
export * from './document.store';
export * from './flow-stats.store';
export * from './flow-logger';
export * from './idempotency-key';
export * from './poll-gate';
export * from './stockholm-clock';
