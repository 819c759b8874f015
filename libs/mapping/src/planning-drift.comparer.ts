import type { DriftItem, PlanningCustomer, PlanningServiceOrder, PlanningStaff, PlanningStaffDay } from '@brygga/domain';
import { differingKeys, normalisePlanning } from './expected-planning.state';

/** One customer as Brygga would send it now: its body and its service orders by service order id. */
export interface IntendedCustomer {
  tenant: string;
  customerId: string;
  customer: PlanningCustomer;
  serviceOrders: Record<string, PlanningServiceOrder>;
}

/** The planning tool's record of a customer as read back: undefined customer when it answered 404. */
export interface ReadCustomer {
  customer?: unknown;
  serviceOrders?: unknown[];
}

/** One staff member as Brygga would send it now, and its days over the horizon by date. */
export interface IntendedStaff {
  tenant: string;
  staffId: string;
  staff: PlanningStaff;
  days: Record<string, PlanningStaffDay>;
}

/** The planning tool's staff record as read back (undefined: 404), and each day read (undefined: 404). */
export interface ReadStaff {
  staff?: unknown;
  days: Record<string, unknown>;
}

/**
 * The planning tool's list of a customer's orders carries no ids: an order is known by its
 * source (assignment and intervention), from which its id is made as when it was sent.
 */
export type ServiceOrderIdOf = (assignmentId: string, interventionId: string) => string;

const EMPTY_DAY: PlanningStaffDay = { shifts: [], absences: [] };

/**
 * What differs between a customer Brygga would send now and what the planning tool holds:
 * the customer missing (its orders went with it, one item says it), its differing field
 * names, and each order missing, extra or differing. Never a value.
 */
export function customerDrift(flow: string, intended: IntendedCustomer, read: ReadCustomer, serviceOrderIdOf: ServiceOrderIdOf): DriftItem[] {
  const at = { flow, tenant: intended.tenant, customerId: intended.customerId };
  if (read.customer === undefined) return [{ ...at, kind: 'customerMissing' }];
  const out: DriftItem[] = [];
  const fields = differingKeys(normalisePlanning(intended.customer), normalisePlanning(read.customer));
  if (fields.length > 0) out.push({ ...at, kind: 'customerDiffers', fields });
  const held = new Map<string, unknown>();
  const unknownSource: unknown[] = [];
  for (const order of read.serviceOrders ?? []) {
    const id = idOfRead(order, serviceOrderIdOf);
    if (id === undefined) unknownSource.push(order);
    else held.set(id, order);
  }
  for (const [serviceOrderId, body] of Object.entries(intended.serviceOrders).sort(byKey)) {
    const have = held.get(serviceOrderId);
    if (have === undefined) {
      out.push({ ...at, kind: 'serviceOrderMissing', serviceOrderId });
      continue;
    }
    const orderFields = differingKeys(normalisePlanning(body), normalisePlanning(have));
    if (orderFields.length > 0) out.push({ ...at, kind: 'serviceOrderDiffers', serviceOrderId, fields: orderFields });
  }
  for (const serviceOrderId of [...held.keys()].sort()) {
    if (!(serviceOrderId in intended.serviceOrders)) out.push({ ...at, kind: 'serviceOrderExtra', serviceOrderId });
  }
  // An order without a readable source cannot be named by an id: counted, and never deleted by a repair.
  for (let i = 0; i < unknownSource.length; i++) out.push({ ...at, kind: 'serviceOrderExtra' });
  return out;
}

/**
 * What differs between a staff member Brygga would send now and the planning tool's
 * record: missing, its differing field names, and each day over the horizon that differs
 * (a day the tool does not have is an empty day, as the contract's replace-the-day means).
 */
export function staffDrift(flow: string, intended: IntendedStaff, read: ReadStaff): DriftItem[] {
  const at = { flow, tenant: intended.tenant, staffId: intended.staffId };
  if (read.staff === undefined) return [{ ...at, kind: 'staffMissing' }];
  const out: DriftItem[] = [];
  const fields = differingKeys(normalisePlanning(intended.staff), normalisePlanning(read.staff));
  if (fields.length > 0) out.push({ ...at, kind: 'staffDiffers', fields });
  for (const [date, day] of Object.entries(intended.days).sort(byKey)) {
    const dayFields = differingKeys(normalisePlanning(day), normalisePlanning(read.days[date] ?? EMPTY_DAY));
    if (dayFields.length > 0) out.push({ ...at, kind: 'staffDayDiffers', date, fields: dayFields });
  }
  return out;
}

function idOfRead(order: unknown, serviceOrderIdOf: ServiceOrderIdOf): string | undefined {
  const source = (order as { source?: { assignmentId?: unknown; interventionId?: unknown } } | null)?.source;
  if (typeof source?.assignmentId !== 'string' || typeof source.interventionId !== 'string') return undefined;
  return serviceOrderIdOf(source.assignmentId, source.interventionId);
}

function byKey<T>(a: [string, T], b: [string, T]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
