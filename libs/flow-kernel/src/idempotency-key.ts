import { createHash } from 'node:crypto';
import type { PlanningOperation } from '@brygga/domain';

/**
 * Deterministic per (what, which version, which rules, which operation), so a retry of
 * the same operation reuses its key and a different operation never does. The operation's
 * fields are taken in name order, since operations are put together in several places;
 * bodies as JSON, like the schedules' content hash: the mapper builds them with a fixed key
 * order, so equal content gives equal JSON (a full canonical form cost three times as much).
 */
export function idempotencyKey(scope: string, operation: PlanningOperation, rulesVersion: string): string {
  const fields = operation as unknown as Record<string, unknown>;
  const content = Object.keys(fields)
    .sort()
    .map((name) => `${name}=${JSON.stringify(fields[name])}`)
    .join('\u0000');
  return `brygga-${createHash('sha256').update(`${scope}\u0000${rulesVersion}\u0000${content}`).digest('hex').slice(0, 48)}`;
}
