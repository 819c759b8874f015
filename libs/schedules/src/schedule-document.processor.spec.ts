import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import Redis from 'ioredis';
import { contractsDir, loadMappingRules } from '@brygga/config';
import { LastSyncStore } from '@brygga/flow-kernel';
import { PlanningClientsRegistry } from '@brygga/planning-tool';
import { JOB_IDS, JobProducer, QueueName, type JobPayloads } from '@brygga/queue';
import { createPlanningToolSimulator } from '@brygga/sim-planning-tool';
import { deletePrefix, listenLocal, rejectionOf, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { ScheduleDocumentProcessor } from './schedule-document.processor';
import { ScheduleIntake } from './schedule-intake.service';
import type { ScheduleKeys } from './schedule-keys';
import { SchedulesStats } from './schedules-stats.store';
import { schedulesWorker } from './schedules.test-harness';
import { SCHEDULE_KEYS } from './schedules.tokens';

type ApplyJob = Job<JobPayloads['schedule-document.apply']>;
const norr1 = (revision: number) =>
  Buffer.from(readFileSync(join(contractsDir(), 'scheduling-system/examples/schedule-norr1.xml'), 'utf8').replace('revision="57"', `revision="${revision}"`));

describe('ScheduleDocumentProcessor: a unit’s exports queued together apply oldest first (real Redis, real planning simulator)', () => {
  let sim: INestApplication;
  let redis: Redis;
  let prefix: string;
  let producer: JobProducer;
  let stores: { scheduleKeys: ScheduleKeys; stats: SchedulesStats };
  let processor: ScheduleDocumentProcessor;
  let intake: ScheduleIntake;
  let lastSync: LastSyncStore;

  beforeAll(async () => {
    sim = await createPlanningToolSimulator({ tenants: { kommunen: 'k-token', omsorgshuset: 'o-token' }, logger: false });
    const base = await listenLocal(sim);
    redis = new Redis(TEST_REDIS_URL);
    prefix = uniquePrefix('sched-order');
    producer = new JobProducer(redis, prefix);
    const rules = loadMappingRules('config/mapping-rules.yaml');
    const planning = new PlanningClientsRegistry({ K: 'k-token', O: 'o-token' }, {
      timeoutMs: 30_000,
      tenantsJson: JSON.stringify({ kommunen: { baseUrl: `${base}/kommunen`, tokenEnv: 'K' }, omsorgshuset: { baseUrl: `${base}/omsorgshuset`, tokenEnv: 'O' } }),
    });
    planning.configure(rules.tenants);
    const flow = await schedulesWorker({ redis, prefix, producer, planning, rules: () => rules, today: () => '2026-11-23' });
    stores = { scheduleKeys: flow.get(SCHEDULE_KEYS), stats: flow.get(SchedulesStats) };
    processor = flow.get(ScheduleDocumentProcessor);
    intake = flow.get(ScheduleIntake);
    lastSync = flow.get(LastSyncStore);
  });
  afterAll(async () => {
    await producer.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await sim.close();
  });

  const jobOf = (documentId: string, reapply?: boolean): { job: ApplyJob; delayed: number[] } => {
    const delayed: number[] = [];
    return { job: { data: { v: 1, documentId, ...(reapply && { reapply }) }, attemptsMade: 0, moveToDelayed: async (at: number) => void delayed.push(at) } as unknown as ApplyJob, delayed };
  };

  it('the later revision waits while the earlier one is queued, then both apply, nothing skipped as stale', async () => {
    // Pushed in the right order, but the later one's job happens to run first.
    const older = await intake.receiveDocument(norr1(57), { unitId: 'NORR-1', revision: 57 }, 'push');
    const newer = await intake.receiveDocument(norr1(58), { unitId: 'NORR-1', revision: 58 }, 'push');
    const first = jobOf(newer);
    expect(await rejectionOf(processor.apply(first.job))).toBeInstanceOf(DelayedError);
    expect(first.delayed).toHaveLength(1);

    const before = Date.now();
    expect(await processor.apply(jobOf(older).job)).toBe('applied');
    // An applied export is its unit's last successful roster sync.
    expect(Date.parse((await lastSync.readAll()).rosters['NORR-1'] ?? '')).toBeGreaterThanOrEqual(before);
    // The worker would now complete the older job; it leaves the queue.
    await (await producer.queue(QueueName.ScheduleDocuments).getJob(JOB_IDS.scheduleDocumentApply(older)))?.remove();
    expect(await processor.apply(jobOf(newer).job)).toBe('applied');
    expect(await stores.stats.read()).toMatchObject({ applied: 2 });
    expect((await stores.stats.read()).skippedStale ?? 0).toBe(0);
    expect(await redis.zcard(stores.scheduleKeys.unitQueue('NORR-1'))).toBe(0);
  });

  it('an earlier export whose job is gone (failed for good, or never queued) holds nothing back', async () => {
    const lost = await intake.receiveDocument(norr1(60), { unitId: 'NORR-1', revision: 60 }, 'push');
    await (await producer.queue(QueueName.ScheduleDocuments).getJob(JOB_IDS.scheduleDocumentApply(lost)))?.remove();
    const next = await intake.receiveDocument(norr1(61), { unitId: 'NORR-1', revision: 61 }, 'push');
    expect(await processor.apply(jobOf(next).job)).toBe('applied');
    expect(await redis.zrange(stores.scheduleKeys.unitQueue('NORR-1'), '0', '-1')).not.toContain(lost);
  });

  it('the same export again is stale, but applies again when requeued from quarantine (reapply)', async () => {
    const doc = await intake.receiveDocument(norr1(90), { unitId: 'NORR-1', revision: 90 }, 'push');
    await (await producer.queue(QueueName.ScheduleDocuments).getJob(JOB_IDS.scheduleDocumentApply(doc)))?.remove();
    expect(await processor.apply(jobOf(doc).job)).toBe('applied');
    expect(await processor.apply(jobOf(doc).job)).toBe('stale');
    expect(await processor.apply(jobOf(doc, true).job)).toBe('applied');
  });
});
