import type { Assignment, PlanningCustomer, PlanningServiceOrder } from '@brygga/domain';
import type { PlanningIdSource } from './assignment-plan.types';
import { mapAssignment } from './assignment.mapper';
import { aggregateCustomer, contributionOf, CustomerContribution } from './customer-aggregate.planner';
import type { MappingRules } from './mapping-rules.types';

/** One customer as the planning tool must hold it, its orders keyed by intervention id. */
export interface ExpectedCustomer {
  customer: PlanningCustomer;
  serviceOrders: Record<string, PlanningServiceOrder>;
  /** The assignments behind it, to name a difference without naming the person. */
  assignmentIds: string[];
}

/** Tenant -> identity number -> customer. */
export type ExpectedPlanningState = Map<string, Map<string, ExpectedCustomer>>;

// Ids in the expectation are irrelevant (compared by identity number and intervention id).
const ANY_IDS: PlanningIdSource = { customerId: () => 'C', serviceOrderId: (a, i) => `${a}/${i}` };

/**
 * What the planning tool must hold given the latest version of every assignment the case
 * system has: an oracle for the demo and the tests, computed from the whole truth at once
 * rather than version by version as the workers do. Quarantined assignments are left out
 * (their `assignmentIds` come back in `quarantined`).
 */
export function expectedPlanningState(latest: Assignment[], rules: MappingRules, today: string): { state: ExpectedPlanningState; quarantined: string[] } {
  const parts = new Map<string, { tenant: string; contributions: CustomerContribution[]; orders: Record<string, PlanningServiceOrder> }>();
  const quarantined: string[] = [];
  for (const assignment of latest) {
    const plan = mapAssignment(assignment, rules, ANY_IDS, today);
    if (plan.outcome === 'quarantine') quarantined.push(assignment.id);
    if (plan.outcome !== 'apply') continue;
    const key = `${plan.tenant}\u0000${assignment.client.identityNumber}`;
    const entry = parts.get(key) ?? { tenant: plan.tenant, contributions: [], orders: {} };
    entry.contributions.push(contributionOf(assignment, plan));
    for (const order of plan.serviceOrders) entry.orders[order.interventionId] = order.body;
    parts.set(key, entry);
  }
  const state: ExpectedPlanningState = new Map();
  for (const { tenant, contributions, orders } of parts.values()) {
    const customer = aggregateCustomer(contributions, today);
    const tenantState = state.get(tenant) ?? new Map<string, ExpectedCustomer>();
    tenantState.set(customer.identityNumber, { customer, serviceOrders: orders, assignmentIds: contributions.map((c) => c.assignmentId).sort() });
    state.set(tenant, tenantState);
  }
  return { state, quarantined };
}

/** What the planning tool holds, read back: tenant -> identity number -> customer and orders by intervention id. */
export type ActualPlanningState = Map<string, Map<string, { customer: Record<string, unknown>; serviceOrders: Record<string, Record<string, unknown>> }>>;

export interface PlanningStateDifference {
  tenant: string;
  /** Assignment ids behind the customer (never the identity number): what operations can look up. */
  ref: string;
  what: 'customer missing' | 'customer not expected' | 'customer differs' | 'service order missing' | 'service order not expected' | 'service order differs';
  /** Field names or intervention ids, never values. */
  detail?: string;
}

/**
 * Every difference between the expectation and what the planning tool holds, naming ids
 * and field names only. `normalise` states the equivalences of the contract (null ==
 * absent == empty list, …); the caller supplies it with what it read back.
 */
export function diffPlanningState(expected: ExpectedPlanningState, actual: ActualPlanningState, normalise: (v: unknown) => unknown): PlanningStateDifference[] {
  const out: PlanningStateDifference[] = [];
  const tenants = new Set([...expected.keys(), ...actual.keys()]);
  for (const tenant of [...tenants].sort()) {
    const want = expected.get(tenant) ?? new Map<string, ExpectedCustomer>();
    const have = actual.get(tenant) ?? new Map();
    for (const [identity, w] of want) {
      const ref = w.assignmentIds.join('+');
      const h = have.get(identity);
      if (!h) {
        out.push({ tenant, ref, what: 'customer missing' });
        continue;
      }
      const fields = differingKeys(normalise(w.customer), normalise(h.customer));
      if (fields.length > 0) out.push({ tenant, ref, what: 'customer differs', detail: fields.join(', ') });
      for (const id of Object.keys(w.serviceOrders)) {
        if (!(id in h.serviceOrders)) out.push({ tenant, ref, what: 'service order missing', detail: id });
        else if (differingKeys(normalise(w.serviceOrders[id]), normalise(h.serviceOrders[id])).length > 0) out.push({ tenant, ref, what: 'service order differs', detail: id });
      }
      for (const id of Object.keys(h.serviceOrders)) if (!(id in w.serviceOrders)) out.push({ tenant, ref, what: 'service order not expected', detail: id });
    }
    // A customer nobody expects has no assignment id to name it by: counted, never identified.
    let stray = 0;
    for (const identity of have.keys()) if (!want.has(identity)) stray++;
    if (stray > 0) out.push({ tenant, ref: '-', what: 'customer not expected', detail: `${stray} customer(s)` });
  }
  return out;
}

/** The top-level keys whose values differ (key order never counts): names only. */
export function differingKeys(a: unknown, b: unknown): string[] {
  const x = (a ?? {}) as Record<string, unknown>;
  const y = (b ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => canonical(x[k]) !== canonical(y[k])).sort();
}

/** JSON with object keys sorted, so that key order never counts as a difference. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The contract's equivalences (expected/README.md): null, [] and absent are the same; everyNthWeek 1 equals absence. */
export function normalisePlanning(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map((v) => normalisePlanning(v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const n = normalisePlanning(v, k);
      if (n !== undefined) out[k] = n;
    }
    return out;
  }
  return value === null || (key === 'everyNthWeek' && value === 1) ? undefined : value;
}
