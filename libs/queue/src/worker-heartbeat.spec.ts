import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import type Redis from 'ioredis';
import type { JobHandlerProvider } from './job-handler';
import { ALL_JOB_NAMES, JOB_QUEUE } from './job-payloads';
import { JobProducer } from './job-producer';
import { QueueName } from './queue-name.enum';
import { createRedis } from './redis-connection';
import { WorkerHost } from './worker-host';

/** A handler for every job of the given queues, and no other (the host refuses a handler it would not use). */
const jobsOf = (...queues: QueueName[]): JobHandlerProvider => ({
  handlers: () => Object.fromEntries(ALL_JOB_NAMES.filter((n) => queues.includes(JOB_QUEUE[n])).map((n) => [n, async () => 'ok'])),
});

async function until<T>(check: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('WorkerHost heartbeats (real Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let producer: JobProducer;
  let host: WorkerHost | undefined;

  beforeEach(() => {
    redis = createRedis(TEST_REDIS_URL, 'brygga-test');
    prefix = uniquePrefix('heartbeat');
    producer = new JobProducer(redis, prefix);
  });

  afterEach(async () => {
    await host?.close();
    await producer.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  it("beats once each worker's blocking connection answers, goes stale past staleMs, and stops on close", async () => {
    const staleMs = 20_000;
    host = new WorkerHost({ connection: redis, prefix, concurrency: {}, shutdownTimeoutMs: 5000, queues: [QueueName.Assignments, QueueName.Scheduler], heartbeat: { intervalMs: 100, staleMs } });
    const started = Date.now();
    await host.start([jobsOf(QueueName.Assignments, QueueName.Scheduler)]);
    expect(host.beats().map((b) => b.queue).sort()).toEqual([QueueName.Assignments, QueueName.Scheduler]);
    // A job ends the blocking wait at once, so the PING queued behind it is answered.
    await producer.enqueue('assignment.apply', { v: 1, assignmentId: 'A-1', version: 1 }, { jobId: 'hb-1' });
    const beat = await until(() => host?.beats().find((b) => b.queue === QueueName.Assignments && Date.parse(b.lastBeatAt) > started + 100), 'a round trip on the blocking connection');
    expect(beat.stale).toBe(false);
    expect(beat.ageMs).toBeLessThan(staleMs);
    // Read as if staleMs had passed with no answer.
    const later = Date.now() + staleMs + 1000;
    expect(host.beats(later).every((b) => b.stale)).toBe(true);
    await host.close();
    expect(host.beats()).toEqual([]);
  });

  it('has no heartbeat without the option', async () => {
    host = new WorkerHost({ connection: redis, prefix, concurrency: {}, shutdownTimeoutMs: 5000, queues: [QueueName.Assignments] });
    await host.start([jobsOf(QueueName.Assignments)]);
    expect(host.beats()).toEqual([]);
  });
});
