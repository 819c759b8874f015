import { RedisHealthIndicator } from './redis.health-indicator';
import { TenantsHealthIndicator } from './tenants.health-indicator';
import { WorkersHealthIndicator } from './workers.health-indicator';

/** The readiness indicators, beside the health controller in the app module (where the worker role's WorkersService is seen). */
export const healthIndicators = [RedisHealthIndicator, WorkersHealthIndicator, TenantsHealthIndicator];
