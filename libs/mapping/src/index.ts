export * from './mapping-rules.types';
export * from './local-time.errors';
export * from './local-time.resolver';
export * from './schedule-plan.types';
export * from './schedule.mapper';
export * from './staff-skills.mapper';
export * from './staff-days.mapper';
