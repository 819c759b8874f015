export * from './assignment';
export * from './schedule';
export * from './planning-tool.types';
export * from './permanent-failure';
export * from './planning-operation';
export * from './planning-tenant';
export * from './reason-codes.catalogue';
export * from './reason';
