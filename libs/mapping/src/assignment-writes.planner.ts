import type { Assignment } from '@brygga/domain';
import type { AssignmentPlan, TenantWrite } from './assignment-plan.types';
import { contributionOf, CustomerContribution, CustomerPlace, placeKey, planCustomerChange } from './customer-aggregate.planner';

export type AppliedPlan = Exclude<AssignmentPlan, { outcome: 'quarantine' }>;

/** The customers an assignment version touches: where it goes now, and where it was before if that differs. */
export function placesOf(plan: AppliedPlan, previous: CustomerPlace | undefined): { next?: CustomerPlace; left?: CustomerPlace } {
  const next = plan.outcome === 'notServed' ? undefined : { tenant: plan.tenant, customerId: plan.customerId };
  const moved = previous !== undefined && (next === undefined || placeKey(next) !== placeKey(previous));
  return { ...(next && { next }), ...(moved && { left: previous }) };
}

export interface AssignmentChange {
  assignment: Assignment;
  plan: AppliedPlan;
  /** Where this assignment's part was last applied, if anywhere. */
  previous?: CustomerPlace;
  /** What each touched customer holds now, by `placeKey` (absent: nothing). */
  contributions: Map<string, CustomerContribution[]>;
  today: string;
}

export interface AssignmentChangePlan {
  writes: TenantWrite[];
  /** What each touched customer holds after the writes (empty: deleted), by `placeKey`. */
  customers: Array<{ place: CustomerPlace; contributions: CustomerContribution[] }>;
}

/**
 * One assignment version -> the writes that take the planning tool there, given what its
 * client's customers hold: the customer where it goes (aggregated with the client's other
 * assignments in that tenant), then, if it moved away (another tenant, a provider not
 * served), its leaving the old customer, which is deleted only if nothing else remains.
 */
export function planAssignmentChange(change: AssignmentChange): AssignmentChangePlan {
  const { plan, assignment, today } = change;
  const places = placesOf(plan, change.previous);
  const customers: AssignmentChangePlan['customers'] = [];
  const writes: TenantWrite[] = [];
  const at = (place: CustomerPlace) => change.contributions.get(placeKey(place)) ?? [];
  if (places.next) {
    const next = plan.outcome === 'apply' ? { contribution: contributionOf(assignment, plan), serviceOrders: plan.serviceOrders } : undefined;
    const result = planCustomerChange({ place: places.next, contributions: at(places.next), assignmentId: assignment.id, next, today });
    writes.push(...result.writes);
    customers.push({ place: places.next, contributions: result.contributions });
  }
  if (places.left) {
    const result = planCustomerChange({ place: places.left, contributions: at(places.left), assignmentId: assignment.id, today });
    writes.push(...result.writes);
    customers.push({ place: places.left, contributions: result.contributions });
  }
  return { writes, customers };
}
