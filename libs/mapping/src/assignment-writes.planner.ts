import type { Assignment } from '@brygga/domain';
import type { AssignmentPlan, TenantOperation } from './assignment-plan.types';
import { contributionOf, CustomerContribution, CustomerPlace, placeKey, planCustomerChange } from './customer-aggregate.planner';

export type AppliedPlan = Exclude<AssignmentPlan, { outcome: 'quarantine' }>;

/**
 * Service orders an apply of this assignment may have written at a customer without
 * living to record it (a worker killed between its writes and its record): the next
 * apply must treat them as written, or a withdrawn one would stay for ever.
 */
export interface MaybeWritten {
  place: CustomerPlace;
  orderIds: string[];
}

/**
 * The customers an assignment version touches: where it goes now; and where it leaves,
 * the place it was last applied to if that differs, and any place an unrecorded earlier
 * apply may have written to.
 */
export function placesOf(plan: AppliedPlan, previous: CustomerPlace | undefined, maybeWritten: readonly MaybeWritten[] = []): { next?: CustomerPlace; left: CustomerPlace[] } {
  const next = plan.outcome === 'notServed' ? undefined : { tenant: plan.tenant, customerId: plan.customerId };
  const left = new Map<string, CustomerPlace>();
  for (const place of [...(previous ? [previous] : []), ...maybeWritten.map((m) => m.place)]) {
    if (next === undefined || placeKey(place) !== placeKey(next)) left.set(placeKey(place), place);
  }
  return { ...(next && { next }), left: [...left.values()] };
}

export interface AssignmentChange {
  assignment: Assignment;
  plan: AppliedPlan;
  /** Where this assignment's part was last applied, if anywhere. */
  previous?: CustomerPlace;
  /** What an earlier, unrecorded apply of this assignment may have written. */
  maybeWritten?: readonly MaybeWritten[];
  /** What each touched customer holds now, by `placeKey` (absent: nothing). */
  contributions: Map<string, CustomerContribution[]>;
  today: string;
}

export interface AssignmentChangePlan {
  writes: TenantOperation[];
  /** What each touched customer holds after the writes (empty: deleted), by `placeKey`. */
  customers: Array<{ place: CustomerPlace; contributions: CustomerContribution[] }>;
  /**
   * What the writes replace, as recorded: the parts (assignment@version) each touched
   * customer held. Part of every write's Idempotency-Key: a retry that finds the same
   * record reuses its keys, one that finds another assignment's apply recorded in between
   * (the customer rewritten since) sends anew, where the planning tool would answer the
   * first attempt's key from memory and keep the other's customer.
   */
  replaces: string;
}

/**
 * To be made durable before the first write of this plan goes out: what may stand written
 * afterwards beyond the recorded parts (those stay recorded until the new ones replace
 * them): the plan's new orders, and whatever was unrecorded already.
 */
export function maybeWrittenBy(plan: AppliedPlan, earlier: readonly MaybeWritten[] = []): MaybeWritten[] {
  const now = plan.outcome === 'apply' ? [{ place: { tenant: plan.tenant, customerId: plan.customerId }, orderIds: plan.serviceOrders.map((o) => o.id) }] : [];
  // One entry per place, each id once: a job that comes back later notes the same again.
  const byPlace = new Map<string, MaybeWritten>();
  for (const { place, orderIds } of [...earlier, ...now]) {
    const known = byPlace.get(placeKey(place));
    byPlace.set(placeKey(place), { place, orderIds: [...new Set([...(known?.orderIds ?? []), ...orderIds])] });
  }
  return [...byPlace.values()];
}

/**
 * One assignment version -> the writes that take the planning tool there, given what its
 * client's customers hold: the customer where it goes (aggregated with the client's other
 * assignments in that tenant), then its leaving any customer it was at before (another
 * tenant, a provider not served), which is deleted only if nothing else remains there.
 */
export function planAssignmentChange(change: AssignmentChange): AssignmentChangePlan {
  const { plan, assignment, today } = change;
  const maybe = change.maybeWritten ?? [];
  const places = placesOf(plan, change.previous, maybe);
  const customers: AssignmentChangePlan['customers'] = [];
  const writes: TenantOperation[] = [];
  const at = (place: CustomerPlace) => change.contributions.get(placeKey(place)) ?? [];
  const unrecorded = (place: CustomerPlace) => maybe.filter((m) => placeKey(m.place) === placeKey(place)).flatMap((m) => m.orderIds);
  const touched = [...(places.next ? [places.next] : []), ...places.left];
  const replaces = touched.map((place) => at(place).map((c) => `${c.assignmentId}@${c.version}`).sort().join(',')).join(';');
  for (const place of touched) {
    const next = place === places.next && plan.outcome === 'apply' ? { contribution: contributionOf(assignment, plan), serviceOrders: plan.serviceOrders } : undefined;
    const result = planCustomerChange({ place, contributions: at(place), assignmentId: assignment.id, next, maybeWritten: unrecorded(place), today });
    writes.push(...result.writes);
    customers.push({ place, contributions: result.contributions });
  }
  return { writes, customers, replaces };
}
