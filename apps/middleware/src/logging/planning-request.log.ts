import type { LoggerService } from '@nestjs/common';
import type { PlanningRequestObserver } from '@brygga/planning-tool';

/**
 * One line per request to the planning tool: tenant, operation kind (or batch), status and
 * duration; the request id comes from the job's context. Never the URL: it holds the customer's
 * id, and for a protected identity that id must not meet the team its order names.
 * Accepted requests at debug (a sync makes thousands), the rest at warn.
 */
export function planningRequestLog(logger: LoggerService): PlanningRequestObserver {
  return ({ tenant, operation, statusClass, status, seconds }) => {
    const line = { msg: 'planning request', tenant, operation, statusClass, status, durationMs: Math.round(seconds * 1000) };
    if (statusClass === '2xx') logger.debug?.(line);
    else logger.warn(line);
  };
}
