import type { PlanningServiceOrder } from '@brygga/domain';
import { ReplayTally } from '@brygga/flow-kernel';
import type { AssignmentPlan, PlannedServiceOrder } from '@brygga/mapping';
import { aCustomer } from '@brygga/testing';
import { diffAssignmentPlans } from './assignment-replay.diff';

const customer = aCustomer({ teamId: 'T-1' });

function order(id: string, minutes = 20, overrides: Partial<PlanningServiceOrder> = {}): PlannedServiceOrder {
  const body: PlanningServiceOrder = {
    activityCode: 'OMV-HYG',
    title: 'Personlig hygien',
    minutesPerVisit: minutes,
    staffPerVisit: 1,
    requiredSkills: [],
    schedule: { kind: 'DAILY', visitsPerPeriod: 1 },
    validFrom: '2026-11-23',
    source: { system: 's', assignmentId: 'UPP-1', assignmentVersion: 1, decisionId: 'B-1', interventionId: id, interventionCode: 'PH' },
    ...overrides,
  };
  return { id: `SO-${id}`, interventionId: id, body };
}

function applied(orders: PlannedServiceOrder[], overrides: { teamId?: string; tenant?: string; rulesVersion?: string } = {}): AssignmentPlan {
  return { outcome: 'apply', tenant: overrides.tenant ?? 'kommunen', customerId: 'C-1', customer: { ...customer, teamId: overrides.teamId ?? 'T-1' }, serviceOrders: orders, rulesVersion: overrides.rulesVersion ?? 'aaaaaaaaaaaa' };
}

const quarantine: AssignmentPlan = { outcome: 'quarantine', reasons: [{ code: 'mapping.unknown-intervention-code', path: 'Insats[1]', text: 'unknown code XYZ' }] };

describe('diffAssignmentPlans', () => {
  const cases: Array<[string, AssignmentPlan, AssignmentPlan, ReturnType<typeof diffAssignmentPlans>]> = [
    ['the same plan under another rules version: no change', applied([order('INS-1')]), applied([order('INS-1')], { rulesVersion: 'bbbbbbbbbbbb' }), undefined],
    [
      'a standard time that changes: the order changed, its field named',
      applied([order('INS-1'), order('INS-2')]),
      applied([order('INS-1', 25), order('INS-2')]),
      { flow: 'interventions', id: 'UPP-1', kinds: ['ordersChanged'], fields: ['serviceOrder.minutesPerVisit'], orders: { added: [], removed: [], changed: ['SO-INS-1'] } },
    ],
    [
      'an order added and one removed (a code that becomes planned, one that no longer is)',
      applied([order('INS-1')]),
      applied([order('INS-2')]),
      { flow: 'interventions', id: 'UPP-1', kinds: ['ordersAdded', 'ordersRemoved'], fields: [], orders: { added: ['SO-INS-2'], removed: ['SO-INS-1'], changed: [] } },
    ],
    [
      "the provider's team: the customer named, never the value",
      applied([order('INS-1')]),
      applied([order('INS-1')], { teamId: 'T-2' }),
      { flow: 'interventions', id: 'UPP-1', kinds: ['customerTeamChanged'], fields: ['customer.teamId'], orders: { added: [], removed: [], changed: [] }, customers: ['kommunen/C-1'] },
    ],
    ['still quarantined: nothing would be written', quarantine, { ...quarantine, reasons: [] }, undefined],
    [
      'newly accepted: its orders and the reasons it was quarantined for',
      quarantine,
      applied([order('INS-1')]),
      { flow: 'interventions', id: 'UPP-1', kinds: ['newlyAccepted'], fields: ['outcome'], orders: { added: ['SO-INS-1'], removed: [], changed: [] }, reasons: ['mapping.unknown-intervention-code'] },
    ],
    ['newly quarantined, with the reasons', applied([order('INS-1')]), quarantine, { flow: 'interventions', id: 'UPP-1', kinds: ['newlyQuarantined'], fields: ['outcome'], reasons: ['mapping.unknown-intervention-code'] }],
    [
      'a provider no longer served: its orders removed',
      applied([order('INS-1')]),
      { outcome: 'notServed', providerCode: 'HT-NORR' },
      { flow: 'interventions', id: 'UPP-1', kinds: ['ordersRemoved'], fields: ['outcome'], orders: { added: [], removed: ['SO-INS-1'], changed: [] } },
    ],
  ];

  it.each(cases)('%s', (_name, inForce, candidate, expected) => {
    expect(diffAssignmentPlans('UPP-1', inForce, candidate)).toEqual(expected);
  });

  it('nested fields are named by path, and free texts by their name only', () => {
    const item = diffAssignmentPlans('UPP-1', applied([order('INS-1')]), applied([order('INS-1', 20, { schedule: { kind: 'DAILY', visitsPerPeriod: 2 }, note: 'ny text om personen' })]));
    expect(item?.fields).toEqual(['serviceOrder.note', 'serviceOrder.schedule.visitsPerPeriod']);
    expect(JSON.stringify(item)).not.toContain('ny text');
  });
});

describe('ReplayTally', () => {
  it('counts orders by order, a customer whose team changes once, newly accepted orders not as added', () => {
    const tally = new ReplayTally();
    const team = diffAssignmentPlans('UPP-1', applied([order('INS-1')]), applied([order('INS-1', 25)], { teamId: 'T-2' }));
    const again = diffAssignmentPlans('UPP-2', applied([order('INS-1')]), applied([order('INS-1')], { teamId: 'T-2' }));
    const accepted = diffAssignmentPlans('UPP-3', quarantine, applied([order('INS-1'), order('INS-2')]));
    for (const item of [team, again, accepted]) if (item) tally.add(item);
    expect(tally.counts).toEqual({ ordersAdded: 0, ordersRemoved: 0, ordersChanged: 1, customerTeamChanged: 1, staffSkillsChanged: 0, newlyQuarantined: 0, newlyAccepted: 1 });
  });
});
