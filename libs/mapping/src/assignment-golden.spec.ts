// The golden files live on disk beside the contracts; reading them is test-only I/O.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'node:fs';
import { contractsDir } from '@brygga/config';
import { parseUppdragsexport } from '@brygga/case-system';
import type { Assignment, PlanningCustomer, PlanningOperationOf, PlanningServiceOrder } from '@brygga/domain';
import { testIds } from './assignment.fixture';
import type { CustomerOperation, TenantOperation } from './assignment-plan.types';
import { mapAssignment } from './assignment.mapper';
import { planAssignmentChange } from './assignment-writes.planner';
import { CustomerContribution, CustomerPlace, placeKey } from './customer-aggregate.planner';
import { normalisePlanning } from './expected-planning.state';
import { shippedMappingRules } from './schedule-rules.fixture';

const rules = shippedMappingRules();
const TODAY = '2026-11-23';
const contracts = contractsDir();

function parsedAll(name: string): Assignment[] {
  return parseUppdragsexport(readFileSync(`${contracts}/case-system/examples/${name}.xml`)).results.map((result) => {
    if (!result.ok) throw new Error(result.reasons.map((r) => r.text).join('; '));
    return result.assignment;
  });
}

const parsed = (name: string): Assignment => parsedAll(name)[0];

interface Golden {
  tenants: Record<string, { customers: Record<string, { customer: unknown; serviceOrders: Record<string, unknown> }> }>;
  quarantined: unknown[];
}

/**
 * A planning tool in memory that takes the planned writes, and Brygga's state between
 * versions (latest version per assignment, where each was applied, what each customer
 * holds), so a sequence of documents can be played as the processor plays it.
 */
interface ToolCustomer {
  tenant: string;
  customer?: PlanningCustomer;
  orders: Map<string, PlanningServiceOrder>;
}

type Tool = Map<string, ToolCustomer>;
type Kind = CustomerOperation['kind'];

/** What each operation does to the planning tool in memory, keyed `tenant/customerId`. */
const WRITERS: { [K in Kind]: (tool: Tool, key: string, entry: ToolCustomer, operation: PlanningOperationOf<K>) => void } = {
  putCustomer: (tool, key, entry, { customer }) => void tool.set(key, { ...entry, customer }),
  deleteCustomer: (tool, key) => void tool.delete(key),
  putServiceOrder: (tool, key, entry, { serviceOrderId, serviceOrder }) => void tool.set(key, { ...entry, orders: new Map(entry.orders).set(serviceOrderId, serviceOrder) }),
  deleteServiceOrder: (_tool, _key, entry, { serviceOrderId }) => void entry.orders.delete(serviceOrderId),
};

function perform<K extends Kind>(tool: Tool, key: string, entry: ToolCustomer, operation: PlanningOperationOf<K>): void {
  WRITERS[(operation as CustomerOperation).kind as K](tool, key, entry, operation);
}

class Playback {
  readonly tool = new Map<string, ToolCustomer>();
  private readonly applied = new Map<string, { version: number; place?: CustomerPlace }>();
  private readonly customers = new Map<string, CustomerContribution[]>();

  deliver(assignment: Assignment): TenantOperation[] {
    const last = this.applied.get(assignment.id);
    if (last && last.version >= assignment.version) return [];
    const plan = mapAssignment(assignment, rules, testIds, TODAY);
    if (plan.outcome === 'quarantine') throw new Error(plan.reasons.map((r) => r.text).join('; '));
    const change = planAssignmentChange({ assignment, plan, previous: last?.place, contributions: this.customers, today: TODAY });
    for (const { place, contributions } of change.customers) this.customers.set(placeKey(place), contributions);
    this.applied.set(assignment.id, { version: assignment.version, place: plan.outcome === 'apply' ? { tenant: plan.tenant, customerId: plan.customerId } : undefined });
    for (const w of change.writes) this.write(w);
    return change.writes;
  }

  private write({ tenant, operation }: TenantOperation): void {
    const key = `${tenant}/${operation.customerId}`;
    const entry: ToolCustomer = this.tool.get(key) ?? { tenant, orders: new Map() };
    perform(this.tool, key, entry, operation);
  }

  golden(): Golden {
    const tenants: Golden['tenants'] = {};
    for (const { tenant, customer, orders } of this.tool.values()) {
      if (!customer) throw new Error('a service order without its customer');
      (tenants[tenant] ??= { customers: {} }).customers[customer.identityNumber] = {
        customer,
        serviceOrders: Object.fromEntries([...orders.values()].map((o) => [o.source.interventionId, o])),
      };
    }
    return { tenants, quarantined: [] };
  }
}

/** After delivering the documents in order, every assignment of each. */
function stateAfter(documents: string[]): Golden {
  const playback = new Playback();
  for (const doc of documents) for (const a of parsedAll(doc)) playback.deliver(a);
  return playback.golden();
}

describe('golden: the contract examples mapped as the planning tool must hold them', () => {
  it.each<[string, string[]]>([
    ['ny', ['uppdrag-ny']],
    ['andrad', ['uppdrag-ny', 'uppdrag-andrad']],
    ['avslutad', ['uppdrag-ny', 'uppdrag-andrad', 'uppdrag-avslutad']],
    ['byte', ['uppdrag-ny', 'uppdrag-andrad', 'uppdrag-byte']],
    ['latin1', ['uppdrag-latin1']],
  ])('after-uppdrag-%s.json', (name, documents) => {
    const golden: unknown = JSON.parse(readFileSync(`${contracts}/expected/after-uppdrag-${name}.json`, 'utf8'));
    const expected = normalisePlanning(golden);
    // Guards the comparison itself: the normalised golden still holds the orders.
    expect(JSON.stringify(expected)).toContain('"interventionId"');
    expect(normalisePlanning(stateAfter(documents))).toEqual(expected);
  });
});


describe('golden uppdrag-byte: any order, any repetition, the same end state', () => {
  const [ended, started] = parsedAll('uppdrag-byte');
  const [ny, andrad] = [parsed('uppdrag-ny'), parsed('uppdrag-andrad')];
  const golden = normalisePlanning(JSON.parse(readFileSync(`${contracts}/expected/after-uppdrag-byte.json`, 'utf8')));

  it.each<[string, Assignment[]]>([
    ['the switch in reverse order', [ny, andrad, started, ended]],
    ['the new assignment before everything', [started, ny, andrad, ended]],
    ['both documents twice', [ny, andrad, ended, started, ended, started, andrad]],
    ['the old assignment jumping straight to its end', [started, ended, ny, andrad]],
  ])('%s', (_name, deliveries) => {
    const playback = new Playback();
    for (const a of deliveries) playback.deliver(a);
    expect(normalisePlanning(playback.golden())).toEqual(golden);
  });

  it('the old assignment ending never rewrites the fields of the one in force', () => {
    const playback = new Playback();
    for (const a of [ny, andrad, started]) playback.deliver(a);
    const [customerPut] = playback.deliver(ended);
    expect(customerPut.operation).toMatchObject({ kind: 'putCustomer', customer: { teamId: 'VAST-1', address: { doorCode: '1302' }, contactStaffIds: ['E10377'], active: true } });
    expect(customerPut.operation.kind === 'putCustomer' && 'activeUntil' in customerPut.operation.customer).toBe(false);
  });
});
