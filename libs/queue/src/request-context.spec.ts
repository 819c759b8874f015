import type { Job } from 'bullmq';
import type Redis from 'ioredis';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { JobHandlerProvider } from './job-handler';
import { ALL_JOB_NAMES } from './job-payloads';
import { JobProducer } from './job-producer';
import { QueueName } from './queue-name.enum';
import { createRedis } from './redis-connection';
import { currentRequestId, isSaneRequestId, runWithRequestId } from './request-context';
import { WorkerEvent, WorkerHost } from './worker-host';

describe('isSaneRequestId', () => {
  it.each<[string, unknown, boolean]>([
    ['a UUID', '3f0c4a4e-1b7d-4c52-9a53-0d3c3b0c6e21', true],
    ['letters, digits, dot, underscore, dash', 'push.42_a-B', true],
    ['64 characters', 'a'.repeat(64), true],
    ['65 characters', 'a'.repeat(65), false],
    ['empty', '', false],
    ['a space', 'a b', false],
    ['a newline (log injection)', 'a\nb', false],
    ['a colon', 'a:b', false],
    ['a personnummer with a plus', '19121212+1212', false],
    ['not a string', 42, false],
  ])('%s', (_name, value, sane) => {
    expect(isSaneRequestId(value)).toBe(sane);
  });
});

describe('the request id, carried from the producer into the job and its events (real Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let producer: JobProducer;
  let host: WorkerHost | undefined;

  beforeEach(() => {
    redis = createRedis(TEST_REDIS_URL, 'brygga-test');
    prefix = uniquePrefix('rid');
    producer = new JobProducer(redis, prefix);
  });

  afterEach(async () => {
    await host?.close();
    await producer.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  async function until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('stamps the current request id; outside a request each call gets a new one, shared by its bulk', async () => {
    const queue = producer.queue(QueueName.Assignments);
    const inside = await runWithRequestId('push-1', () => producer.enqueue('assignment.apply', { v: 1, assignmentId: 'a1', version: 1 }));
    const outside = await producer.enqueue('assignment.apply', { v: 1, assignmentId: 'a2', version: 1 });
    await producer.enqueueBulk('assignment.apply', [
      { data: { v: 1, assignmentId: 'a3', version: 1 }, opts: { jobId: 'b3' } },
      { data: { v: 1, assignmentId: 'a4', version: 1 }, opts: { jobId: 'b4' } },
    ]);
    const rid = async (id: string) => (await queue.getJob(id))?.data.rid as string;
    expect(await rid(inside)).toBe('push-1');
    expect(isSaneRequestId(await rid(outside))).toBe(true);
    expect(await rid('b3')).toBe(await rid('b4'));
    expect(new Set([await rid(inside), await rid(outside), await rid('b3')]).size).toBe(3);
  });

  it('runs each handler, the jobs it queues and its events under the job’s request id; a job without one gets a new one', async () => {
    const seen: Array<{ id: string; inHandler?: string }> = [];
    const events: Array<{ event: WorkerEvent; inListener?: string }> = [];
    const provider: JobHandlerProvider = {
      handlers: () =>
        Object.fromEntries(
          ALL_JOB_NAMES.map((name) => [
            name,
            async (job: Job<{ assignmentId?: string }>) => {
              seen.push({ id: job.data.assignmentId ?? job.name, inHandler: currentRequestId() });
              if (job.data.assignmentId === 'a1') await producer.enqueue('assignment.apply', { v: 1, assignmentId: 'child', version: 1 });
              if (job.data.assignmentId === 'fails') throw new Error('refused');
            },
          ]),
        ),
    };
    host = new WorkerHost({ connection: redis, prefix, concurrency: {}, shutdownTimeoutMs: 5000, onEvent: (event) => events.push({ event, inListener: currentRequestId() }) });
    await host.start([provider]);
    await runWithRequestId('push-1', () => producer.enqueue('assignment.apply', { v: 1, assignmentId: 'a1', version: 1 }));
    await runWithRequestId('push-2', () => producer.enqueue('assignment.apply', { v: 1, assignmentId: 'fails', version: 1 }, { attempts: 1 }));
    // A job from before request ids (or from a scheduler tick) has none.
    await producer.queue(QueueName.Scheduler).add('case-feed.poll', { v: 1 });
    await until(() => seen.length === 4 && events.length === 4);

    const inHandler = Object.fromEntries(seen.map((s) => [s.id, s.inHandler]));
    expect(inHandler).toMatchObject({ a1: 'push-1', child: 'push-1', fails: 'push-2' });
    expect(isSaneRequestId(inHandler['case-feed.poll'])).toBe(true);
    for (const { event, inListener } of events) {
      if (event.type === 'error') throw new Error(event.reason);
      expect(inListener).toBe(event.requestId);
    }
    const byName = events.map(({ event }) => event.type !== 'error' && [event.type, event.requestId]);
    expect(byName).toEqual(expect.arrayContaining([['completed', 'push-1'], ['failed', 'push-2'], ['completed', inHandler['case-feed.poll']]]));
  });
});
