import { aCustomer, aServiceOrder } from '@brygga/testing';
import type { PlanningOperation, PlanningStaff, PlanningStaffDay } from '@brygga/domain';
import { describeOperation, PlanningRequest, requestOf } from './planning-operation.requests';

const customer = aCustomer();
const serviceOrder = aServiceOrder();
const staff: PlanningStaff = { employmentNumber: 'E1', firstName: 'A', lastName: 'B', teamId: 'NORR-1', skills: [] };
const day: PlanningStaffDay = { shifts: [], absences: [] };

describe('requestOf: every operation of the contract as its request', () => {
  it.each<[PlanningOperation, PlanningRequest, string]>([
    [{ kind: 'putCustomer', customerId: 'C-1', customer }, { method: 'PUT', path: '/customers/C-1', body: customer }, 'PUT customer'],
    [{ kind: 'deleteCustomer', customerId: 'C-1' }, { method: 'DELETE', path: '/customers/C-1' }, 'DELETE customer'],
    [
      { kind: 'putServiceOrder', customerId: 'C-1', serviceOrderId: 'SO-1', serviceOrder },
      { method: 'PUT', path: '/customers/C-1/service-orders/SO-1', body: serviceOrder },
      'PUT service order',
    ],
    [{ kind: 'deleteServiceOrder', customerId: 'C-1', serviceOrderId: 'SO-1' }, { method: 'DELETE', path: '/customers/C-1/service-orders/SO-1' }, 'DELETE service order'],
    [{ kind: 'putStaff', staffId: 'E1', staff }, { method: 'PUT', path: '/staff/E1', body: staff }, 'PUT staff'],
    [{ kind: 'putStaffDay', staffId: 'E1', date: '2026-11-23', day }, { method: 'PUT', path: '/staff/E1/days/2026-11-23', body: day }, 'PUT staff day'],
  ])('%o', (operation, request, description) => {
    expect(requestOf(operation)).toEqual(request);
    expect(describeOperation(operation)).toBe(description);
  });

  it('keeps every id one path segment, whatever it holds', () => {
    const { path } = requestOf({ kind: 'deleteServiceOrder', customerId: 'http://elsewhere/x', serviceOrderId: 'a/../b?c#d' });
    expect(path).toBe('/customers/http%3A%2F%2Felsewhere%2Fx/service-orders/a%2F..%2Fb%3Fc%23d');
  });

  it('names an operation without any of its ids', () => {
    expect(describeOperation({ kind: 'putStaffDay', staffId: 'E10377', date: '2026-11-23', day })).not.toMatch(/E10377|2026/);
  });
});
