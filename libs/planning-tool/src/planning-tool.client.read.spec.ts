import type { INestApplication } from '@nestjs/common';
import { aCustomer, listenLocal } from '@brygga/testing';
import { createPlanningToolSimulator } from '@brygga/sim-planning-tool';
import { PlanningToolClient, type PlanningRequestSample } from './planning-tool.client';
import { PlanningPermanentError } from './planning-tool.errors';

const TOKEN = 'kommunen-test-token';

describe("PlanningToolClient.read: the contract's GETs (against the simulator, which serves exactly the contract)", () => {
  let app: INestApplication;
  let base: string;
  const samples: PlanningRequestSample[] = [];
  let client: PlanningToolClient;

  beforeAll(async () => {
    app = await createPlanningToolSimulator({ tenants: { kommunen: TOKEN }, logger: false });
    base = await listenLocal(app);
    client = new PlanningToolClient({ name: 'kommunen', baseUrl: `${base}/kommunen`, token: TOKEN }, { timeoutMs: 30_000, observe: (s) => samples.push(s) });
    await client.send([{ operation: { kind: 'putCustomer', customerId: 'C-1', customer: aCustomer() }, idempotencyKey: 'k1' }]);
    await client.send([{ operation: { kind: 'putStaff', staffId: 'S-1', staff: { employmentNumber: 'E1', firstName: 'A', lastName: 'B', teamId: 'T', skills: [] } }, idempotencyKey: 'k2' }]);
  });
  afterAll(async () => app.close());
  beforeEach(() => samples.splice(0));

  it('answers the body, an empty list, or undefined for 404', async () => {
    expect(await client.read({ kind: 'customer', customerId: 'C-1' })).toEqual(aCustomer());
    expect(await client.read({ kind: 'serviceOrders', customerId: 'C-1' })).toEqual([]);
    expect(await client.read({ kind: 'customer', customerId: 'C-2' })).toBeUndefined();
    expect(await client.read({ kind: 'serviceOrders', customerId: 'C-2' })).toBeUndefined();
    expect(await client.read({ kind: 'staff', staffId: 'S-1' })).toMatchObject({ employmentNumber: 'E1' });
    expect(await client.read({ kind: 'staffDay', staffId: 'S-1', date: '2026-11-24' })).toBeUndefined();
    // A 404 is the read's answer: observed as answered, so a run over missing records never counts against the tenant.
    expect(samples.map((s) => [s.operation, s.statusClass, s.status])).toEqual([200, 200, 404, 404, 200, 404].map((status) => ['read', '2xx', status]));
  });

  it('a refused read is permanent (the contract checks the date)', async () => {
    await expect(client.read({ kind: 'staffDay', staffId: 'S-1', date: 'not-a-date' })).rejects.toBeInstanceOf(PlanningPermanentError);
  });
});
