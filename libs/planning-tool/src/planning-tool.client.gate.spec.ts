import type { INestApplication } from '@nestjs/common';
import axios from 'axios';
import { type TenantGate, type TenantSendOutcome, TenantUnavailable } from '@brygga/domain';
import { aCustomer, listenLocal } from '@brygga/testing';
import { createPlanningToolSimulator } from '@brygga/sim-planning-tool';
import type { KeyedOperation } from './keyed-operation';
import { PlanningToolClient } from './planning-tool.client';
import { PlanningPermanentError, PlanningTransientError, sendOutcomeOf } from './planning-tool.errors';

const TOKEN = 'kommunen-test-token';
const putCustomer = (id: string): KeyedOperation => ({ operation: { kind: 'putCustomer', customerId: id, customer: aCustomer() }, idempotencyKey: `key-${id}` });

/** A gate that admits or refuses as told, and keeps what it was told. */
class RecordingGate implements TenantGate {
  closedUntil?: Date;
  readonly settled: TenantSendOutcome[] = [];

  async admit(tenant: string) {
    if (this.closedUntil) throw new TenantUnavailable(tenant, this.closedUntil, 'maintenance');
    return { settle: async (outcome: TenantSendOutcome) => void this.settled.push(outcome) };
  }
}

describe('PlanningToolClient: the tenant gate (against the simulator)', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await createPlanningToolSimulator({ tenants: { kommunen: TOKEN }, logger: false });
    base = await listenLocal(app);
  });
  afterAll(async () => app.close());
  afterEach(async () => axios.delete(`${base}/_sim`));

  const requests = async () => ((await axios.get(`${base}/_sim/kommunen/requests`)).data as { total: number }).total;

  it('refused by the gate: TenantUnavailable, and no request goes out', async () => {
    const gate = new RecordingGate();
    gate.closedUntil = new Date('2026-12-01T23:00:00Z');
    const client = new PlanningToolClient({ name: 'kommunen', baseUrl: `${base}/kommunen`, token: TOKEN }, { timeoutMs: 30_000, gate });
    await expect(client.send([putCustomer('c1')])).rejects.toMatchObject({ name: 'TenantUnavailable', tenant: 'kommunen', cause: 'maintenance', until: gate.closedUntil });
    expect(await requests()).toBe(0);
    expect(gate.settled).toEqual([]);
  });

  it('admitted: told answered for a 2xx and a refusal of the payload, failed for a 503 and a wrong token', async () => {
    const gate = new RecordingGate();
    const client = new PlanningToolClient({ name: 'kommunen', baseUrl: `${base}/kommunen`, token: TOKEN }, { timeoutMs: 30_000, gate });
    await client.send([putCustomer('c1')]);
    await axios.post(`${base}/_sim/faults`, { tenant: 'kommunen', status: 503, count: 1 });
    await expect(client.send([putCustomer('c2')])).rejects.toBeInstanceOf(PlanningTransientError);
    await expect(client.send([{ operation: { kind: 'putCustomer', customerId: 'c3', customer: { ...aCustomer(), firstName: '' } }, idempotencyKey: 'k3' }])).rejects.toBeInstanceOf(PlanningPermanentError);
    const wrongToken = new PlanningToolClient({ name: 'kommunen', baseUrl: `${base}/kommunen`, token: 'not-the-token' }, { timeoutMs: 30_000, gate });
    await expect(wrongToken.send([putCustomer('c4')])).rejects.toMatchObject({ status: 401 });
    expect(gate.settled).toEqual(['answered', 'failed', 'answered', 'failed']);
  });

  it("a failure that leaves the tenant's breaker open: the send throws the gate's TenantUnavailable, carrying the failure", async () => {
    const until = new Date('2026-12-01T23:00:05Z');
    const gate: TenantGate = { admit: async (tenant) => ({ settle: async (outcome, failure) => (outcome === 'failed' ? new TenantUnavailable(tenant, until, 'breaker', failure) : undefined) }) };
    const client = new PlanningToolClient({ name: 'kommunen', baseUrl: `${base}/kommunen`, token: TOKEN }, { timeoutMs: 30_000, gate });
    await axios.post(`${base}/_sim/faults`, { tenant: 'kommunen', status: 503, count: 1 });
    const thrown = await client.send([putCustomer('c5')]).catch((error: unknown) => error);
    expect(thrown).toMatchObject({ name: 'TenantUnavailable', cause: 'breaker', until });
    expect((thrown as TenantUnavailable).failure).toBeInstanceOf(PlanningTransientError);
  });

  it.each([
    ['a 429', 'answered', new PlanningTransientError('x', undefined, 429)],
    ['a 502', 'failed', new PlanningTransientError('x', undefined, 502)],
    ['no answer', 'failed', new PlanningTransientError('unreachable: ECONNREFUSED')],
    ['a 400 refusal', 'answered', new PlanningPermanentError(400, 't', [], 'w')],
    ['a 401', 'failed', new PlanningPermanentError(401, 't', [], 'w')],
    ['any other error', 'failed', new Error('other')],
  ])('%s counts as %s for the breaker', (_name, outcome, error) => {
    expect(sendOutcomeOf(error)).toBe(outcome);
  });
});
