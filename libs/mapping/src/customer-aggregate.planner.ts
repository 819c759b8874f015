import type { Assignment, PlanningCustomer } from '@brygga/domain';
import type { AssignmentPlan, PlannedServiceOrder, TenantOperation } from './assignment-plan.types';

/** The customer fields one assignment gives; `active`/`activeUntil` are decided over all of the client's assignments. */
export type CustomerFields = Omit<PlanningCustomer, 'active' | 'activeUntil'>;

/**
 * One assignment's part of its client's customer in one tenant, as last applied. A client
 * who switches provider within a tenant has two; the customer reflects all of them
 * (demo-municipality.md, "One client, several assignments").
 */
export interface CustomerContribution {
  assignmentId: string;
  version: number;
  status: 'aktiv' | 'avslutad';
  startDate: string;
  endDate?: string;
  /** The assignment's `andrad`: breaks ties between assignments equal by date. */
  changedAt: string;
  customer: CustomerFields;
  serviceOrderIds: string[];
}

/** Where a customer lives: one per client and tenant. The customer id is a keyed hash, never the identity number. */
export interface CustomerPlace {
  tenant: string;
  customerId: string;
}

export const placeKey = (place: CustomerPlace): string => `${place.tenant}\u0000${place.customerId}`;

/** This assignment's part, from an applied plan of it (status aktiv or avslutad). */
export function contributionOf(assignment: Assignment, plan: Extract<AssignmentPlan, { outcome: 'apply' }>): CustomerContribution {
  const { active: _active, activeUntil: _activeUntil, ...customer } = plan.customer;
  return {
    assignmentId: assignment.id,
    version: assignment.version,
    status: assignment.status === 'aktiv' ? 'aktiv' : 'avslutad',
    startDate: assignment.startDate,
    ...(assignment.endDate !== undefined && { endDate: assignment.endDate }),
    changedAt: assignment.changedAt,
    customer,
    serviceOrderIds: plan.serviceOrders.map((o) => o.id),
  };
}

/** Latest first by `key`, then by `andrad`, then by assignment id, so the choice never depends on arrival order. */
function latestBy(contributions: CustomerContribution[], key: (c: CustomerContribution) => string): CustomerContribution {
  return [...contributions].sort(
    (a, b) => key(b).localeCompare(key(a)) || Date.parse(b.changedAt) - Date.parse(a.changedAt) || b.assignmentId.localeCompare(a.assignmentId),
  )[0];
}

/**
 * The customer over all of the client's assignments in the tenant: fields from the one in
 * force (the `aktiv` one with the latest `startdatum`; none aktiv: the `avslutad` one with
 * the latest `slutdatum`); no `activeUntil` while any is aktiv, else the latest `slutdatum`,
 * and inactive once that has passed (`today`, `YYYY-MM-DD`).
 */
export function aggregateCustomer(contributions: CustomerContribution[], today: string): PlanningCustomer {
  if (contributions.length === 0) throw new Error('a customer needs at least one assignment');
  const aktiv = contributions.filter((c) => c.status === 'aktiv');
  const inForce = aktiv.length > 0 ? latestBy(aktiv, (c) => c.startDate) : latestBy(contributions, (c) => c.endDate ?? '');
  const activeUntil = aktiv.length > 0 ? undefined : contributions.map((c) => c.endDate ?? '').reduce((a, b) => (a > b ? a : b));
  return { ...inForce.customer, active: activeUntil === undefined || activeUntil >= today, ...(activeUntil && { activeUntil }) };
}

export interface CustomerChange {
  place: CustomerPlace;
  /** What the customer held before, this assignment's own part included when it had one. */
  contributions: CustomerContribution[];
  assignmentId: string;
  /** This assignment's new part here; absent when it leaves (annulled, moved away, no longer served). */
  next?: { contribution: CustomerContribution; serviceOrders: PlannedServiceOrder[] };
  /** Orders of this assignment an earlier apply may have written here without recording them: withdrawn like recorded ones. */
  maybeWritten?: readonly string[];
  today: string;
}

export interface CustomerChangePlan {
  writes: TenantOperation[];
  /** What the customer holds after the writes; empty when it was deleted. */
  contributions: CustomerContribution[];
}

/**
 * The writes for one assignment's change at one customer: the customer first (its orders
 * hang under it), then this assignment's orders, then those of its orders that are gone.
 * Other assignments' orders are never touched; the customer is deleted only when no
 * assignment of the client remains in the tenant.
 */
export function planCustomerChange(change: CustomerChange): CustomerChangePlan {
  const { tenant, customerId } = change.place;
  const previous = change.contributions.find((c) => c.assignmentId === change.assignmentId);
  const others = change.contributions.filter((c) => c.assignmentId !== change.assignmentId);
  const after = change.next ? [...others, change.next.contribution] : others;
  if (after.length === 0) return { writes: [{ tenant, operation: { kind: 'deleteCustomer', customerId } }], contributions: [] };
  const earlier = [...new Set([...(previous?.serviceOrderIds ?? []), ...(change.maybeWritten ?? [])])];
  if (!change.next && !previous && earlier.length === 0) return { writes: [], contributions: after };
  const orders = change.next?.serviceOrders ?? [];
  const kept = new Set(orders.map((o) => o.id));
  return {
    writes: [
      { tenant, operation: { kind: 'putCustomer', customerId, customer: aggregateCustomer(after, change.today) } },
      ...orders.map((o): TenantOperation => ({ tenant, operation: { kind: 'putServiceOrder', customerId, serviceOrderId: o.id, serviceOrder: o.body } })),
      ...earlier
        .filter((id) => !kept.has(id))
        .map((id): TenantOperation => ({ tenant, operation: { kind: 'deleteServiceOrder', customerId, serviceOrderId: id } })),
    ],
    contributions: after,
  };
}
