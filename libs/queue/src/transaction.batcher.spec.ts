import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import type Redis from 'ioredis';
import { createRedis } from './redis-connection';
import { TransactionBatcher } from './transaction.batcher';

describe('TransactionBatcher: the MULTIs of one event-loop turn as one (real Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let opened: number;
  let batcher: TransactionBatcher;

  beforeEach(() => {
    redis = createRedis(TEST_REDIS_URL, 'brygga-test');
    prefix = uniquePrefix('batcher');
    opened = 0;
    batcher = new TransactionBatcher(() => {
      opened++;
      return redis.multi();
    });
  });

  afterEach(async () => {
    if (redis.status === 'end') redis = createRedis(TEST_REDIS_URL, 'brygga-test');
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  it('callers of one turn share one MULTI, run in the order they came, each answered its own replies', async () => {
    const [a, b] = await Promise.all([
      batcher.run((multi) => multi.set(`${prefix}:k`, '1').incr(`${prefix}:n`)),
      batcher.run((multi) => multi.set(`${prefix}:k`, '2').incr(`${prefix}:n`).get(`${prefix}:k`)),
    ]);
    expect(opened).toBe(1);
    expect(a).toEqual([
      [null, 'OK'],
      [null, 1],
    ]);
    expect(b).toEqual([
      [null, 'OK'],
      [null, 2],
      [null, '2'],
    ]);
    expect(await redis.get(`${prefix}:k`)).toBe('2');
  });

  it('callers of later turns get a MULTI of their own', async () => {
    await batcher.run((multi) => multi.incr(`${prefix}:n`));
    await batcher.run((multi) => multi.incr(`${prefix}:n`));
    expect(opened).toBe(2);
    expect(await redis.get(`${prefix}:n`)).toBe('2');
  });

  it('a command that fails at run time is its own caller\'s: the other caller\'s commands run and answer', async () => {
    await redis.set(`${prefix}:counts`, 'not a hash');
    const [a, b] = await Promise.all([batcher.run((multi) => multi.hincrby(`${prefix}:counts`, 'received', 1)), batcher.run((multi) => multi.set(`${prefix}:mine`, 'x'))]);
    expect(opened).toBe(1);
    expect(a[0][0]?.message).toMatch(/WRONGTYPE/);
    expect(b).toEqual([[null, 'OK']]);
    expect(await redis.get(`${prefix}:mine`)).toBe('x');
  });

  it('a caller whose commands throw while being added fails, and the batch it was in is not run; a caller after it in the turn gets a new one', async () => {
    const before = batcher.run((multi) => multi.set(`${prefix}:before`, 'x'));
    const broken = batcher.run((multi) => {
      multi.set(`${prefix}:half`, 'x');
      throw new Error('a bug while adding');
    });
    const after = batcher.run((multi) => multi.set(`${prefix}:after`, 'x'));
    await expect(broken).rejects.toThrow('a bug while adding');
    await expect(before).rejects.toThrow(/not run: the commands of another caller/);
    expect(await after).toEqual([[null, 'OK']]);
    expect(opened).toBe(2);
    expect(await redis.mget(`${prefix}:before`, `${prefix}:half`, `${prefix}:after`)).toEqual([null, null, 'x']);
  });

  it('a MULTI that cannot run (the connection closed before EXEC) fails every caller in it', async () => {
    const a = batcher.run((multi) => multi.set(`${prefix}:a`, 'x'));
    const b = batcher.run((multi) => multi.set(`${prefix}:b`, 'x'));
    redis.disconnect();
    await expect(a).rejects.toThrow(/Connection is closed/);
    await expect(b).rejects.toThrow(/Connection is closed/);
    redis = createRedis(TEST_REDIS_URL, 'brygga-test');
    expect(await redis.mget(`${prefix}:a`, `${prefix}:b`)).toEqual([null, null]);
  });
});
