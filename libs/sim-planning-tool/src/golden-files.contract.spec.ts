import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsDir } from '@brygga/config';
import { fieldsOf, simPerSpecFile } from './sim.test-harness';

type Json = Record<string, unknown>;

/** Per expected/README.md a null means absent: drop null properties, deeply. */
function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, stripNulls(v)]));
}

interface Golden {
  file: string;
  tenant: string;
  customers: Array<{ key: string; customer: Json; serviceOrders: Array<[string, Json]> }>;
  staff: Array<{ id: string; staff: Json; days: Array<[string, Json]> }>;
}

function loadGoldens(): Golden[] {
  const dir = join(contractsDir(), 'expected');
  const goldens: Golden[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const doc = stripNulls(JSON.parse(readFileSync(join(dir, file), 'utf8'))) as { tenants: Record<string, Json> };
    for (const [tenant, content] of Object.entries(doc.tenants)) {
      const customers = Object.entries((content.customers ?? {}) as Record<string, Json>).map(([key, c]) => ({
        key,
        customer: c.customer as Json,
        serviceOrders: Object.entries((c.serviceOrders ?? {}) as Record<string, Json>),
      }));
      const staff = Object.entries((content.staff ?? {}) as Record<string, Json>).map(([id, s]) => ({
        id,
        staff: s.staff as Json,
        days: Object.entries((s.days ?? {}) as Record<string, Json>),
      }));
      goldens.push({ file, tenant, customers, staff });
    }
  }
  return goldens;
}

/** Copies with one contract rule broken each, and the field the Problem must name. */
const CUSTOMER_MUTATIONS: Array<[string, (c: Json) => void, string]> = [
  ['postal code with a space', (c) => ((c.address as Json).postalCode = '903 26'), 'address.postalCode'],
  ['unknown property', (c) => (c.nickname = 'x'), 'nickname'],
  ['missing teamId', (c) => delete c.teamId, 'teamId'],
  ['wrong key kind', (c) => ((c.key as Json).kind = 'CODE'), 'key.kind'],
  ['ten-digit identity number', (c) => (c.identityNumber = String(c.identityNumber).slice(2)), 'identityNumber'],
  ['three contacts', (c) => (c.contactStaffIds = ['E1', 'E2', 'E3']), 'contactStaffIds'],
];

const ORDER_MUTATIONS: Array<[string, (o: Json) => void, string]> = [
  ['wrong schedule kind', (o) => ((o.schedule as Json).kind = 'SOMETIMES'), 'schedule.kind'],
  ['three staff per visit', (o) => (o.staffPerVisit = 3), 'staffPerVisit'],
  ['missing source', (o) => delete o.source, 'source'],
  ['unknown property in source', (o) => ((o.source as Json).extra = 1), 'source.extra'],
  ['minutes as a string', (o) => (o.minutesPerVisit = '20'), 'minutesPerVisit'],
];

describe('planning-tool simulator: the golden files are valid by the contract', () => {
  const goldens = loadGoldens();
  const sim = simPerSpecFile();

  it('finds customers, service orders and staff days to check', () => {
    expect(goldens.filter((g) => g.file.startsWith('after-uppdrag-')).flatMap((g) => g.customers).length).toBeGreaterThanOrEqual(4);
    expect(goldens.flatMap((g) => g.customers).flatMap((c) => c.serviceOrders).length).toBeGreaterThan(0);
    expect(goldens.flatMap((g) => g.staff).flatMap((s) => s.days).length).toBeGreaterThan(0);
  });

  for (const golden of goldens) {
    it(`${golden.file}: accepts every object and rejects mutated copies`, async () => {
      const api = sim.http;
      const headers = { Authorization: `Bearer ${golden.tenant}-token` };
      const base = `/${golden.tenant}/api/v1`;
      for (const [i, c] of golden.customers.entries()) {
        const customerPath = `${base}/customers/CUST-${i}`;
        expect([golden.file, (await api.put(customerPath, c.customer, { headers })).status]).toEqual([golden.file, 201]);
        for (const [name, mutate, field] of CUSTOMER_MUTATIONS) {
          const copy = structuredClone(c.customer);
          mutate(copy);
          const res = await api.put(customerPath, copy, { headers });
          expect([name, res.status, fieldsOf(res.data)]).toEqual([name, 400, [field]]);
        }
        for (const [soId, order] of c.serviceOrders) {
          const orderPath = `${customerPath}/service-orders/SO-${soId}`;
          expect([soId, (await api.put(orderPath, order, { headers })).status]).toEqual([soId, 201]);
          for (const [name, mutate, field] of ORDER_MUTATIONS) {
            const copy = structuredClone(order);
            mutate(copy);
            const res = await api.put(orderPath, copy, { headers });
            expect([name, res.status, fieldsOf(res.data)]).toEqual([name, 400, [field]]);
          }
        }
      }
      for (const s of golden.staff) {
        expect((await api.put(`${base}/staff/${s.id}`, s.staff, { headers })).status).toBe(201);
        for (const [date, day] of s.days) {
          expect([date, (await api.put(`${base}/staff/${s.id}/days/${date}`, day, { headers })).status]).toEqual([date, 200]);
          const copy = structuredClone(day) as { absences: Json[] };
          const added = copy.absences.length;
          copy.absences.push({ start: `${date}T08:00:00+01:00`, end: `${date}T09:00:00`, reason: 'SICK' });
          const res = await api.put(`${base}/staff/${s.id}/days/${date}`, copy, { headers });
          expect([date, res.status, fieldsOf(res.data)]).toEqual([date, 400, [`absences.${added}.end`]]);
        }
      }
    });
  }
});
