import { createHash } from 'node:crypto';
import type { PlanningWrite } from '@brygga/domain';

/**
 * Deterministic per (what, which version, which rules, which write), so a retry of the
 * same write reuses its key and a different write never does.
 */
export function idempotencyKey(scope: string, write: PlanningWrite, rulesVersion: string): string {
  const body = write.method === 'PUT' ? JSON.stringify(write.body) : '';
  return `brygga-${createHash('sha256').update(`${scope}\u0000${rulesVersion}\u0000${write.method}\u0000${write.path}\u0000${body}`).digest('hex').slice(0, 48)}`;
}
