export * from './contracts-dir';
export * from './env.validation';
export * from './env-setting.decorators';
export * from './redis-url';
export * from './mapping-rules.loader';
export * from './mapping-rules.holder';
export * from './xml-limits.env';
export * from './bearer-token';
