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

/** A gate that admits or refuses as told, and keeps what it was told; `opensAfter` failures, later failures are answered as the breaker's wait. */
class RecordingGate implements TenantGate {
  closedUntil?: Date;
  admitted = 0;
  readonly settled: TenantSendOutcome[] = [];
  readonly retryAfters: Array<number | undefined> = [];

  constructor(private readonly opensAfter = Infinity) {}

  async admit(tenant: string) {
    if (this.closedUntil) throw new TenantUnavailable(tenant, this.closedUntil, 'maintenance');
    this.admitted++;
    return {
      settle: async (outcome: TenantSendOutcome, failure?: unknown, retryAfterMs?: number) => {
        this.settled.push(outcome);
        this.retryAfters.push(retryAfterMs);
        if (retryAfterMs) return new TenantUnavailable(tenant, new Date(Date.now() + retryAfterMs), 'throttled', failure);
        const failures = this.settled.filter((o) => o === 'failed').length;
        return outcome === 'failed' && failures >= this.opensAfter ? new TenantUnavailable(tenant, new Date('2026-12-01T23:00:05Z'), 'breaker', failure) : undefined;
      },
    };
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

  it('coalesced writes of several callers: the gate asked once per batch request and told once when all were answered', async () => {
    const gate = new RecordingGate();
    const sent: string[] = [];
    const client = new PlanningToolClient({ name: 'kommunen', baseUrl: `${base}/kommunen`, token: TOKEN }, { timeoutMs: 30_000, gate, batchWindowMs: 20, observe: (s) => sent.push(s.operation) });
    await Promise.all([client.send([putCustomer('c1')]), client.send([putCustomer('c2')]), client.send([putCustomer('c3')])]);
    expect(sent).toEqual(['batch']);
    expect([gate.admitted, gate.settled]).toEqual([1, ['answered']]);
  });

  it('a coalesced batch refused by the gate: every caller gets its TenantUnavailable, and no request goes out', async () => {
    const gate = new RecordingGate();
    gate.closedUntil = new Date('2026-12-01T23:00:00Z');
    const client = new PlanningToolClient({ name: 'kommunen', baseUrl: `${base}/kommunen`, token: TOKEN }, { timeoutMs: 30_000, gate, batchWindowMs: 20 });
    const outcomes = await Promise.allSettled([client.send([putCustomer('c1')]), client.send([putCustomer('c2')])]);
    expect(outcomes.map((o) => (o as PromiseRejectedResult).reason?.name)).toEqual(['TenantUnavailable', 'TenantUnavailable']);
    expect(await requests()).toBe(0);
  });

  it('a coalesced batch that failed: each caller told in turn as if alone, so those after the breaker opened wait without spending an attempt', async () => {
    const gate = new RecordingGate(2);
    const client = new PlanningToolClient({ name: 'kommunen', baseUrl: `${base}/kommunen`, token: TOKEN }, { timeoutMs: 30_000, gate, batchWindowMs: 20 });
    await axios.post(`${base}/_sim/faults`, { tenant: 'kommunen', status: 503, count: 1 });
    const outcomes = await Promise.allSettled([client.send([putCustomer('c1')]), client.send([putCustomer('c2')]), client.send([putCustomer('c3')])]);
    expect(outcomes.map((o) => (o as PromiseRejectedResult).reason?.name)).toEqual(['PlanningTransientError', 'TenantUnavailable', 'TenantUnavailable']);
    expect([gate.admitted, gate.settled]).toEqual([1, ['failed', 'failed', 'failed']]);
  });

  it('a coalesced batch answered 429 with Retry-After: the gate told its time for each caller, each waits (throttled)', async () => {
    const gate = new RecordingGate();
    const client = new PlanningToolClient({ name: 'kommunen', baseUrl: `${base}/kommunen`, token: TOKEN }, { timeoutMs: 30_000, gate, batchWindowMs: 20 });
    await axios.post(`${base}/_sim/faults`, { tenant: 'kommunen', status: 429, count: 1, retryAfter: 5 });
    const outcomes = await Promise.allSettled([client.send([putCustomer('c1')]), client.send([putCustomer('c2')])]);
    expect(outcomes.map((o) => (o as PromiseRejectedResult).reason?.cause)).toEqual(['throttled', 'throttled']);
    expect([gate.admitted, gate.settled, gate.retryAfters]).toEqual([1, ['answered', 'answered'], [5000, 5000]]);
  });

  it('a coalesced batch with one caller\'s write refused (400): told answered once, only that caller fails', async () => {
    const gate = new RecordingGate();
    const client = new PlanningToolClient({ name: 'kommunen', baseUrl: `${base}/kommunen`, token: TOKEN }, { timeoutMs: 30_000, gate, batchWindowMs: 20 });
    const bad: KeyedOperation = { operation: { kind: 'putCustomer', customerId: 'c9', customer: { ...aCustomer(), firstName: '' } }, idempotencyKey: 'k9' };
    const outcomes = await Promise.allSettled([client.send([putCustomer('c1')]), client.send([bad])]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(PlanningPermanentError);
    expect(gate.settled).toEqual(['answered']);
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
