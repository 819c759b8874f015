import type { Assignment } from '@brygga/domain';
import { assignment, intervention, testIds } from './assignment.fixture';
import { mapAssignment } from './assignment.mapper';
import { AppliedPlan, MaybeWritten, maybeWrittenBy, planAssignmentChange } from './assignment-writes.planner';
import { aggregateCustomer, contributionOf, CustomerContribution, CustomerPlace, placeKey } from './customer-aggregate.planner';
import { shippedMappingRules } from './schedule-rules.fixture';

const rules = shippedMappingRules();
const TODAY = '2026-11-23';
const CUSTOMER = testIds.customerId('19380412-5676');
const KOMMUNEN: CustomerPlace = { tenant: 'kommunen', customerId: CUSTOMER };
const OMSORGSHUSET: CustomerPlace = { tenant: 'omsorgshuset', customerId: CUSTOMER };
const putCustomer = `putCustomer ${CUSTOMER}`;
const deleteCustomer = `deleteCustomer ${CUSTOMER}`;
const putOrder = (a: string, i: string) => `putServiceOrder ${CUSTOMER} SO-${a}-${i}`;
const deleteOrder = (a: string, i: string) => `deleteServiceOrder ${CUSTOMER} SO-${a}-${i}`;

/** UPP-A: HT-NORR since 2026-11-23 with INS-1 and INS-2. UPP-B: HT-VÄST from 2027-01-16 with INS-41. */
const A = assignment([intervention({ id: 'INS-1' }), intervention({ id: 'INS-2', code: 'STAD' })], { id: 'UPP-A' });
const B = assignment([intervention({ id: 'INS-41' })], {
  id: 'UPP-B',
  startDate: '2027-01-16',
  changedAt: '2027-01-10T11:05:00+01:00',
  provider: { code: 'HT-VÄST', name: 'Hemtjänst Väst', regi: 'kommunal' },
  client: { ...A.client, address: { street: 'Västra Esplanaden 7', postalCode: '903 29', city: 'Umeå' } },
});
const ended = (a: Assignment, endDate: string, version = 2): Assignment => ({ ...a, version, status: 'avslutad', endDate });
const annulled = (a: Assignment): Assignment => ({ ...a, version: a.version + 1, status: 'makulerad' });

function planOf(a: Assignment): AppliedPlan {
  const plan = mapAssignment(a, rules, testIds, TODAY);
  if (plan.outcome === 'quarantine') throw new Error(plan.reasons.map((r) => r.text).join('; '));
  return plan;
}

function contribution(a: Assignment): CustomerContribution {
  const plan = planOf(a);
  if (plan.outcome !== 'apply') throw new Error('not applied');
  return contributionOf(a, plan);
}

function writesOf(a: Assignment, previous: CustomerPlace | undefined, held: Array<[CustomerPlace, Assignment[]]>, maybeWritten: MaybeWritten[] = []): string[] {
  const contributions = new Map(held.map(([place, as]): [string, CustomerContribution[]] => [placeKey(place), as.map(contribution)]));
  const { writes } = planAssignmentChange({ assignment: a, plan: planOf(a), previous, maybeWritten, contributions, today: TODAY });
  return writes.map(({ tenant, operation }) => [tenant, operation.kind, operation.customerId, ...('serviceOrderId' in operation ? [operation.serviceOrderId] : [])].join(' '));
}

describe('planAssignmentChange: one customer per client and tenant', () => {
  it.each<[string, Assignment, CustomerPlace | undefined, Array<[CustomerPlace, Assignment[]]>, string[]]>([
    ['first delivery: the customer, then its orders', A, undefined, [], [`kommunen ${putCustomer}`, `kommunen ${putOrder('UPP-A', 'INS-1')}`, `kommunen ${putOrder('UPP-A', 'INS-2')}`]],
    [
      'a withdrawn intervention: its order deleted after the others',
      { ...A, version: 2, decisions: [{ ...A.decisions[0], interventions: [intervention({ id: 'INS-1' })] }] },
      KOMMUNEN,
      [[KOMMUNEN, [A]]],
      [`kommunen ${putCustomer}`, `kommunen ${putOrder('UPP-A', 'INS-1')}`, `kommunen ${deleteOrder('UPP-A', 'INS-2')}`],
    ],
    ['the only assignment annulled: the customer deleted', annulled(A), KOMMUNEN, [[KOMMUNEN, [A]]], [`kommunen ${deleteCustomer}`]],
    [
      'one of two annulled: only its orders go, the customer is rewritten from the other',
      annulled(B),
      KOMMUNEN,
      [[KOMMUNEN, [A, B]]],
      [`kommunen ${putCustomer}`, `kommunen ${deleteOrder('UPP-B', 'INS-41')}`],
    ],
    [
      'a second assignment in the same tenant: its orders added, the other assignment untouched',
      B,
      undefined,
      [[KOMMUNEN, [A]]],
      [`kommunen ${putCustomer}`, `kommunen ${putOrder('UPP-B', 'INS-41')}`],
    ],
    ['annulled before it was ever applied, beside another: nothing to write', annulled(B), undefined, [[KOMMUNEN, [A]]], []],
    [
      'moved to a provider of another tenant: written there, deleted at the old one',
      { ...A, version: 2, provider: { code: 'OMSORGSHUSET', name: 'Omsorgshuset', regi: 'privat' } },
      KOMMUNEN,
      [[KOMMUNEN, [A]]],
      [`omsorgshuset ${putCustomer}`, `omsorgshuset ${putOrder('UPP-A', 'INS-1')}`, `omsorgshuset ${putOrder('UPP-A', 'INS-2')}`, `kommunen ${deleteCustomer}`],
    ],
    [
      'moved to another tenant while another assignment stays: only its orders leave the old customer',
      { ...A, version: 2, provider: { code: 'OMSORGSHUSET', name: 'Omsorgshuset', regi: 'privat' } },
      KOMMUNEN,
      [[KOMMUNEN, [A, B]], [OMSORGSHUSET, []]],
      [
        `omsorgshuset ${putCustomer}`,
        `omsorgshuset ${putOrder('UPP-A', 'INS-1')}`,
        `omsorgshuset ${putOrder('UPP-A', 'INS-2')}`,
        `kommunen ${putCustomer}`,
        `kommunen ${deleteOrder('UPP-A', 'INS-1')}`,
        `kommunen ${deleteOrder('UPP-A', 'INS-2')}`,
      ],
    ],
    ['moved to a provider not served: deleted where it was', { ...A, version: 2, provider: { code: 'PRIVAT-X', name: 'X', regi: 'privat' } }, KOMMUNEN, [[KOMMUNEN, [A]]], [`kommunen ${deleteCustomer}`]],
    ['a provider not served, never applied: nothing', { ...A, provider: { code: 'PRIVAT-X', name: 'X', regi: 'privat' } }, undefined, [], []],
  ])('%s', (_name, a, previous, held, expected) => {
    expect(writesOf(a, previous, held)).toEqual(expected);
  });
});

describe('planAssignmentChange after an apply that wrote and did not live to record it', () => {
  const onlyFirst = { ...A, version: 2, decisions: [{ ...A.decisions[0], interventions: [intervention({ id: 'INS-1' })] }] };

  it('withdraws an order that only the unrecorded apply wrote', () => {
    expect(writesOf(onlyFirst, undefined, [], [{ place: KOMMUNEN, orderIds: ['SO-UPP-A-INS-1', 'SO-UPP-A-INS-2'] }])).toEqual([
      `kommunen ${putCustomer}`,
      `kommunen ${putOrder('UPP-A', 'INS-1')}`,
      `kommunen ${deleteOrder('UPP-A', 'INS-2')}`,
    ]);
  });

  it('leaves a tenant the unrecorded apply wrote to, deleting the customer only if nothing else is there', () => {
    expect(writesOf(A, undefined, [], [{ place: OMSORGSHUSET, orderIds: ['SO-UPP-A-INS-1'] }]).slice(-1)).toEqual([`omsorgshuset ${deleteCustomer}`]);
    expect(writesOf(A, undefined, [[OMSORGSHUSET, [B]]], [{ place: OMSORGSHUSET, orderIds: ['SO-UPP-A-INS-1'] }]).slice(-2)).toEqual([
      `omsorgshuset ${putCustomer}`,
      `omsorgshuset ${deleteOrder('UPP-A', 'INS-1')}`,
    ]);
  });

  it('names, before sending, what the change may leave written beyond the recorded parts', () => {
    const earlier = [{ place: OMSORGSHUSET, orderIds: ['SO-UPP-A-INS-9'] }];
    expect(maybeWrittenBy(planOf(onlyFirst), earlier)).toEqual([...earlier, { place: KOMMUNEN, orderIds: ['SO-UPP-A-INS-1'] }]);
    expect(maybeWrittenBy(planOf(annulled(A)))).toEqual([]);
    // Noted again by a job that came back later: nothing grows.
    const once = maybeWrittenBy(planOf(onlyFirst), earlier);
    expect(maybeWrittenBy(planOf(onlyFirst), once)).toEqual(once);
  });
});

describe('planAssignmentChange: what the writes replace (part of their Idempotency-Key)', () => {
  const replaces = (a: Assignment, previous: CustomerPlace | undefined, held: Array<[CustomerPlace, Assignment[]]>, maybeWritten: MaybeWritten[] = []) => {
    const contributions = new Map(held.map(([place, as]): [string, CustomerContribution[]] => [placeKey(place), as.map(contribution)]));
    return planAssignmentChange({ assignment: a, plan: planOf(a), previous, maybeWritten, contributions, today: TODAY }).replaces;
  };
  it.each<[string, Assignment, CustomerPlace | undefined, Array<[CustomerPlace, Assignment[]]>, MaybeWritten[], string]>([
    ['nothing recorded', A, undefined, [], [], ''],
    ['its own earlier version', { ...A, version: 2 }, KOMMUNEN, [[KOMMUNEN, [A]]], [], 'UPP-A@1'],
    ['another assignment recorded there since: another key for the same body', A, undefined, [[KOMMUNEN, [B]]], [], 'UPP-B@1'],
    ['in name order, whatever order they were stored in', { ...A, version: 2 }, KOMMUNEN, [[KOMMUNEN, [B, A]]], [], 'UPP-A@1,UPP-B@1'],
    ['every place it touches: where it goes, then where an unrecorded apply wrote', A, undefined, [[OMSORGSHUSET, [B]]], [{ place: OMSORGSHUSET, orderIds: ['SO-UPP-A-INS-1'] }], ';UPP-B@1'],
  ])('%s', (_name, a, previous, held, maybeWritten, expected) => {
    expect(replaces(a, previous, held, maybeWritten)).toBe(expected);
  });
});

describe('aggregateCustomer: the fields of the assignment in force, activeUntil only when none is aktiv', () => {
  const street = (c: ReturnType<typeof aggregateCustomer>) => c.address.street;
  it.each<[string, Assignment[], string, boolean, string | undefined]>([
    ['one aktiv', [A], 'Gatan 1', true, undefined],
    ['two aktiv: the latest startdatum', [B, A], 'Västra Esplanaden 7', true, undefined],
    ['the old one ended, the new one aktiv: the new one, no activeUntil', [ended(A, '2027-01-15'), B], 'Västra Esplanaden 7', true, undefined],
    ['the new one ended too: the latest slutdatum, activeUntil it', [ended(A, '2027-01-15'), ended(B, '2027-02-01')], 'Västra Esplanaden 7', true, '2027-02-01'],
    ['both ended and past: inactive', [ended(A, '2026-11-01'), ended(B, '2026-11-20')], 'Västra Esplanaden 7', false, '2026-11-20'],
    ['an aktiv one with an earlier start still beats an ended one', [A, ended(B, '2027-03-01')], 'Gatan 1', true, undefined],
  ])('%s', (_name, as, expectedStreet, active, activeUntil) => {
    const customer = aggregateCustomer(as.map(contribution), TODAY);
    expect([street(customer), customer.active, customer.activeUntil]).toEqual([expectedStreet, active, activeUntil]);
  });

  it('equal dates: the latest andrad, whatever the order given', () => {
    const later = { ...B, startDate: A.startDate, changedAt: '2026-12-01T10:00:00+01:00' };
    expect(street(aggregateCustomer([A, later].map(contribution), TODAY))).toBe('Västra Esplanaden 7');
    expect(street(aggregateCustomer([later, A].map(contribution), TODAY))).toBe('Västra Esplanaden 7');
  });
});
