export * from './schedule-rejected.error';
export * from './schedule-export.parser';
export * from './scheduling-system.client';
