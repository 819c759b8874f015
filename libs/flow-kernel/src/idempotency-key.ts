import { createHash } from 'node:crypto';
import type { PlanningOperation } from '@brygga/domain';

/**
 * Deterministic per (what, which version, which rules, which operation), so a retry of
 * the same operation reuses its key and a different operation never does. The operation
 * is hashed as canonical JSON (keys sorted) so that equal content gives the same key
 * however the object was put together.
 */
export function idempotencyKey(scope: string, operation: PlanningOperation, rulesVersion: string): string {
  return `brygga-${createHash('sha256').update(`${scope}\u0000${rulesVersion}\u0000${canonicalJson(operation)}`).digest('hex').slice(0, 48)}`;
}

/** JSON with object keys sorted; absent and undefined are the same, as JSON.stringify has them. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
