import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import type Redis from 'ioredis';
import { JOB_QUEUE } from './job-payloads';
import { JobProducer } from './job-producer';
import { createRedis } from './redis-connection';
import { runWithRequestId } from './request-context';

const apply = (assignmentId: string) => ({ data: { v: 1 as const, assignmentId, version: 1, documentId: 'doc-1', acceptedAt: 1 }, opts: { jobId: `assignment.apply:${assignmentId}:1` } });

describe('JobProducer.enqueueBulkWith: the caller\'s writes and the jobs in one transaction (real Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let producer: JobProducer;

  beforeEach(() => {
    redis = createRedis(TEST_REDIS_URL, 'brygga-test');
    prefix = uniquePrefix('producer');
    producer = new JobProducer(redis, prefix);
  });

  afterEach(async () => {
    await producer.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  it('adds each job as enqueueBulk does (name, data with the request id, default options, id, waiting) and answers the caller\'s replies', async () => {
    const replies = await runWithRequestId('req-1', () =>
      producer.enqueueBulkWith('assignment.apply', [apply('A')], (multi) => {
        multi.set(`${prefix}:mine`, 'x');
        multi.hincrby(`${prefix}:counts`, 'received', 1);
      }),
    );
    await producer.enqueueBulk('assignment.apply', [apply('B')]);
    expect(replies).toEqual(['OK', 1]);
    const queue = producer.queue(JOB_QUEUE['assignment.apply']);
    const [a, b] = await Promise.all([queue.getJob('assignment.apply:A:1'), queue.getJob('assignment.apply:B:1')]);
    expect(a?.data).toEqual({ ...apply('A').data, rid: 'req-1' });
    expect(a?.name).toBe(b?.name);
    expect(a?.opts).toEqual({ ...b?.opts, jobId: 'assignment.apply:A:1' });
    expect(await a?.getState()).toBe('waiting');
    expect(await redis.get(`${prefix}:mine`)).toBe('x');
  });

  it('a job already there is not added twice (its id dedupes), and the caller\'s writes still apply', async () => {
    await producer.enqueueBulkWith('assignment.apply', [apply('A')], () => undefined);
    await producer.enqueueBulkWith('assignment.apply', [apply('A')], (multi) => multi.hincrby(`${prefix}:counts`, 'received', 1));
    expect(await producer.queue(JOB_QUEUE['assignment.apply']).getJobCounts('waiting')).toEqual({ waiting: 1 });
    expect(await redis.hget(`${prefix}:counts`, 'received')).toBe('1');
  });

  it('throws when a command of the transaction failed', async () => {
    await redis.set(`${prefix}:counts`, 'not a hash');
    await expect(producer.enqueueBulkWith('assignment.apply', [apply('A')], (multi) => multi.hincrby(`${prefix}:counts`, 'received', 1))).rejects.toThrow(/WRONGTYPE/);
  });

  it('callers in one turn share the MULTI: one\'s failed command fails it alone, the other\'s writes and jobs are kept', async () => {
    await redis.set(`${prefix}:counts`, 'not a hash');
    const [bad, good] = await Promise.allSettled([
      producer.enqueueBulkWith('assignment.apply', [apply('A')], (multi) => multi.hincrby(`${prefix}:counts`, 'received', 1)),
      producer.enqueueBulkWith('assignment.apply', [apply('B')], (multi) => multi.set(`${prefix}:mine`, 'x')),
    ]);
    expect(bad.status === 'rejected' && String(bad.reason)).toMatch(/WRONGTYPE/);
    expect(good).toEqual({ status: 'fulfilled', value: ['OK'] });
    const queue = producer.queue(JOB_QUEUE['assignment.apply']);
    expect(await queue.getJob('assignment.apply:B:1')).toBeDefined();
    expect(await redis.get(`${prefix}:mine`)).toBe('x');
  });
});
