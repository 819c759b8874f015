export * from './demo-staff';
