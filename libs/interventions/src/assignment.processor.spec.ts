import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { AxiosInstance } from 'axios';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import Redis from 'ioredis';
import type { Assignment } from '@brygga/domain';
import { parseUppdragsexport } from '@brygga/case-system';
import { contractsDir, loadMappingRules } from '@brygga/config';
import { FLOW_OUTCOMES, type FlowOutcomeObserver } from '@brygga/flow-kernel';
import type { MappingRules } from '@brygga/mapping';
import { createPlanningIds, PlanningTransientError } from '@brygga/planning-tool';
import { JobProducer, type JobPayloads } from '@brygga/queue';
import type { RequestCounts, TenantSnapshot } from '@brygga/sim-planning-tool';
import { deletePrefix, type FlowInfrastructure, rejectionOf, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { AssignmentStateStore } from './assignment-state.store';
import { AssignmentProcessor } from './assignment.processor';
import { CustomerStateStore, HeldCustomers } from './customer-state.store';
import { InterventionsStats } from './interventions-stats.store';
import { interventionsWorker, TEST_CUSTOMER_ID_KEY } from './interventions.test-harness';
import { DATA_KEYS } from './interventions.tokens';
import { startPlanningSim } from './planning-sim.test-harness';
import type { DataKeys } from './redis-keys';

type ApplyData = JobPayloads['assignment.apply'];
const ids = createPlanningIds(TEST_CUSTOMER_ID_KEY);

function example(file: string): Assignment {
  const [result] = parseUppdragsexport(readFileSync(join(contractsDir(), 'case-system/examples', file))).results;
  if (!result.ok) throw new Error(`example ${file} did not parse: ${result.reasons.map((r) => r.text).join('; ')}`);
  return result.assignment;
}

/** Only the job's shape: BullMQ's Job is a data carrier here; Redis and HTTP stay real. */
function jobOf(data: ApplyData): { job: Job<ApplyData>; delayedUntil: number[] } {
  const delayedUntil: number[] = [];
  const job = {
    data,
    moveToDelayed: async (timestamp: number) => {
      delayedUntil.push(timestamp);
    },
  };
  return { job: job as unknown as Job<ApplyData>, delayedUntil };
}

describe('AssignmentProcessor (real Redis, real planning simulator)', () => {
  const v1 = example('uppdrag-ny.xml');
  const v2 = example('uppdrag-andrad.xml');
  const v3 = example('uppdrag-avslutad.xml');
  const customerId = ids.customerId(v1.client.identityNumber);
  const orderOf = (interventionId: string) => ids.serviceOrderId(v1.id, interventionId);

  let app: INestApplication;
  let control: AxiosInstance;
  let redis: Redis;
  let prefix: string;
  let producer: JobProducer;
  let baseRules: MappingRules;
  let rules: MappingRules;
  let stores: { keys: DataKeys; assignments: AssignmentStateStore; stats: InterventionsStats };
  let processor: AssignmentProcessor;
  let infrastructure: FlowInfrastructure;
  const observed: { outcomes: string[]; confirmed: number[] } = { outcomes: [], confirmed: [] };
  const observer: FlowOutcomeObserver = {
    outcome: (flow, outcome, reason) => observed.outcomes.push(`${flow} ${outcome} ${reason}`),
    confirmed: (flow, acceptedAt) => observed.confirmed.push(acceptedAt),
  };

  beforeAll(async () => {
    baseRules = loadMappingRules('config/mapping-rules.yaml');
    const { app: sim, control: simControl, planning } = await startPlanningSim(baseRules);
    [app, control] = [sim, simControl];
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
    prefix = uniquePrefix('asg-processor');
    producer = new JobProducer(redis, prefix);
    infrastructure = { redis, prefix, producer, planning, rules: () => rules, today: () => '2026-11-23' };
    const flow = await interventionsWorker(infrastructure, {}, (builder) => builder.overrideProvider(FLOW_OUTCOMES).useValue(observer));
    stores = { keys: flow.get(DATA_KEYS), assignments: flow.get(AssignmentStateStore), stats: flow.get(InterventionsStats) };
    processor = flow.get(AssignmentProcessor);
  });

  afterAll(async () => {
    await producer.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
    await app.close();
  });

  beforeEach(async () => {
    rules = baseRules;
    observed.outcomes = [];
    observed.confirmed = [];
    await deletePrefix(redis, prefix);
    await control.delete('/_sim');
    await control.delete('/_sim/faults');
  });

  const state = async (tenant = 'kommunen') => (await control.get(`/_sim/${tenant}/state`)).data as TenantSnapshot;
  const counts = async (tenant = 'kommunen') => (await control.get(`/_sim/${tenant}/requests`)).data as RequestCounts;
  const orderIds = async () => (await state()).customers.find((c) => c.id === customerId)?.serviceOrders.map((o) => o.id).sort() ?? [];
  const apply = (a: Assignment) => processor.apply(jobOf({ v: 1, assignmentId: a.id, version: a.version }).job);

  it('applies v1 then v2, and withdraws the order of the intervention v2 dropped', async () => {
    await stores.assignments.storeVersion(v1);
    expect(await apply(v1)).toBe('applied');
    expect(await orderIds()).toEqual(['INS-1', 'INS-2', 'INS-3', 'INS-4'].map(orderOf).sort());

    await stores.assignments.storeVersion(v2);
    expect(await apply(v2)).toBe('applied');
    expect(await orderIds()).toEqual(['INS-1', 'INS-2', 'INS-3', 'INS-5'].map(orderOf).sort());
    expect((await counts()).byKind).toMatchObject({ 'DELETE service-order': 1 });

    expect(await stores.assignments.get(v1.id)).toMatchObject({ appliedVersion: 2, latestSeen: 2, tenant: 'kommunen', customerId, rulesVersion: rules.version, outcome: 'applied' });
    expect(await stores.stats.read()).toMatchObject({ applied: 2, deletesSent: 1 });
  });

  it('skips an older version that arrives after a newer one as stale', async () => {
    await stores.assignments.storeVersion(v2);
    expect(await apply(v2)).toBe('applied');
    const before = await counts();
    await stores.assignments.storeVersion(v1);
    expect(await apply(v1)).toBe('stale');
    expect(await counts()).toEqual(before);
    expect(await orderIds()).toContain(orderOf('INS-5'));
    expect(await stores.stats.read()).toMatchObject({ skippedStale: 1 });
  });

  it('skips a version below the newest seen as superseded, writing nothing', async () => {
    for (const v of [v1, v2, v3]) await stores.assignments.storeVersion(v);
    expect(await apply(v2)).toBe('superseded');
    expect((await counts()).total).toBe(0);
    expect(await stores.stats.read()).toMatchObject({ skippedSuperseded: 1 });
    expect(await apply(v3)).toBe('applied');
    expect((await stores.assignments.get(v1.id)).appliedVersion).toBe(3);
  });

  it('quarantines an assignment with an unknown intervention code and writes nothing', async () => {
    const [decision] = v1.decisions;
    const odd: Assignment = { ...v1, decisions: [{ ...decision, interventions: [...decision.interventions, { ...decision.interventions[0], id: 'INS-9', code: 'XYZ' }] }] };
    await stores.assignments.storeVersion(odd);
    expect(await processor.apply(jobOf({ v: 1, assignmentId: odd.id, version: 1, documentId: 'doc-7' }).job)).toBe('quarantined');
    expect((await counts()).total).toBe(0);
    const [entry] = await stores.stats.listQuarantine();
    expect(entry).toMatchObject({ ref: v1.id, version: 1, documentId: 'doc-7', rulesVersion: rules.version });
    expect(entry.reasons).toEqual([expect.objectContaining({ code: 'mapping.unknown-intervention-code', text: expect.stringContaining('INS-9') })]);
    expect(await stores.stats.read()).toMatchObject({ quarantined: 1, 'quarantined:mapping.unknown-intervention-code': 1 });
    expect(JSON.stringify(entry)).not.toMatch(/19380412|Märta|Öberg|Storgatan/);
    expect((await stores.assignments.get(v1.id)).appliedVersion).toBe(0);
  });

  it('tells the outcome observer each outcome once recorded, and the accepted time once the writes are confirmed', async () => {
    const [decision] = v1.decisions;
    const odd: Assignment = { ...v1, version: 3, decisions: [{ ...decision, interventions: [...decision.interventions, { ...decision.interventions[0], id: 'INS-9', code: 'XYZ' }] }] };
    for (const v of [v1, v2]) await stores.assignments.storeVersion(v);
    const acceptedAt = Date.now() - 1234;
    expect(await processor.apply(jobOf({ v: 1, assignmentId: v1.id, version: 1, acceptedAt }).job)).toBe('superseded');
    expect(await processor.apply(jobOf({ v: 1, assignmentId: v2.id, version: 2, acceptedAt }).job)).toBe('applied');
    await stores.assignments.storeVersion(odd);
    expect(await processor.apply(jobOf({ v: 1, assignmentId: v1.id, version: 3, acceptedAt }).job)).toBe('quarantined');
    expect(observed.outcomes).toEqual(['interventions skipped superseded', 'interventions applied none', 'interventions quarantined mapping.unknown-intervention-code']);
    expect(observed.confirmed).toEqual([acceptedAt]);
    // A re-apply (no document accepted) still counts its outcome, but no latency.
    expect(await processor.apply(jobOf({ v: 1, assignmentId: v2.id, version: 2, reapply: true }).job)).toBe('applied');
    expect(observed.confirmed).toEqual([acceptedAt]);
  });

  it('writes nothing for a provider this installation does not serve', async () => {
    const elsewhere: Assignment = { ...v1, provider: { ...v1.provider, code: 'HT-OKÄND' } };
    await stores.assignments.storeVersion(elsewhere);
    expect(await apply(elsewhere)).toBe('notServed');
    expect((await counts()).total).toBe(0);
    expect(await stores.assignments.get(v1.id)).toMatchObject({ appliedVersion: 1, outcome: 'notServed' });
  });

  it('deletes the customer when an applied assignment moves to a provider not served', async () => {
    await stores.assignments.storeVersion(v1);
    await apply(v1);
    const moved: Assignment = { ...v2, provider: { ...v2.provider, code: 'HT-OKÄND' } };
    await stores.assignments.storeVersion(moved);
    expect(await apply(moved)).toBe('notServed');
    expect((await state()).customers).toEqual([]);
  });

  it('fails permanently with the field names when the planning tool refuses a write (400)', async () => {
    rules = { ...baseRules, version: 'too-long', interventions: { ...baseRules.interventions, PH: { ...baseRules.interventions.PH, activityCode: 'X'.repeat(41) } } };
    await stores.assignments.storeVersion(v1);
    const error = await rejectionOf(apply(v1));
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(error.message).toContain('activityCode');
    expect(error.message).not.toContain('XXXX');
    expect(error.message).not.toMatch(/19380412|Märta/);
    expect(await stores.stats.read()).toMatchObject({ failed: 1 });
    expect((await stores.assignments.get(v1.id)).appliedVersion).toBe(0);
    // The lock was released: once the rules are right the same version goes through.
    rules = baseRules;
    expect(await apply(v1)).toBe('applied');
  });

  it('lets a transient failure (503) propagate as itself, for a retry', async () => {
    expect((await control.post('/_sim/faults', { tenant: 'kommunen', status: 503, count: 1, retryAfter: 1 })).status).toBe(201);
    await stores.assignments.storeVersion(v1);
    const error = await rejectionOf(apply(v1));
    expect(error).toBeInstanceOf(PlanningTransientError);
    expect(error).not.toBeInstanceOf(UnrecoverableError);
    expect((await stores.assignments.get(v1.id)).appliedVersion).toBe(0);
    expect(await apply(v1)).toBe('applied');
  });

  it('moves the job to delayed while another holder has the assignment locked', async () => {
    await stores.assignments.storeVersion(v1);
    const release = await stores.assignments.tryLock(v1.id, 60_000);
    const { job, delayedUntil } = jobOf({ v: 1, assignmentId: v1.id, version: 1 });
    const before = Date.now();
    expect(await rejectionOf(processor.apply(job))).toBeInstanceOf(DelayedError);
    expect(delayedUntil).toHaveLength(1);
    expect(delayedUntil[0]).toBeGreaterThan(before);
    expect((await counts()).total).toBe(0);
    await release?.();
    expect(await processor.apply(job)).toBe('applied');
  });

  it('refuses a payload version it does not know', async () => {
    const data = { v: 2, assignmentId: v1.id, version: 1 } as unknown as ApplyData;
    const error = await rejectionOf(processor.apply(jobOf(data).job));
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(error.message).toContain('payload version 2');
  });

  it('fails permanently when the stored content of a version is missing', async () => {
    await redis.eval("redis.call('HSET', KEYS[1], 'latestSeen', '1')", 1, stores.keys.assignmentState(v1.id));
    expect(await rejectionOf(apply(v1))).toBeInstanceOf(UnrecoverableError);
  });

  it('notes an ended assignment for the daily run', async () => {
    await stores.assignments.storeVersion(v3);
    expect(await apply(v3)).toBe('applied');
    expect(await stores.assignments.endedBefore('2027-01-16')).toEqual([v1.id]);
  });

  it('a worker killed between its writes and their record: the next version still withdraws what it wrote', async () => {
    /** Delivers, then dies before the record (its lock lapses, as a killed worker's does). */
    class DiesBeforeRecord extends CustomerStateStore {
      override async lockAndLoad(...args: Parameters<CustomerStateStore['lockAndLoad']>): Promise<HeldCustomers | null> {
        const held = await super.lockAndLoad(...args);
        return held && { ...held, commit: async () => Promise.reject(new Error('worker killed')) };
      }
    }
    const dying = (await interventionsWorker(infrastructure, {}, (flow) => flow.overrideProvider(CustomerStateStore).useClass(DiesBeforeRecord))).get(AssignmentProcessor);
    await stores.assignments.storeVersion(v1);
    await expect(dying.apply(jobOf({ v: 1, assignmentId: v1.id, version: 1 }).job)).rejects.toThrow('worker killed');
    expect(await orderIds()).toEqual(['INS-1', 'INS-2', 'INS-3', 'INS-4'].map(orderOf).sort());
    // v2 withdraws INS-4, which nobody recorded as written.
    await stores.assignments.storeVersion(v2);
    expect(await apply(v2)).toBe('applied');
    expect(await orderIds()).toEqual(['INS-1', 'INS-2', 'INS-3', 'INS-5'].map(orderOf).sort());
    expect((await stores.assignments.get(v1.id)).maybeWritten).toBeUndefined();
  });

  it('the killed apply run again after another assignment rewrote the customer writes it again (not answered from the first attempt\'s Idempotency-Key)', async () => {
    class DiesBeforeRecord extends CustomerStateStore {
      override async lockAndLoad(...args: Parameters<CustomerStateStore['lockAndLoad']>): Promise<HeldCustomers | null> {
        const held = await super.lockAndLoad(...args);
        return held && { ...held, commit: async () => Promise.reject(new Error('worker killed')) };
      }
    }
    const dying = (await interventionsWorker(infrastructure, {}, (flow) => flow.overrideProvider(CustomerStateStore).useClass(DiesBeforeRecord))).get(AssignmentProcessor);
    // The same client at the same provider since earlier, elsewhere: v1 (the later start) is the one in force.
    const other: Assignment = { ...v1, id: 'UPP-OTHER', startDate: '2026-01-05', client: { ...v1.client, address: { ...v1.client.address, street: 'Annan gata 1' } } };
    const street = async () => (await state()).customers.find((c) => c.id === customerId)?.address.street;
    await stores.assignments.storeVersion(v1);
    await stores.assignments.storeVersion(other);
    await expect(dying.apply(jobOf({ v: 1, assignmentId: v1.id, version: 1 }).job)).rejects.toThrow('worker killed');
    expect(await street()).toBe('Storgatan 12 B');
    // The other assignment, not seeing v1's unrecorded part, writes the customer from its own.
    expect(await apply(other)).toBe('applied');
    expect(await street()).toBe('Annan gata 1');
    // The killed job handed on: the same customer body as its first attempt, over another record.
    expect(await apply(v1)).toBe('applied');
    expect(await street()).toBe('Storgatan 12 B');
  });
});
