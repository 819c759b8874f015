export * from './planning-ids';
export * from './planning-tool.errors';
export * from './planning-tool.client';
export * from './planning-operation.requests';
export * from './planning-clients.registry';
export * from './keyed-operation';
