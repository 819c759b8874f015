import type { PlanningCustomer, PlanningServiceOrder, PlanningStaff, PlanningStaffDay } from '@brygga/domain';
import type { TenantState } from './planning-tool.store';
import { problemResult, type ApiResult } from './problem';

/** One contract operation on a tenant, called only after its parameters and body passed the schemas. */
export type ResourceHandler = (tenant: TenantState, params: Record<string, string>, body: unknown) => ApiResult;

const notFound = (what: string, id: string): ApiResult => problemResult(404, 'Not found', `no ${what} with id ${id}`);

/** Handlers by `METHOD kind`; the performed-visits feed and the batch live in their own services. */
export const RESOURCE_HANDLERS: Record<string, ResourceHandler> = {
  'GET customer': (t, p) => {
    const record = t.customers.get(p.customerId);
    return record ? { status: 200, body: record.customer } : notFound('customer', p.customerId);
  },
  'PUT customer': (t, p, body) => {
    const record = t.customers.get(p.customerId);
    if (record) {
      record.customer = body as PlanningCustomer;
      return { status: 200 };
    }
    t.customers.set(p.customerId, { customer: body as PlanningCustomer, serviceOrders: new Map() });
    return { status: 201 };
  },
  'DELETE customer': (t, p) => {
    t.customers.delete(p.customerId);
    return { status: 204 };
  },
  'GET service-orders': (t, p) => {
    const record = t.customers.get(p.customerId);
    return record ? { status: 200, body: [...record.serviceOrders.values()] } : notFound('customer', p.customerId);
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
  'GET staff': (t, p) => {
    const record = t.staff.get(p.staffId);
    return record ? { status: 200, body: record.staff } : notFound('staff member', p.staffId);
  },
  'PUT staff': (t, p, body) => {
    const record = t.staff.get(p.staffId);
    if (record) {
      record.staff = body as PlanningStaff;
      return { status: 200 };
    }
    t.staff.set(p.staffId, { staff: body as PlanningStaff, days: new Map() });
    return { status: 201 };
  },
  'GET staff-day': (t, p) => {
    const day = t.staff.get(p.staffId)?.days.get(p.date);
    return day ? { status: 200, body: day } : notFound('staff day', `${p.staffId}/${p.date}`);
  },
  'PUT staff-day': (t, p, body) => {
    const record = t.staff.get(p.staffId);
    if (!record) return notFound('staff member', p.staffId);
    // The contract answers 200 "replaced" whether or not the day was sent before.
    record.days.set(p.date, body as PlanningStaffDay);
    return { status: 200 };
  },
};
