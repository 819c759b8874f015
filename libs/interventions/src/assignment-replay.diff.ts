import { reasonCodes } from '@brygga/domain';
import { changedFields, type ReplayItem, type ReplayKind } from '@brygga/flow-kernel';
import type { AssignmentPlan, PlannedServiceOrder } from '@brygga/mapping';
import { INTERVENTIONS_FLOW } from './interventions-stats.store';

/**
 * How one assignment's plan under the candidate rules differs from its plan under the
 * rules in force: undefined when nothing it would write changes. The rules' version a
 * plan carries is not a change (it only keys idempotency).
 */
export function diffAssignmentPlans(assignmentId: string, inForce: AssignmentPlan, candidate: AssignmentPlan): ReplayItem | undefined {
  if (inForce.outcome === 'quarantine' || candidate.outcome === 'quarantine') return quarantineChange(assignmentId, inForce, candidate);
  const kinds = new Set<ReplayKind>();
  const fields = new Set<string>();
  const before = ordersOf(inForce);
  const after = ordersOf(candidate);
  const orders = { added: [...after.keys()].filter((id) => !before.has(id)), removed: [...before.keys()].filter((id) => !after.has(id)), changed: [] as string[] };
  for (const [id, order] of after) {
    const previous = before.get(id);
    if (!previous) continue;
    const changed = changedFields(previous.body, order.body);
    if (changed.length === 0) continue;
    orders.changed.push(id);
    for (const f of changed) fields.add(`serviceOrder.${f}`);
  }
  if (orders.added.length > 0) kinds.add('ordersAdded');
  if (orders.removed.length > 0) kinds.add('ordersRemoved');
  if (orders.changed.length > 0) kinds.add('ordersChanged');
  if (inForce.outcome !== candidate.outcome) fields.add('outcome');
  const customers: string[] = [];
  if (inForce.outcome === 'apply' && candidate.outcome === 'apply') {
    if (inForce.tenant !== candidate.tenant) fields.add('tenant');
    for (const f of changedFields(inForce.customer, candidate.customer)) fields.add(`customer.${f}`);
    if (inForce.customer.teamId !== candidate.customer.teamId) {
      kinds.add('customerTeamChanged');
      customers.push(`${candidate.tenant}/${candidate.customerId}`);
    }
  }
  if (kinds.size === 0 && fields.size === 0) return undefined;
  return { flow: INTERVENTIONS_FLOW, id: assignmentId, kinds: [...kinds], fields: [...fields].sort(), orders, ...(customers.length > 0 && { customers }) };
}

function quarantineChange(assignmentId: string, inForce: AssignmentPlan, candidate: AssignmentPlan): ReplayItem | undefined {
  if (inForce.outcome === 'quarantine' && candidate.outcome === 'quarantine') {
    // Still quarantined: a change of reasons alone writes nothing.
    return undefined;
  }
  if (candidate.outcome === 'quarantine') {
    return { flow: INTERVENTIONS_FLOW, id: assignmentId, kinds: ['newlyQuarantined'], fields: ['outcome'], reasons: reasonCodes(candidate.reasons) };
  }
  const reasons = inForce.outcome === 'quarantine' ? reasonCodes(inForce.reasons) : [];
  const added = [...ordersOf(candidate).keys()];
  return { flow: INTERVENTIONS_FLOW, id: assignmentId, kinds: ['newlyAccepted'], fields: ['outcome'], orders: { added, removed: [], changed: [] }, reasons };
}

function ordersOf(plan: AssignmentPlan): Map<string, PlannedServiceOrder> {
  return new Map(plan.outcome === 'apply' ? plan.serviceOrders.map((o) => [o.id, o]) : []);
}
