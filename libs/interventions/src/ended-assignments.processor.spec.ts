import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { AxiosInstance } from 'axios';
import { Job, Queue } from 'bullmq';
import Redis from 'ioredis';
import type { Assignment } from '@brygga/domain';
import { parseUppdragsexport } from '@brygga/case-system';
import { contractsDir, loadMappingRules } from '@brygga/config';
import { createPlanningIds } from '@brygga/planning-tool';
import { JobProducer, QueueName, type JobPayloads } from '@brygga/queue';
import type { TenantSnapshot } from '@brygga/sim-planning-tool';
import { deletePrefix, type FlowInfrastructure, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { AssignmentStateStore } from './assignment-state.store';
import { AssignmentProcessor } from './assignment.processor';
import { EndedAssignmentsProcessor } from './ended-assignments.processor';
import { interventionsWorker, TEST_CUSTOMER_ID_KEY } from './interventions.test-harness';
import { startPlanningSim } from './planning-sim.test-harness';

const ids = createPlanningIds(TEST_CUSTOMER_ID_KEY);

/** The two assignments of uppdrag-byte.xml: UPP-2026-0417 ended 2027-01-15 (HT-NORR), UPP-2027-0021 aktiv from 2027-01-16 (HT-VÄST). */
function switchAssignments(): [Assignment, Assignment] {
  const results = parseUppdragsexport(readFileSync(join(contractsDir(), 'case-system/examples/uppdrag-byte.xml'))).results;
  const [a, b] = results.map((r) => {
    if (!r.ok) throw new Error(r.reasons.map((r) => r.text).join('; '));
    return r.assignment;
  });
  return [a, b];
}

describe('EndedAssignmentsProcessor: the daily run decides per customer (real Redis, real planning simulator)', () => {
  const [ended, started] = switchAssignments();
  const customerId = ids.customerId(ended.client.identityNumber);
  let app: INestApplication;
  let control: AxiosInstance;
  let redis: Redis;
  let prefix: string;
  let producer: JobProducer;
  let queue: Queue;
  let stores: { assignments: AssignmentStateStore };
  let today = '2026-11-23';
  let assignments: AssignmentProcessor;
  let daily: EndedAssignmentsProcessor;
  let infrastructure: FlowInfrastructure;

  beforeAll(async () => {
    const rules = loadMappingRules('config/mapping-rules.yaml');
    const { app: sim, control: simControl, planning } = await startPlanningSim(rules);
    [app, control] = [sim, simControl];
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
    prefix = uniquePrefix('ended');
    producer = new JobProducer(redis, prefix);
    queue = new Queue(QueueName.Assignments, { connection: redis, prefix });
    infrastructure = { redis, prefix, producer, planning, rules: () => rules, today: () => today };
    const flow = await interventionsWorker(infrastructure);
    stores = { assignments: flow.get(AssignmentStateStore) };
    assignments = flow.get(AssignmentProcessor);
    daily = flow.get(EndedAssignmentsProcessor);
  });

  afterAll(async () => {
    await queue.close();
    await producer.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
    await app.close();
  });

  const customer = async () => ((await control.get('/_sim/kommunen/state')).data as TenantSnapshot).customers.find((c) => c.id === customerId);
  const apply = (data: JobPayloads['assignment.apply']) => assignments.apply({ data, moveToDelayed: async () => undefined } as unknown as Job<JobPayloads['assignment.apply']>);
  /** Runs the daily job for `date`, then applies what it queued, as the workers would. */
  async function runDaily(date: string): Promise<number> {
    today = date;
    const { reapplied } = await daily.run({ data: { v: 1, date } } as Job<JobPayloads['assignments.end-expired']>);
    for (const job of await queue.getJobs(['waiting'])) {
      await apply(job.data as JobPayloads['assignment.apply']);
      await job.remove();
    }
    return reapplied;
  }

  it('the old assignment’s end passes while the new one is aktiv: the customer stays active; once every one has ended, inactive', async () => {
    await stores.assignments.storeVersions([ended, started]);
    expect(await apply({ v: 1, assignmentId: ended.id, version: ended.version })).toBe('applied');
    expect(await apply({ v: 1, assignmentId: started.id, version: started.version })).toBe('applied');

    expect(await runDaily('2027-01-16')).toBe(1);
    expect(await customer()).toMatchObject({ active: true, teamId: 'VAST-1' });
    expect(await customer()).not.toHaveProperty('activeUntil');

    const endedToo: Assignment = { ...started, version: 2, status: 'avslutad', endDate: '2027-02-01', changedAt: '2027-01-20T09:00:00+01:00' };
    await stores.assignments.storeVersion(endedToo);
    expect(await apply({ v: 1, assignmentId: endedToo.id, version: 2 })).toBe('applied');
    expect(await customer()).toMatchObject({ active: true, activeUntil: '2027-02-01' });
    expect(await runDaily('2027-02-02')).toBe(1);
    expect(await customer()).toMatchObject({ active: false, activeUntil: '2027-02-01', teamId: 'VAST-1' });
    expect((await customer())?.serviceOrders).toHaveLength(7);
  });

  it('a run that dies before its re-applies are queued loses none of them: the next run queues them', async () => {
    const ended2: Assignment = { ...ended, id: 'UPP-CRASH', version: 1, endDate: '2027-03-01' };
    await stores.assignments.noteEnded(ended2.id, '2027-03-01');
    await stores.assignments.recordApplied(ended2.id, 1, { serviceOrderIds: [], outcome: 'applied' });
    const failing = { enqueueBulk: async () => Promise.reject(new Error('connection lost')) } as unknown as JobProducer;
    const dying = (await interventionsWorker({ ...infrastructure, producer: failing })).get(EndedAssignmentsProcessor);
    await expect(dying.run({ data: { v: 1, date: '2027-03-02' } } as Job<JobPayloads['assignments.end-expired']>)).rejects.toThrow('connection lost');
    expect(await stores.assignments.endedBefore('2027-03-02')).toContain('UPP-CRASH');
    expect((await daily.run({ data: { v: 1, date: '2027-03-02' } } as Job<JobPayloads['assignments.end-expired']>)).reapplied).toBeGreaterThanOrEqual(1);
    expect(await stores.assignments.endedBefore('2027-03-02')).toEqual([]);
  });
});
