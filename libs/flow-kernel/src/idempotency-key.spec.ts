import type { PlanningOperation, PlanningStaffDay } from '@brygga/domain';
import { idempotencyKey } from './idempotency-key';

const day: PlanningStaffDay = { shifts: [{ start: '2026-11-23T07:00:00+01:00', end: '2026-11-23T16:00:00+01:00', teamId: 'NORR-1', breaks: [] }], absences: [] };
const putDay: PlanningOperation = { kind: 'putStaffDay', staffId: 'E1', date: '2026-11-23', day };
const key = (operation: PlanningOperation, scope = 'job-1', rules = 'r1') => idempotencyKey(scope, operation, rules);

describe('idempotencyKey', () => {
  it('is the same for the same job and the same operation, whatever the order of its fields', () => {
    const rebuilt: PlanningOperation = { day: structuredClone(day), date: '2026-11-23', staffId: 'E1', kind: 'putStaffDay' };
    expect(key(rebuilt)).toBe(key(putDay));
    expect(key(putDay)).toMatch(/^brygga-[0-9a-f]{48}$/);
  });

  it.each<[string, () => string]>([
    ['another job', () => key(putDay, 'job-2')],
    ['other rules', () => key(putDay, 'job-1', 'r2')],
    ['another date', () => key({ ...putDay, date: '2026-11-24' } as PlanningOperation)],
    ['another staff member', () => key({ ...putDay, staffId: 'E2' } as PlanningOperation)],
    ['another body', () => key({ ...putDay, day: { shifts: [], absences: [] } } as PlanningOperation)],
    ['another kind', () => key({ kind: 'deleteCustomer', customerId: 'C-1' })],
  ])('differs for %s', (_name, other) => {
    expect(other()).not.toBe(key(putDay));
  });

  it('tells a customer delete from a service-order delete under it', () => {
    expect(key({ kind: 'deleteCustomer', customerId: 'C-1' })).not.toBe(key({ kind: 'deleteServiceOrder', customerId: 'C-1', serviceOrderId: 'SO-1' }));
  });
});
