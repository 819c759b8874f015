import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { type Job, Worker } from 'bullmq';
import { type DriftBatch, type FlowReconcile, LockSet, type ReadPace, ReconciledFlow, REDIS } from '@brygga/flow-kernel';
import { type JobPayloads, JobProducer, QueueName } from '@brygga/queue';
import { eventually } from '@brygga/testing';
import { operationsKeys } from './operations-keys';
import { type OperationsRig, operationsRig } from './operations.test-harness';
import { OPERATIONS_KEYS, RECONCILE_SETTINGS } from './operations.tokens';
import { newReconcileRun, type ReconcileRun, ReconcileRunsStore } from './reconcile-runs.store';
import { ReconcileProcessor, type ReconcileSettings } from './reconcile.processor';

const READS_PER_RUN = 2;
const LOCK = { ttlMs: 600, retryMs: 100 };

/** What the fake flow did, across both "processes": each read it paced, and a gate its first read waits at. */
const reads: number[] = [];
let gate: Promise<void> = Promise.resolve();
let failNext = false;

/** A flow whose downstream is two planning reads (paced as a real flow's), the second after the gate. */
@Injectable()
@ReconciledFlow()
class GatedFlow implements FlowReconcile {
  readonly flow = 'gated';

  async downstream(pace: ReadPace, batch: (b: DriftBatch) => Promise<void>): Promise<void> {
    await pace('t1');
    reads.push(Date.now());
    if (failNext) {
      failNext = false;
      throw new Error('planning tool refused the read');
    }
    await gate;
    await pace('t1');
    reads.push(Date.now());
    await batch({ items: [], checked: 1 });
  }

  async upstream(): Promise<DriftBatch> {
    return { items: [], checked: 0 };
  }

  async repair(): Promise<number> {
    return 0;
  }
}

let rig: OperationsRig;
let runs: ReconcileRunsStore;
const workers: Worker[] = [];

/** One worker process's reconciliation: its own Nest module, LockSet and BullMQ worker (one job at a time), on the shared Redis. */
async function startProcess(): Promise<void> {
  const settings: ReconcileSettings = { maxRps: 1000, cron: null, autoRepair: false, runLock: LOCK };
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [
      GatedFlow,
      ReconcileProcessor,
      ReconcileRunsStore,
      LockSet,
      { provide: REDIS, useValue: rig.redis },
      { provide: OPERATIONS_KEYS, useValue: operationsKeys(rig.prefix) },
      { provide: JobProducer, useValue: rig.producer },
      { provide: RECONCILE_SETTINGS, useValue: settings },
    ],
  }).compile();
  const handler = moduleRef.get(ReconcileProcessor).handlers()['reconcile.run'];
  const worker = new Worker(QueueName.Operations, (job: Job<JobPayloads['reconcile.run']>, token?: string) => handler(job, token), { connection: rig.redis.duplicate(), prefix: rig.prefix, concurrency: 1 });
  workers.push(worker);
}

async function startRun(): Promise<string> {
  const run = newReconcileRun('all', 'ops-anna');
  await runs.create(run);
  await rig.producer.enqueue('reconcile.run', { v: 1, runId: run.runId }, { jobId: `reconcile-${run.runId}`, attempts: 1 });
  return run.runId;
}

const runOf = async (runId: string): Promise<ReconcileRun> => (await runs.get(runId)) as ReconcileRun;
const jobOf = async (runId: string) => (await rig.producer.queue(QueueName.Operations).getJob(`reconcile-${runId}`)) as Job;
const finished = (runId: string) => eventually(async () => ((await runOf(runId)).finishedAt ? runOf(runId) : undefined), `run ${runId} finished`, 15_000);

describe('reconciliation runs one at a time across processes (the run lock, real Redis and BullMQ)', () => {
  let lockKey: string;

  beforeEach(async () => {
    rig = await operationsRig('reconcile-lock');
    runs = new ReconcileRunsStore(rig.redis, operationsKeys(rig.prefix));
    lockKey = operationsKeys(rig.prefix).reconcileRunLock;
    reads.length = 0;
    gate = Promise.resolve();
    failNext = false;
    await startProcess();
    await startProcess();
  });

  afterEach(async () => {
    for (const worker of workers.splice(0)) {
      await worker.close();
      await worker.disconnect();
    }
    await rig.close();
  });

  it('a run started while another reads does not read, stays queued naming it, comes back later without spending an attempt, and runs after it', async () => {
    let open = (): void => undefined;
    gate = new Promise((resolve) => (open = resolve));
    const first = await startRun();
    await eventually(async () => (reads.length === 1 ? true : undefined), 'the first run reading');
    expect(await rig.redis.pttl(lockKey)).toBeLessThanOrEqual(LOCK.ttlMs);
    const second = await startRun();

    // The other process took the second run and put it back: delayed, its record queued, naming the first.
    await eventually(async () => ((await jobOf(second).then((j) => j.getState())) === 'delayed' ? true : undefined), 'the second run waiting');
    const waiting = await runOf(second);
    expect(waiting).toMatchObject({ status: 'queued', waitingFor: first });
    expect(waiting.startedAt).toBeUndefined();
    // Held past several leases and retries: the first run's renewal keeps the lock, and the second never reads.
    await new Promise((r) => setTimeout(r, LOCK.ttlMs * 3));
    expect(reads).toHaveLength(1);
    expect((await runOf(second)).status).toBe('queued');

    open();
    const [a, b] = [await finished(first), await finished(second)];
    expect([a.status, b.status]).toEqual(['done', 'done']);
    expect(b.waitingFor).toBeUndefined();
    expect(Date.parse(b.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(a.finishedAt ?? ''));
    expect(reads).toHaveLength(2 * READS_PER_RUN);
    const job = await eventually(async () => ((await jobOf(second).then((j) => j.getState())) === 'completed' ? jobOf(second) : undefined), 'the second job completed');
    // Its waits were not failures: one attempt allowed, none failed.
    expect(job.failedReason).toBeUndefined();
    expect(await rig.redis.exists(lockKey)).toBe(0);
  });

  it('a run that fails lets go of the lock: the next run reads at once', async () => {
    failNext = true;
    const failing = await startRun();
    expect(await finished(failing)).toMatchObject({ status: 'failed', problem: 'Error: planning tool refused the read' });
    expect(await rig.redis.exists(lockKey)).toBe(0);
    const next = await startRun();
    const done = await finished(next);
    expect(done.status).toBe('done');
    expect(done.waitingFor).toBeUndefined();
    expect(reads).toHaveLength(1 + READS_PER_RUN);
  });

  it('a lock left by a dead holder (no renewal) blocks runs only until its lease lapses', async () => {
    // What a process killed mid-run leaves: its token, with the lease its last renewal gave.
    await rig.redis.set(lockKey, 'dead-holder-token', 'PX', LOCK.ttlMs);
    const leaseEnds = Date.now() + LOCK.ttlMs;
    const run = await startRun();
    await eventually(async () => ((await jobOf(run).then((j) => j.getState())) === 'delayed' ? true : undefined), 'the run waiting');
    expect(reads).toHaveLength(0);
    const done = await finished(run);
    expect(done.status).toBe('done');
    expect(Date.parse(done.startedAt ?? '')).toBeGreaterThanOrEqual(leaseEnds - 50);
    expect(reads).toHaveLength(READS_PER_RUN);
  });
});
