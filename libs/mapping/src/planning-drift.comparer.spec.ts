import type { PlanningCustomer, PlanningServiceOrder, PlanningStaff, PlanningStaffDay } from '@brygga/domain';
import { customerDrift, type IntendedCustomer, type IntendedStaff, type ReadCustomer, type ReadStaff, staffDrift } from './planning-drift.comparer';

const idOf = (a: string, i: string) => `SO-${a}-${i}`;

const customer: PlanningCustomer = {
  identityNumber: '191212121212',
  protectedIdentity: false,
  firstName: 'Tolvan',
  lastName: 'Tolvansson',
  address: { street: 'Gatan 1', postalCode: '12345', city: 'Staden' },
  key: { kind: 'NONE' },
  teamId: 'T-1',
  active: true,
};

function order(interventionId: string, minutesPerVisit = 20): PlanningServiceOrder {
  return {
    activityCode: 'PH',
    title: 'Personlig hygien',
    minutesPerVisit,
    staffPerVisit: 1,
    requiredSkills: [],
    schedule: { kind: 'DAILY', visits: [{ earliest: '07:00', latest: '09:00' }] },
    validFrom: '2026-11-23',
    source: { system: 's', assignmentId: 'UPP-1', assignmentVersion: 1, decisionId: 'B-1', interventionId, interventionCode: 'PH' },
  };
}

const intended: IntendedCustomer = { tenant: 't', customerId: 'C-1', customer, serviceOrders: { 'SO-UPP-1-INS-1': order('INS-1'), 'SO-UPP-1-INS-2': order('INS-2') } };
const at = { flow: 'f', tenant: 't', customerId: 'C-1' };

describe('customerDrift: the planning tool\'s customer against the one Brygga would send now (ids and field names only)', () => {
  const cases: Array<[string, ReadCustomer, object[]]> = [
    ['the same (an empty list read as absent, key order aside)', { customer: { ...customer, contactStaffIds: [] }, serviceOrders: [order('INS-2'), order('INS-1')] }, []],
    ['missing: one item, not one per order', { customer: undefined }, [{ ...at, kind: 'customerMissing' }]],
    ['a field changed by hand', { customer: { ...customer, teamId: 'T-2', address: { ...customer.address, city: 'X' } }, serviceOrders: [order('INS-1'), order('INS-2')] }, [{ ...at, kind: 'customerDiffers', fields: ['address', 'teamId'] }]],
    ['an order missing', { customer, serviceOrders: [order('INS-1')] }, [{ ...at, kind: 'serviceOrderMissing', serviceOrderId: 'SO-UPP-1-INS-2' }]],
    ['an order differing', { customer, serviceOrders: [order('INS-1', 45), order('INS-2')] }, [{ ...at, kind: 'serviceOrderDiffers', serviceOrderId: 'SO-UPP-1-INS-1', fields: ['minutesPerVisit'] }]],
    ['an extra order, named by the id its source gives', { customer, serviceOrders: [order('INS-1'), order('INS-2'), order('INS-9')] }, [{ ...at, kind: 'serviceOrderExtra', serviceOrderId: 'SO-UPP-1-INS-9' }]],
    ['an extra order without a source: counted, no id', { customer, serviceOrders: [order('INS-1'), order('INS-2'), { title: 'x' }] }, [{ ...at, kind: 'serviceOrderExtra' }]],
  ];
  it.each(cases)('%s', (_name, read, expected) => {
    expect(customerDrift('f', intended, read, idOf)).toEqual(expected);
  });

  it('never carries a value', () => {
    const items = customerDrift('f', intended, { customer: { ...customer, lastName: 'Annan' }, serviceOrders: [] }, idOf);
    expect(JSON.stringify(items)).not.toMatch(/Tolvan|Annan|191212/);
  });
});

const staff: PlanningStaff = { employmentNumber: 'E1', firstName: 'A', lastName: 'B', teamId: 'T-1', skills: ['USK'] };
const day: PlanningStaffDay = { shifts: [{ start: '2026-11-24T07:00:00+01:00', end: '2026-11-24T15:00:00+01:00', breaks: [] }], absences: [] };
const intendedStaff: IntendedStaff = { tenant: 't', staffId: 'E1', staff, days: { '2026-11-24': day, '2026-11-25': { shifts: [], absences: [] } } };
const st = { flow: 'f', tenant: 't', staffId: 'E1' };

describe('staffDrift: the staff record and its days over the horizon', () => {
  const cases: Array<[string, ReadStaff, object[]]> = [
    ['the same (an empty day the tool never had is the same as empty)', { staff, days: { '2026-11-24': day } }, []],
    ['missing', { staff: undefined, days: {} }, [{ ...st, kind: 'staffMissing' }]],
    ['skills changed by hand', { staff: { ...staff, skills: ['VB'] }, days: { '2026-11-24': day } }, [{ ...st, kind: 'staffDiffers', fields: ['skills'] }]],
    ['a day emptied', { staff, days: { '2026-11-24': { shifts: [], absences: [] } } }, [{ ...st, kind: 'staffDayDiffers', date: '2026-11-24', fields: ['shifts'] }]],
    ['a day filled that should be empty', { staff, days: { '2026-11-24': day, '2026-11-25': day } }, [{ ...st, kind: 'staffDayDiffers', date: '2026-11-25', fields: ['shifts'] }]],
  ];
  it.each(cases)('%s', (_name, read, expected) => {
    expect(staffDrift('f', intendedStaff, read)).toEqual(expected);
  });
});
