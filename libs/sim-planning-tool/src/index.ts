export { createPlanningToolSimulator, planningToolTenantsFromEnv, MAX_BODY_BYTES } from './planning-tool.simulator';
export type { PlanningToolSimulatorOptions } from './planning-tool.simulator';
export { PlanningToolSimModule } from './planning-tool-sim.module';
export { OpenApiValidator } from './openapi-validator';
export type { Problem, FieldError } from './problem';
export type { RequestCounts } from './request-stats';
export type { PerformedVisit } from './performed-visit.types';
export type { TenantSnapshot } from './planning-tool.store';
