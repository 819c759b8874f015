import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { AxiosInstance } from 'axios';
import type { Job } from 'bullmq';
import Redis from 'ioredis';
import { parseUppdragsexport } from '@brygga/case-system';
import { contractsDir, loadMappingRules } from '@brygga/config';
import type { Assignment, DriftItem } from '@brygga/domain';
import { createPersonKeys, FLOW_OUTCOMES, type FlowEvent, type FlowOutcomeObserver, PERSON_KEYS, type RepairAttempt } from '@brygga/flow-kernel';
import { checkEvent } from '@brygga/journal';
import type { MappingRules } from '@brygga/mapping';
import { createPlanningIds } from '@brygga/planning-tool';
import { JobProducer, type JobPayloads } from '@brygga/queue';
import type { RequestCounts, TenantSnapshot } from '@brygga/sim-planning-tool';
import { deletePrefix, type FlowInfrastructure, rejectionOf, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { AssignmentStateStore } from './assignment-state.store';
import { AssignmentProcessor } from './assignment.processor';
import { InterventionsReconcile } from './interventions.reconcile';
import { interventionsWorker, TEST_CUSTOMER_ID_KEY } from './interventions.test-harness';
import { startPlanningSim } from './planning-sim.test-harness';

const ids = createPlanningIds(TEST_CUSTOMER_ID_KEY);
const persons = createPersonKeys('a-person-key-for-this-spec');
const attempt: RepairAttempt = { runId: 'c-0123456789abcdef', attempt: 'a1', by: 'schedule' };

function example(file: string): Assignment {
  const [result] = parseUppdragsexport(readFileSync(join(contractsDir(), 'case-system/examples', file))).results;
  if (!result.ok) throw new Error(`example ${file} did not parse`);
  return result.assignment;
}

describe('InterventionsReconcile: a repair journals each customer and assignment it repairs (real Redis, real planning simulator)', () => {
  const v1 = example('uppdrag-ny.xml');
  const customerId = ids.customerId(v1.client.identityNumber);
  const personKey = persons.client(v1.client.identityNumber);
  let sim: INestApplication;
  let control: AxiosInstance;
  let redis: Redis;
  let prefix: string;
  let producer: JobProducer;
  let rules: MappingRules;
  let reconcile: InterventionsReconcile;
  let processor: AssignmentProcessor;
  let assignments: AssignmentStateStore;
  const events: FlowEvent[] = [];
  let orders = 0;
  const observer: FlowOutcomeObserver = { outcome: () => undefined, confirmed: () => undefined, event: (e) => void events.push(e) };

  beforeAll(async () => {
    rules = loadMappingRules('config/mapping-rules.yaml');
    const started = await startPlanningSim(rules);
    [sim, control] = [started.app, started.control];
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
    prefix = uniquePrefix('reconcile-journal');
    producer = new JobProducer(redis, prefix);
    const infrastructure: FlowInfrastructure = { redis, prefix, producer, planning: started.planning, rules: () => rules, today: () => '2026-11-23' };
    const flow = await interventionsWorker(infrastructure, {}, (b) => b.overrideProvider(FLOW_OUTCOMES).useValue(observer).overrideProvider(PERSON_KEYS).useValue(persons));
    [reconcile, processor, assignments] = [flow.get(InterventionsReconcile), flow.get(AssignmentProcessor), flow.get(AssignmentStateStore)];
  });

  afterAll(async () => {
    await producer.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
    await sim.close();
  });

  beforeEach(async () => {
    await deletePrefix(redis, prefix);
    await control.delete('/_sim');
    await control.delete('/_sim/faults');
    await assignments.storeVersion(v1);
    const job = { data: { v: 1, assignmentId: v1.id, version: 1 }, moveToDelayed: async () => undefined } as unknown as Job<JobPayloads['assignment.apply']>;
    expect(await processor.apply(job)).toBe('applied');
    orders = (await state()).customers[0].serviceOrders.length;
    // The customer deleted by hand in the planning tool: the drift a run finds.
    const tool = { headers: { Authorization: 'Bearer k-token', 'Idempotency-Key': `tamper-${Date.now()}` } };
    expect((await control.delete(`/kommunen/api/v1/customers/${customerId}`, tool)).status).toBe(204);
    events.length = 0;
  });

  const state = async () => (await control.get('/_sim/kommunen/state')).data as TenantSnapshot;
  const counts = async () => (await control.get('/_sim/kommunen/requests')).data as RequestCounts;
  const drift = async (): Promise<DriftItem[]> => {
    const items: DriftItem[] = [];
    await reconcile.downstream(async () => undefined, async (b) => void items.push(...b.items));
    return items;
  };

  it('journals the customer it sent back: reconcile.repair accepted, the run, tenant and customer, the client by keyed hash, the drift kinds, the operations and the answer', async () => {
    const items = await drift();
    expect(items).toEqual([{ flow: 'interventions', kind: 'customerMissing', tenant: 'kommunen', customerId }]);
    expect(await reconcile.repair(items, attempt)).toBe(1 + orders);
    expect((await state()).customers.map((c) => c.id)).toEqual([customerId]);
    expect(events).toEqual([
      {
        kind: 'reconcile.repair',
        status: 'accepted',
        refs: { runId: attempt.runId, tenant: 'kommunen', customerId },
        personKey,
        rulesVersion: rules.version,
        answer: { status: '2xx' },
        reasons: ['customerMissing'],
        detail: { attempt: 'a1', by: 'schedule', operations: 'putCustomer+putServiceOrder', count: 1 + orders },
      },
    ]);
    // What the journal would store: ids and codes only (its own guard), and never the client's number.
    events.forEach((e) => checkEvent(e));
    expect(JSON.stringify(events)).not.toContain(v1.client.identityNumber.replace('-', '').slice(2, 8));
  });

  it('journals a failed repair write with the planning tool’s answer, and throws it (not swallowed)', async () => {
    const items = await drift();
    expect((await control.post('/_sim/faults', { tenant: 'kommunen', status: 503, count: 1, retryAfter: 1 })).status).toBe(201);
    const before = (await counts()).total;
    const error = await rejectionOf(reconcile.repair(items, { ...attempt, by: 'operator' }));
    expect(error).toBeInstanceOf(Error);
    expect((await counts()).total).toBeGreaterThan(before);
    expect(events).toEqual([
      expect.objectContaining({ kind: 'reconcile.repair', status: 'failed', refs: { runId: attempt.runId, tenant: 'kommunen', customerId }, personKey, answer: { status: '503', code: 'PlanningTransientError' }, reasons: ['customerMissing'], detail: expect.objectContaining({ by: 'operator', count: expect.any(Number) }) }),
    ]);
    expect((await state()).customers).toEqual([]);
  });

  it('journals an assignment whose apply it queued again, by assignment, job and the client’s keyed hash', async () => {
    const item: DriftItem = { flow: 'interventions', kind: 'assignmentNotApplied', assignmentId: v1.id, version: 1 };
    expect(await reconcile.repair([item], attempt)).toBe(1);
    expect(events).toEqual([
      {
        kind: 'reconcile.repair',
        status: 'queued',
        refs: { runId: attempt.runId, assignmentId: v1.id, version: 1, jobId: expect.stringContaining(`-reconcile-${attempt.runId}-a1`) },
        personKey,
        reasons: ['assignmentNotApplied'],
        detail: { attempt: 'a1', by: 'schedule' },
      },
    ]);
    events.forEach((e) => checkEvent(e));
  });
});
