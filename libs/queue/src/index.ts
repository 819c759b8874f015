export * from './queue-name.enum';
export * from './job-payloads';
export * from './default-job-options';
export * from './redis-connection';
export * from './job-producer';
export * from './job-handler';
export * from './worker-host';
export * from './job-ids';
