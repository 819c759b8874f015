import { failPermanentlyOn, idempotencyKey } from '@brygga/flow-kernel';
import { MAX_BATCH_OPERATIONS, PlanningClientsRegistry } from '@brygga/planning-tool';
import type { PlannedStaffWrite } from '@brygga/mapping';

/**
 * Sends planned operations to one tenant in order, a batch (or single request) at a time, and
 * calls `accepted` after each one the planning tool took: a retry after a transient
 * failure then resends only what is not yet recorded. A write's key covers what it replaces
 * (PlannedStaffWrite.replaces): a retry against the same state reuses it, a write after
 * another one changed the place gets a new one and is applied. A permanent refusal fails the
 * job for good; transient errors are rethrown for the queue's retry.
 */
export async function sendPlannedWrites(
  planning: PlanningClientsRegistry,
  tenant: string,
  writes: PlannedStaffWrite[],
  scope: string,
  rulesVersion: string,
  accepted: (chunk: PlannedStaffWrite[]) => Promise<void>,
  onPermanent: () => Promise<void>,
): Promise<void> {
  await failPermanentlyOn(async () => {
    const client = planning.forTenant(tenant);
    for (let i = 0; i < writes.length; i += MAX_BATCH_OPERATIONS) {
      const chunk = writes.slice(i, i + MAX_BATCH_OPERATIONS);
      await client.send(chunk.map(({ operation, replaces }) => ({ operation, idempotencyKey: idempotencyKey(replaces === undefined ? scope : `${scope}\u0000${replaces}`, operation, rulesVersion) })));
      await accepted(chunk);
    }
  }, onPermanent);
}
