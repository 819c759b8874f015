import { Job, UnrecoverableError, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { JOB_LOCK_DURATION_MS, JOB_MAX_STALLED_COUNT, JOB_STALLED_INTERVAL_MS, jitteredBackoff } from './default-job-options';
import { buildHandlerTable, HandlerTable, JobHandlerProvider } from './job-handler';
import { ALL_JOB_NAMES, JOB_QUEUE, JobName } from './job-payloads';
import { QueueName } from './queue-name.enum';
import { withoutQuotedData } from './quoting-errors';
import { type JobFailure, jobFailureOf } from './job-failure';
import { isSaneRequestId, newRequestId, runWithRequestId } from './request-context';
import { type HeartbeatOptions, type WorkerBeat, WorkerHeartbeats } from './worker-heartbeat';

export interface WorkerHostOptions {
  connection: Redis;
  prefix: string;
  /** Concurrency per queue; the assignments queue is where parallelism pays. */
  concurrency: Partial<Record<QueueName, number>>;
  /** How long a graceful close waits for running jobs before handing them back. */
  shutdownTimeoutMs: number;
  onEvent?: (event: WorkerEvent) => void;
  /** First retry delay; doubles per attempt (tests use a small one). */
  backoffBaseMs?: number;
  /** How long a job's lock lasts without renewal: after a crash or forced close, its job is retried this soon. */
  lockDurationMs?: number;
  /**
   * The queues this process consumes (default: all). A queue left out is left to other
   * workers (a worker without the drop directory leaves file imports to one that has it),
   * and its jobs need no handler here.
   */
  queues?: readonly QueueName[];
  /** Each worker's blocking connection pinged every intervalMs (see WorkerHeartbeats); none without it. */
  heartbeat?: HeartbeatOptions & { onMiss?: (queue: string, error: Error) => void };
}

function retryAfterOf(err?: Error): number {
  const value = (err as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * `seconds`: from the job's start to its end, when BullMQ recorded both. `requestId`: the
 * job's (see request-context.ts); `onEvent` is also called inside it, so its log lines carry it.
 */
export type WorkerEvent =
  | { type: 'completed'; queue: string; name: string; jobId: string; requestId: string; seconds?: number }
  | ({ type: 'failed'; queue: string; name: string; jobId: string; requestId: string; attemptsMade: number; final: boolean; reason: string; seconds?: number } & JobFailure)
  | { type: 'error'; queue: string; reason: string };

type TracedJob = Job<{ rid?: unknown }>;

/**
 * The request id a job runs under: the one it was queued with, else a new one, kept on the
 * job object (not written back) so the job's events name the same id as its lines.
 */
function requestIdOf(job: TracedJob): string {
  if (!isSaneRequestId(job.data?.rid)) job.data = { ...job.data, rid: newRequestId() };
  return job.data.rid as string;
}

/**
 * Runs one BullMQ worker per queue and dispatches by job name through the handler
 * table, which is checked complete (every job exactly one handler) before any worker
 * starts.
 */
export class WorkerHost {
  private workers: Worker[] = [];
  private connections: Redis[] = [];
  private heartbeats?: WorkerHeartbeats;

  constructor(private readonly options: WorkerHostOptions) {}

  /** Resolves once every worker's connections are up (closing a worker mid-connect races inside BullMQ). */
  async start(providers: JobHandlerProvider[]): Promise<void> {
    const queues = new Set(this.options.queues ?? Object.values(JOB_QUEUE));
    const required = ALL_JOB_NAMES.filter((name) => queues.has(JOB_QUEUE[name]));
    const table = buildHandlerTable(providers, required);
    this.workers = [...queues].map((queue) => this.startWorker(queue, table));
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    const { heartbeat } = this.options;
    if (heartbeat) {
      this.heartbeats = new WorkerHeartbeats(heartbeat, heartbeat.onMiss);
      this.heartbeats.start(new Map(this.workers.map((w) => [w.name, w])));
    }
  }

  /** Each worker's last heartbeat as of `now` (empty without the heartbeat option, or once closed). */
  beats(now?: number): WorkerBeat[] {
    return this.heartbeats?.report(now) ?? [];
  }

  private startWorker(queue: QueueName, table: HandlerTable): Worker {
    const { connection, prefix, concurrency, onEvent } = this.options;
    // Workers block on their own connection; it is ours to close.
    const workerConnection = connection.duplicate();
    this.connections.push(workerConnection);
    const worker = new Worker(
      queue,
      async (job: Job, token?: string) => {
        const handler = table[job.name as JobName] as ((j: Job, t?: string) => Promise<unknown>) | undefined;
        if (!handler) throw new UnrecoverableError(`no handler for job '${job.name}' on queue '${queue}'`);
        return runWithRequestId(requestIdOf(job), () => handler(job, token)).catch((error: unknown) => {
          throw withoutQuotedData(error);
        });
      },
      {
        connection: workerConnection,
        prefix,
        concurrency: concurrency[queue] ?? 1,
        ...(this.options.lockDurationMs
          ? { lockDuration: this.options.lockDurationMs, stalledInterval: this.options.lockDurationMs }
          : { lockDuration: JOB_LOCK_DURATION_MS, stalledInterval: JOB_STALLED_INTERVAL_MS }),
        maxStalledCount: JOB_MAX_STALLED_COUNT,
        settings: {
          // A peer's Retry-After (carried on the error) is a floor under our own backoff.
          backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) =>
            Math.max(retryAfterOf(err), jitteredBackoff(attemptsMade, this.options.backoffBaseMs ?? 1000)),
        },
      },
    );
    worker.on('completed', (job) => {
      const requestId = requestIdOf(job);
      runWithRequestId(requestId, () => onEvent?.({ type: 'completed', queue, name: job.name, jobId: job.id ?? '', requestId, seconds: ranFor(job) }));
    });
    worker.on('failed', (job, err) => {
      if (!job) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError';
      const requestId = requestIdOf(job);
      const event: WorkerEvent = { type: 'failed', queue, name: job.name, jobId: job.id ?? '', requestId, attemptsMade: job.attemptsMade, final, reason: err.message, seconds: ranFor(job), ...jobFailureOf(job, err) };
      runWithRequestId(requestId, () => onEvent?.(event));
    });
    worker.on('error', (err) => onEvent?.({ type: 'error', queue, reason: err.message }));
    return worker;
  }

  get running(): boolean {
    return this.workers.length > 0 && this.workers.every((w) => w.isRunning());
  }

  /**
   * Lets running jobs finish; after the timeout, cuts the workers' connections so their
   * job locks lapse and another worker picks those jobs up as stalled: nothing is lost
   * either way. (BullMQ's close(true) would only return the graceful close still pending.)
   */
  async close(): Promise<void> {
    this.heartbeats?.stop();
    this.heartbeats = undefined;
    const workers = this.workers;
    this.workers = [];
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.shutdownTimeoutMs);
    });
    const graceful = Promise.all(workers.map((w) => w.close())).then(() => 'closed' as const);
    graceful.catch(() => undefined);
    const outcome = await Promise.race([graceful, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') await Promise.all(workers.map((w) => w.disconnect().catch(() => undefined)));
    const connections = this.connections;
    this.connections = [];
    connections.forEach((c) => c.disconnect());
  }
}

function ranFor(job: { processedOn?: number; finishedOn?: number }): number | undefined {
  return job.processedOn && job.finishedOn ? (job.finishedOn - job.processedOn) / 1000 : undefined;
}
