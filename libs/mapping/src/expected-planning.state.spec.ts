// The examples and golden files live on disk beside the contracts; reading them is test-only I/O.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'node:fs';
import { contractsDir } from '@brygga/config';
import { parseUppdragsexport } from '@brygga/case-system';
import type { Assignment } from '@brygga/domain';
import { ActualPlanningState, diffPlanningState, expectedPlanningState, normalisePlanning } from './expected-planning.state';
import { shippedMappingRules } from './schedule-rules.fixture';

const contracts = contractsDir();
const rules = shippedMappingRules();
const TODAY = '2026-11-23';

function parsedAll(name: string): Assignment[] {
  return parseUppdragsexport(readFileSync(`${contracts}/case-system/examples/${name}.xml`)).results.flatMap((r) => (r.ok ? [r.assignment] : []));
}

type GoldenCustomers = Record<string, { customer: Record<string, unknown>; serviceOrders: Record<string, Record<string, unknown>> }>;
const goldenByte = (): GoldenCustomers => JSON.parse(readFileSync(`${contracts}/expected/after-uppdrag-byte.json`, 'utf8')).tenants.kommunen.customers;
const actualOf = (customers: GoldenCustomers): ActualPlanningState => new Map([['kommunen', new Map(Object.entries(customers))]]);

describe('expectedPlanningState and diffPlanningState: the oracle the demo and the tests check against', () => {
  // The latest version of each assignment: andrad's UPP-2026-0417 v2 is replaced by byte's v3.
  const latest = [...parsedAll('uppdrag-byte')];

  it('from the latest versions alone, the golden state of uppdrag-byte', () => {
    const { state, quarantined } = expectedPlanningState(latest, rules, TODAY);
    expect(quarantined).toEqual([]);
    expect(diffPlanningState(state, actualOf(goldenByte()), normalisePlanning)).toEqual([]);
  });

  it.each<[string, (g: GoldenCustomers) => void, object[]]>([
    ['an order missing', (g) => delete g['19380412-5676'].serviceOrders['INS-41'], [{ what: 'service order missing', detail: 'INS-41' }]],
    ['an order changed', (g) => (g['19380412-5676'].serviceOrders['INS-1'].minutesPerVisit = 99), [{ what: 'service order differs', detail: 'INS-1' }]],
    ['a stray order', (g) => (g['19380412-5676'].serviceOrders['INS-4'] = {}), [{ what: 'service order not expected', detail: 'INS-4' }]],
    ['the old address', (g) => (g['19380412-5676'].customer.address = { street: 'Storgatan 12 B', postalCode: '90326', city: 'Umeå', doorCode: '4711' }), [{ what: 'customer differs', detail: 'address' }]],
    ['the customer gone', (g) => delete g['19380412-5676'], [{ what: 'customer missing' }]],
    ['a customer nobody expects', (g) => (g['19121212-1212'] = g['19380412-5676']), [{ what: 'customer not expected', detail: '1 customer(s)' }]],
  ])('%s is found, by ids and field names only', (_name, tamper, expected) => {
    const { state } = expectedPlanningState(latest, rules, TODAY);
    const actual = goldenByte();
    tamper(actual);
    const differences = diffPlanningState(state, actualOf(actual), normalisePlanning);
    expect(differences).toMatchObject(expected);
    expect(JSON.stringify(differences)).not.toMatch(/19380412|Märta|Storgatan|4711/);
  });
});
