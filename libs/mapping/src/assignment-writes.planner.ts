import type { AppliedAssignment, AssignmentPlan, TenantWrite } from './assignment-plan.types';

const customerPath = (customerId: string) => `/customers/${encodeURIComponent(customerId)}`;
const orderPath = (customerId: string, orderId: string) => `${customerPath(customerId)}/service-orders/${encodeURIComponent(orderId)}`;

/**
 * The writes that take the planning tool from what was last applied (`previous`) to
 * `plan`, in order: the customer first (its orders hang under it), then its orders, then
 * the orders that were sent before and are gone. A customer that moved to another
 * tenant (the provider changed) is deleted there too. Plans that are not applied
 * (notServed, quarantine) write nothing; what they mean for earlier state is the
 * caller's decision.
 */
export function planAssignmentWrites(previous: AppliedAssignment | undefined, plan: AssignmentPlan): TenantWrite[] {
  if (plan.outcome === 'notServed' || plan.outcome === 'quarantine') return [];
  const moved = previous !== undefined && (previous.tenant !== plan.tenant || previous.customerId !== plan.customerId);
  const leaveOld: TenantWrite[] = moved ? [{ tenant: previous.tenant, write: { method: 'DELETE', path: customerPath(previous.customerId) } }] : [];
  if (plan.outcome === 'delete') {
    return [...leaveOld, { tenant: plan.tenant, write: { method: 'DELETE', path: customerPath(plan.customerId) } }];
  }
  const { tenant, customerId } = plan;
  const kept = new Set(plan.serviceOrders.map((o) => o.id));
  const gone = moved || previous === undefined ? [] : previous.serviceOrderIds.filter((id) => !kept.has(id));
  return [
    { tenant, write: { method: 'PUT', path: customerPath(customerId), body: plan.customer } },
    ...plan.serviceOrders.map((o): TenantWrite => ({ tenant, write: { method: 'PUT', path: orderPath(customerId, o.id), body: o.body } })),
    ...gone.map((id): TenantWrite => ({ tenant, write: { method: 'DELETE', path: orderPath(customerId, id) } })),
    ...leaveOld,
  ];
}
