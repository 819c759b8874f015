import type { PlanningOperation, PlanningOperationKind, PlanningOperationOf } from '@brygga/domain';

/** One operation as HTTP; `path` is relative to the tenant's `/api/v1`. */
export interface PlanningRequest {
  method: 'PUT' | 'DELETE';
  path: string;
  body?: object;
}

interface OperationRoute<K extends PlanningOperationKind> {
  method: PlanningRequest['method'];
  /** What messages call it: ids may be meaningful, so they never appear there. */
  resource: string;
  path(operation: PlanningOperationOf<K>): string;
  body?(operation: PlanningOperationOf<K>): object;
}

// Every id becomes one encoded path segment, so no id can reach another path or host.
const segment = encodeURIComponent;
const customer = (customerId: string) => `/customers/${segment(customerId)}`;
const serviceOrder = (customerId: string, serviceOrderId: string) => `${customer(customerId)}/service-orders/${segment(serviceOrderId)}`;
const staff = (staffId: string) => `/staff/${segment(staffId)}`;

/** planning-tool/openapi.yaml, one entry per write it offers. */
const ROUTES: { [K in PlanningOperationKind]: OperationRoute<K> } = {
  putCustomer: { method: 'PUT', resource: 'customer', path: (o) => customer(o.customerId), body: (o) => o.customer },
  deleteCustomer: { method: 'DELETE', resource: 'customer', path: (o) => customer(o.customerId) },
  putServiceOrder: { method: 'PUT', resource: 'service order', path: (o) => serviceOrder(o.customerId, o.serviceOrderId), body: (o) => o.serviceOrder },
  deleteServiceOrder: { method: 'DELETE', resource: 'service order', path: (o) => serviceOrder(o.customerId, o.serviceOrderId) },
  putStaff: { method: 'PUT', resource: 'staff', path: (o) => staff(o.staffId), body: (o) => o.staff },
  putStaffDay: { method: 'PUT', resource: 'staff day', path: (o) => `${staff(o.staffId)}/days/${segment(o.date)}`, body: (o) => o.day },
};

function routeOf<K extends PlanningOperationKind>(operation: PlanningOperationOf<K>): OperationRoute<K> {
  return ROUTES[operation.kind as K];
}

/** The request that performs an operation. */
export function requestOf(operation: PlanningOperation): PlanningRequest {
  const route = routeOf(operation);
  const body = route.body?.(operation);
  return { method: route.method, path: route.path(operation), ...(body !== undefined && { body }) };
}

/** The operation in words for messages (`PUT service order`), from its kind alone. */
export function describeOperation(operation: PlanningOperation): string {
  const route = ROUTES[operation.kind];
  return `${route.method} ${route.resource}`;
}

/** One of the contract's reads (what a reconciliation compares with). */
export type PlanningRead =
  | { kind: 'customer'; customerId: string }
  | { kind: 'serviceOrders'; customerId: string }
  | { kind: 'staff'; staffId: string }
  | { kind: 'staffDay'; staffId: string; date: string };

/** The GET path of a read, relative to the tenant's `/api/v1`; every id one encoded segment. */
export function readPathOf(read: PlanningRead): string {
  switch (read.kind) {
    case 'customer':
      return customer(read.customerId);
    case 'serviceOrders':
      return `${customer(read.customerId)}/service-orders`;
    case 'staff':
      return staff(read.staffId);
    case 'staffDay':
      return `${staff(read.staffId)}/days/${segment(read.date)}`;
  }
}
