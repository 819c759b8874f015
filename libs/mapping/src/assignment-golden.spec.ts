// The golden files live on disk beside the contracts; reading them is test-only I/O.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'node:fs';
import { contractsDir } from '@brygga/config';
import { parseUppdragsexport } from '@brygga/case-system';
import type { Assignment } from '@brygga/domain';
import { assignment as assignmentOf, intervention, testIds } from './assignment.fixture';
import type { AppliedAssignment, AssignmentPlan } from './assignment-plan.types';
import { mapAssignment } from './assignment.mapper';
import { planAssignmentWrites } from './assignment-writes.planner';
import { shippedMappingRules } from './schedule-rules.fixture';

const rules = shippedMappingRules();
const TODAY = '2026-11-23';
const contracts = contractsDir();

function parsed(name: string): Assignment {
  const [result] = parseUppdragsexport(readFileSync(`${contracts}/case-system/examples/${name}.xml`)).results;
  if (!result.ok) throw new Error(result.reasons.join('; '));
  return result.assignment;
}

function applied(plan: AssignmentPlan): Extract<AssignmentPlan, { outcome: 'apply' }> {
  if (plan.outcome !== 'apply') throw new Error(`expected apply, got ${plan.outcome}`);
  return plan;
}

/** The golden files' equivalences: null == absent == empty list; everyNthWeek 1 == absent. */
function normalise(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map((v) => normalise(v));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const n = normalise(v, k);
      if (n !== undefined) out[k] = n;
    }
    return out;
  }
  if (value === null || (key === 'everyNthWeek' && value === 1)) return undefined;
  return value;
}

interface Golden {
  tenants: Record<string, { customers: Record<string, { customer: unknown; serviceOrders: Record<string, unknown> }> }>;
  quarantined: unknown[];
}

/** After delivering the documents in order: each newer version replaces the last (state keyed by assignment id). */
function stateAfter(documents: string[]): Golden {
  const state = new Map<string, Extract<AssignmentPlan, { outcome: 'apply' }>>();
  for (const doc of documents) {
    const a = parsed(doc);
    state.set(a.id, applied(mapAssignment(a, rules, testIds, TODAY)));
  }
  const tenants: Golden['tenants'] = {};
  for (const plan of state.values()) {
    const customers = (tenants[plan.tenant] ??= { customers: {} }).customers;
    customers[plan.customer.identityNumber] = {
      customer: plan.customer,
      serviceOrders: Object.fromEntries(plan.serviceOrders.map((o) => [o.interventionId, o.body])),
    };
  }
  return { tenants, quarantined: [] };
}

describe('golden: the contract examples mapped as the planning tool must hold them', () => {
  it.each<[string, string[]]>([
    ['ny', ['uppdrag-ny']],
    ['andrad', ['uppdrag-ny', 'uppdrag-andrad']],
    ['avslutad', ['uppdrag-ny', 'uppdrag-andrad', 'uppdrag-avslutad']],
    ['latin1', ['uppdrag-latin1']],
  ])('after-uppdrag-%s.json', (name, documents) => {
    const golden: unknown = JSON.parse(readFileSync(`${contracts}/expected/after-uppdrag-${name}.json`, 'utf8'));
    const expected = normalise(golden);
    // Guards the comparison itself: the normalised golden still holds the orders.
    expect(JSON.stringify(expected)).toContain('"interventionId"');
    expect(normalise(stateAfter(documents))).toEqual(expected);
  });
});

describe('planAssignmentWrites', () => {
  const ny = applied(mapAssignment(parsed('uppdrag-ny'), rules, testIds, TODAY));
  const andrad = applied(mapAssignment(parsed('uppdrag-andrad'), rules, testIds, TODAY));
  const previousOf = (plan: typeof ny): AppliedAssignment => ({ tenant: plan.tenant, customerId: plan.customerId, serviceOrderIds: plan.serviceOrders.map((o) => o.id) });
  const customerPath = `/customers/${ny.customerId}`;
  const orderPath = (interventionId: string) => `${customerPath}/service-orders/${testIds.serviceOrderId('UPP-2026-0417', interventionId)}`;
  const summary = (writes: ReturnType<typeof planAssignmentWrites>) => writes.map(({ tenant, write }) => `${tenant} ${write.method} ${write.path}`);

  it('first delivery: the customer, then its orders', () => {
    expect(summary(planAssignmentWrites(undefined, ny))).toEqual([
      `kommunen PUT ${customerPath}`,
      ...['INS-1', 'INS-2', 'INS-3', 'INS-4'].map((i) => `kommunen PUT ${orderPath(i)}`),
    ]);
  });

  it('ny -> andrad: the customer, the current orders, then INS-4 deleted', () => {
    const writes = planAssignmentWrites(previousOf(ny), andrad);
    expect(summary(writes)).toEqual([
      `kommunen PUT ${customerPath}`,
      ...['INS-1', 'INS-2', 'INS-3', 'INS-5'].map((i) => `kommunen PUT ${orderPath(i)}`),
      `kommunen DELETE ${orderPath('INS-4')}`,
    ]);
    expect(writes[0].write).toEqual({ method: 'PUT', path: customerPath, body: andrad.customer });
  });

  it('makulerad: the customer is deleted', () => {
    const plan = mapAssignment({ ...parsed('uppdrag-andrad'), status: 'makulerad' }, rules, testIds, TODAY);
    expect(summary(planAssignmentWrites(previousOf(andrad), plan))).toEqual([`kommunen DELETE ${customerPath}`]);
  });

  it('a provider moved to another tenant: written at the new one, deleted at the old one', () => {
    const moved = applied(mapAssignment({ ...parsed('uppdrag-andrad'), provider: { code: 'OMSORGSHUSET', name: 'Omsorgshuset', regi: 'privat' } }, rules, testIds, TODAY));
    const writes = summary(planAssignmentWrites(previousOf(ny), moved));
    expect(writes[0]).toBe(`omsorgshuset PUT ${customerPath}`);
    expect(writes).toHaveLength(6);
    expect(writes[5]).toBe(`kommunen DELETE ${customerPath}`);
  });

  it('quarantined and unserved assignments write nothing', () => {
    const unknown = mapAssignment(assignmentOf([intervention({ id: 'INS-9', code: 'OKÄND' })]), rules, testIds, TODAY);
    expect(unknown.outcome).toBe('quarantine');
    expect(planAssignmentWrites(previousOf(ny), unknown)).toEqual([]);
    expect(planAssignmentWrites(undefined, { outcome: 'notServed', providerCode: 'X' })).toEqual([]);
  });
});
