import { Job, QueueEvents, UnrecoverableError } from 'bullmq';
import Redis from 'ioredis';
import { redisOptionsFromUrl } from '@brygga/config';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { JOB_LOCK_DURATION_MS, JOB_MAX_STALLED_COUNT } from './default-job-options';
import { buildHandlerTable, HandlerRegistryError, JobHandlerProvider } from './job-handler';
import { ALL_JOB_NAMES, JobName } from './job-payloads';
import { JobProducer } from './job-producer';
import { QueueName } from './queue-name.enum';
import { assertNoEviction, createRedis } from './redis-connection';
import { WorkerHost } from './worker-host';
import { WITHHELD } from './quoting-errors';

type Calls = Array<{ name: string; data: unknown }>;

function providerFor(names: readonly JobName[], calls: Calls, behaviour?: (job: Job) => Promise<unknown>): JobHandlerProvider {
  const fn = async (job: Job) => {
    calls.push({ name: job.name, data: job.data });
    return behaviour ? behaviour(job) : 'ok';
  };
  return { handlers: () => Object.fromEntries(names.map((n) => [n, fn])) };
}

describe('buildHandlerTable', () => {
  it('accepts exactly one handler per job name', () => {
    expect(Object.keys(buildHandlerTable([providerFor(ALL_JOB_NAMES, [])])).sort()).toEqual([...ALL_JOB_NAMES].sort());
  });

  it('refuses a job name with no handler', () => {
    expect(() => buildHandlerTable([providerFor(ALL_JOB_NAMES.slice(1), [])])).toThrow(HandlerRegistryError);
    expect(() => buildHandlerTable([providerFor(ALL_JOB_NAMES.slice(1), [])])).toThrow(`job '${ALL_JOB_NAMES[0]}' has no handler`);
  });

  it('refuses a job name with two handlers', () => {
    const providers = [providerFor(ALL_JOB_NAMES, []), providerFor([ALL_JOB_NAMES[0]], [])];
    expect(() => buildHandlerTable(providers)).toThrow(/has two handlers/);
  });
});

describe('WorkerHost against the real Redis', () => {
  let redis: Redis;
  let prefix: string;
  let producer: JobProducer;
  let host: WorkerHost | undefined;

  beforeEach(() => {
    redis = createRedis(TEST_REDIS_URL, 'brygga-test');
    prefix = uniquePrefix('queue');
    producer = new JobProducer(redis, prefix);
  });

  afterEach(async () => {
    await host?.close();
    await producer.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  it('the test Redis uses noeviction', async () => {
    await expect(assertNoEviction(redis)).resolves.toBeUndefined();
  });

  it('routes a job to its queue and its handler', async () => {
    const calls: Calls = [];
    host = new WorkerHost({ connection: redis, prefix, concurrency: {}, shutdownTimeoutMs: 5000 });
    await host.start([providerFor(ALL_JOB_NAMES, calls)]);
    const events = new QueueEvents(QueueName.CaseDocuments, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });
    await events.waitUntilReady();
    const id = await producer.enqueue('case-file.import', { v: 1, fileName: 'doc-1.xml' });
    const job = await producer.queue(QueueName.CaseDocuments).getJob(id);
    await job!.waitUntilFinished(events, 30000);
    expect(calls).toEqual([{ name: 'case-file.import', data: { v: 1, fileName: 'doc-1.xml', rid: expect.any(String) } }]);
    await events.close();
  });

  it('lets the stalled check hand a job back up to JOB_MAX_STALLED_COUNT times before failing it (a failover can stall one twice)', async () => {
    host = new WorkerHost({ connection: redis, prefix, concurrency: {}, shutdownTimeoutMs: 5000 });
    await host.start([providerFor(ALL_JOB_NAMES, [])]);
    const workers = (host as unknown as { workers: Array<{ opts: { maxStalledCount?: number; lockDuration?: number } }> }).workers;
    expect(workers.length).toBeGreaterThan(0);
    for (const worker of workers) expect([worker.opts.maxStalledCount, worker.opts.lockDuration]).toEqual([JOB_MAX_STALLED_COUNT, JOB_LOCK_DURATION_MS]);
    expect(JOB_MAX_STALLED_COUNT).toBeGreaterThan(1);
  });

  it('a worker that leaves a queue out needs no handler for its jobs and never takes them', async () => {
    const calls: Calls = [];
    const others = ALL_JOB_NAMES.filter((n) => n !== 'case-file.import');
    const queues = Object.values(QueueName).filter((q) => q !== QueueName.CaseDocuments);
    // Still refused when a consumed queue's job has no handler.
    await expect(new WorkerHost({ connection: redis, prefix, concurrency: {}, shutdownTimeoutMs: 5000, queues }).start([providerFor(others.slice(1), calls)])).rejects.toThrow(HandlerRegistryError);
    host = new WorkerHost({ connection: redis, prefix, concurrency: {}, shutdownTimeoutMs: 5000, queues });
    await host.start([providerFor(others, calls)]);
    const id = await producer.enqueue('case-file.import', { v: 1, fileName: 'doc-2.xml' });
    await new Promise((r) => setTimeout(r, 500));
    expect(await producer.queue(QueueName.CaseDocuments).getJobState(id)).toBe('waiting');
    expect(calls).toEqual([]);
  });

  it('keeps no data a JSON parse error quoted in the failed reason or stack', async () => {
    host = new WorkerHost({ connection: redis, prefix, concurrency: {}, shutdownTimeoutMs: 5000 });
    await host.start([providerFor(ALL_JOB_NAMES, [], async () => JSON.parse('{"name": Märta Öberg}'))]);
    const id = await producer.enqueue('case-file.import', { v: 1, fileName: 'doc-3.xml' }, { attempts: 1 });
    let failed: Job | undefined;
    for (let i = 0; i < 300 && !failed?.failedReason; i++) {
      await new Promise((r) => setTimeout(r, 50));
      failed = await producer.queue(QueueName.CaseDocuments).getJob(id);
    }
    expect(failed?.failedReason).toBe(WITHHELD);
    expect(JSON.stringify(failed?.stacktrace)).not.toContain('Märta');
    expect(JSON.stringify(failed?.stacktrace)).toContain('SyntaxError');
  });

  it('keeps a permanently failed job with its reason and does not retry it', async () => {
    const calls: Calls = [];
    host = new WorkerHost({ connection: redis, prefix, concurrency: {}, shutdownTimeoutMs: 5000 });
    await host.start([
      providerFor(ALL_JOB_NAMES, calls, async () => {
        throw new UnrecoverableError('planning tool said 400: Invalid customer (fields: address.postalCode)');
      }),
    ]);
    const events = new QueueEvents(QueueName.CaseDocuments, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });
    await events.waitUntilReady();
    const id = await producer.enqueue('case-file.import', { v: 1, fileName: 'doc-2.xml' });
    const job = await producer.queue(QueueName.CaseDocuments).getJob(id);
    await expect(job!.waitUntilFinished(events, 30000)).rejects.toThrow(/400/);
    const failed = await producer.queue(QueueName.CaseDocuments).getFailed();
    expect(failed.map((j) => [j.id, j.failedReason, j.attemptsMade])).toEqual([[id, expect.stringContaining('postalCode'), 1]]);
    expect(calls).toHaveLength(1);
    await events.close();
  });
});

describe('assertNoEviction', () => {
  it('refuses another policy with a message that says what to do', async () => {
    const fake = { info: async () => '# Memory\r\nmaxmemory_policy:allkeys-lru\r\n' } as unknown as Redis;
    await expect(assertNoEviction(fake)).rejects.toThrow(/'allkeys-lru'.*requires 'noeviction'.*CONFIG SET maxmemory-policy noeviction/s);
  });
});

describe('WorkerHost shutdown against the real Redis', () => {
  let redis: Redis;
  let prefix: string;
  let producer: JobProducer;
  const hosts: WorkerHost[] = [];

  beforeEach(() => {
    redis = createRedis(TEST_REDIS_URL, 'brygga-test');
    prefix = uniquePrefix('shutdown');
    producer = new JobProducer(redis, prefix);
  });

  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.close()));
    await producer.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  async function activeCount(): Promise<number> {
    return (await producer.queue(QueueName.CaseDocuments).getJobCounts('active')).active;
  }

  async function until(check: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 600 && !(await check()); i++) await new Promise((r) => setTimeout(r, 100));
  }

  it('lets a running job finish before close() resolves', async () => {
    let release!: () => void;
    const finished: string[] = [];
    const host = new WorkerHost({ connection: redis, prefix, concurrency: {}, shutdownTimeoutMs: 30_000 });
    hosts.push(host);
    await host.start([
      providerFor(ALL_JOB_NAMES, [], async (job) => {
        await new Promise<void>((r) => (release = r));
        finished.push(String(job.id));
      }),
    ]);
    const id = await producer.enqueue('case-file.import', { v: 1, fileName: 'slow.xml' });
    await until(async () => (await activeCount()) === 1);
    const closing = host.close();
    setTimeout(() => release(), 300);
    await closing;
    expect(finished).toEqual([id]);
    expect(await producer.queue(QueueName.CaseDocuments).getJobCounts('completed')).toEqual({ completed: 1 });
  });

  it('hands a job that outlives the shutdown timeout back, and another worker finishes it', async () => {
    const first = new WorkerHost({ connection: redis, prefix, concurrency: {}, shutdownTimeoutMs: 200, lockDurationMs: 1000 });
    await first.start([providerFor(ALL_JOB_NAMES, [], () => new Promise(() => undefined))]);
    const id = await producer.enqueue('case-file.import', { v: 1, fileName: 'stuck.xml' });
    await until(async () => (await activeCount()) === 1);
    await first.close();

    const calls: Calls = [];
    const second = new WorkerHost({ connection: redis, prefix, concurrency: {}, shutdownTimeoutMs: 5000, lockDurationMs: 1000 });
    hosts.push(second);
    await second.start([providerFor(ALL_JOB_NAMES, calls)]);
    await until(async () => (await producer.queue(QueueName.CaseDocuments).getJobCounts('completed')).completed === 1);
    expect(calls.map((c) => c.data)).toEqual([{ v: 1, fileName: 'stuck.xml', rid: expect.any(String) }]);
    expect((await producer.queue(QueueName.CaseDocuments).getJob(id))?.finishedOn).toBeDefined();
  });
});
