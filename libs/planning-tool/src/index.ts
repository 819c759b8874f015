export * from './planning-ids';
