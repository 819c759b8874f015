import type { PlanningCustomer, PlanningServiceOrder, PlanningStaff, PlanningStaffDay } from '@brygga/domain';
import type { TenantState } from './planning-tool.store';
import { problemResult, type ApiResult } from './problem';

/** One contract operation on a tenant, called only after its parameters and body passed the schemas. */
export type ResourceHandler = (tenant: TenantState, params: Record<string, string>, body: unknown) => ApiResult;

const notFound = (what: string, id: string): ApiResult => problemResult(404, 'Not found', `no ${what} with id ${id}`);

/** A GET answer: the found body (200), or a 404 naming what was looked for. */
const found = (body: unknown, what: string, id: string): ApiResult => (body !== undefined ? { status: 200, body } : notFound(what, id));

/**
 * A PUT of a top-level record (customer, staff member): replaces the record's own body (200) and
 * keeps what hangs under it (service orders, days), or creates it with nothing below (201).
 */
function replaceOrCreate<R extends object, K extends keyof R>(records: Map<string, R>, id: string, own: Pick<R, K>, emptyBelow: () => Omit<R, K>): ApiResult {
  const record = records.get(id);
  if (record) {
    Object.assign(record, own);
    return { status: 200 };
  }
  // Pick<R, K> and Omit<R, K> together are an R, which the compiler cannot see for a generic R.
  records.set(id, { ...own, ...emptyBelow() } as R);
  return { status: 201 };
}

/** Handlers by `METHOD kind`; the performed-visits feed and the batch live in their own services. */
export const RESOURCE_HANDLERS: Record<string, ResourceHandler> = {
  'GET customer': (t, p) => found(t.customers.get(p.customerId)?.customer, 'customer', p.customerId),
  'PUT customer': (t, p, body) => replaceOrCreate(t.customers, p.customerId, { customer: body as PlanningCustomer }, () => ({ serviceOrders: new Map() })),
  'DELETE customer': (t, p) => {
    t.customers.delete(p.customerId);
    return { status: 204 };
  },
  'GET service-orders': (t, p) => {
    const record = t.customers.get(p.customerId);
    return found(record && [...record.serviceOrders.values()], 'customer', p.customerId);
  },
  'PUT service-order': (t, p, body) => {
    const record = t.customers.get(p.customerId);
    if (!record) return notFound('customer', p.customerId);
    const existed = record.serviceOrders.has(p.serviceOrderId);
    record.serviceOrders.set(p.serviceOrderId, body as PlanningServiceOrder);
    return { status: existed ? 200 : 201 };
  },
  'DELETE service-order': (t, p) => {
    t.customers.get(p.customerId)?.serviceOrders.delete(p.serviceOrderId);
    return { status: 204 };
  },
  'GET staff': (t, p) => found(t.staff.get(p.staffId)?.staff, 'staff member', p.staffId),
  'PUT staff': (t, p, body) => replaceOrCreate(t.staff, p.staffId, { staff: body as PlanningStaff }, () => ({ days: new Map() })),
  'GET staff-day': (t, p) => found(t.staff.get(p.staffId)?.days.get(p.date), 'staff day', `${p.staffId}/${p.date}`),
  'PUT staff-day': (t, p, body) => {
    const record = t.staff.get(p.staffId);
    if (!record) return notFound('staff member', p.staffId);
    // The contract answers 200 "replaced" whether or not the day was sent before.
    record.days.set(p.date, body as PlanningStaffDay);
    return { status: 200 };
  },
};
