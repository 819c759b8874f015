export * from './assignment';
export * from './schedule';
export * from './planning-tool.types';
export * from './permanent-failure';
