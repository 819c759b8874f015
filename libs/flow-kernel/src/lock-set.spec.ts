import Redis from 'ioredis';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { LockSet } from './lock-set';

describe('LockSet (real Redis)', () => {
  const redis = new Redis(TEST_REDIS_URL);
  const locks = new LockSet(redis);
  let prefix: string;
  const key = (name: string) => `${prefix}:${name}`;

  beforeEach(() => {
    prefix = uniquePrefix('lock-set');
  });
  afterEach(async () => deletePrefix(redis, prefix));
  afterAll(() => redis.disconnect());

  it('takes a set whole or not at all, so a free key stays free when another is held', async () => {
    const a = await locks.take([key('a')], 10_000);
    expect(a).not.toBeNull();
    expect(await locks.take([key('b'), key('a')], 10_000)).toBeNull();
    expect(await redis.exists(key('b'))).toBe(0);
    await a?.release();
    expect(await locks.take([key('b'), key('a')], 10_000)).not.toBeNull();
  });

  it('takeWaiting waits for a lock another holder has and takes it once released', async () => {
    const other = await locks.take([key('a')], 10_000);
    setTimeout(() => void other?.release(), 120);
    const started = Date.now();
    const held = await locks.takeWaiting([key('a')], 'the test record', { ttlMs: 10_000, retryMs: 20, attempts: 50 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(await locks.take([key('a')], 10_000)).toBeNull();
    await held.release();
    expect(await redis.exists(key('a'))).toBe(0);
  });

  it('takeWaiting throws with the caller\'s label, not the key, once its attempts are spent', async () => {
    const other = await locks.take([key('a')], 10_000);
    const started = Date.now();
    await expect(locks.takeWaiting([key('a')], 'the test record', { ttlMs: 10_000, retryMs: 20, attempts: 3 })).rejects.toThrow(/^the test record stayed locked$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
    expect(await redis.get(key('a'))).not.toBeNull();
    await other?.release();
  });

  it('reads the hashes it guards in the same step', async () => {
    await redis.hset(key('h1'), { x: '1', y: '2' });
    const held = await locks.take([key('a')], 10_000, [key('h1'), key('h2')]);
    expect(held?.read.map((v) => v.map(String).sort())).toEqual([['1', '2'], []]);
  });

  it('reads a hash with its fields and a string (present or not) in the same step, and nothing when the lock is busy', async () => {
    await redis.hset(key('state'), { applied: '3' });
    await redis.set(key('v4'), 'content');
    const held = await locks.take([key('a')], 10_000, [{ key: key('state'), as: 'fields' }, { key: key('v4'), as: 'string' }, { key: key('v5'), as: 'string' }, key('state')]);
    expect(held?.read.map((v) => v.map(String))).toEqual([['applied', '3'], ['content'], [], ['3']]);
    expect(await locks.take([key('a')], 10_000, [{ key: key('v4'), as: 'string' }])).toBeNull();
  });

  it('writes its first hash field in the same step, whether or not the locks are free', async () => {
    const held = await locks.take([key('a')], 10_000, [], { hash: key('note'), field: 'maybe', value: 'one' });
    expect(await redis.hget(key('note'), 'maybe')).toBe('one');
    expect(await locks.take([key('a')], 10_000, [key('note')], { hash: key('note'), field: 'maybe', value: 'two' })).toBeNull();
    expect(await redis.hget(key('note'), 'maybe')).toBe('two');
    await held?.release();
    const next = await locks.take([key('a')], 10_000, [key('note')], { hash: key('note'), field: 'other', value: 'three' });
    expect(next?.read.map((v) => v.map(String).sort())).toEqual([['three', 'two']]);
    await next?.release();
    expect(await locks.take([], 10_000, [], { hash: key('note'), field: 'maybe', value: 'alone' })).not.toBeNull();
    expect(await redis.hget(key('note'), 'maybe')).toBe('alone');
  });

  it('releases only what it still owns, once, alone or inside the caller’s transaction', async () => {
    const held = await locks.take([key('a'), key('b')], 10_000);
    await redis.set(key('a'), 'someone-else');
    const multi = redis.multi().set(key('done'), '1');
    held?.releaseIn(multi);
    await multi.exec();
    held?.released();
    await held?.release();
    expect([await redis.get(key('a')), await redis.exists(key('b')), await redis.get(key('done'))]).toEqual(['someone-else', 0, '1']);
  });

  it('a held lock is renewed past its lease; released, it is gone', async () => {
    const held = await locks.take([key('a')], 300);
    await new Promise((r) => setTimeout(r, 900));
    expect(await locks.take([key('a')], 10_000)).toBeNull();
    await held?.release();
    expect(await redis.exists(key('a'))).toBe(0);
  });

  it('a holder that can no longer renew (its process gone) leaves the lock for at most its lease: the next owner takes it', async () => {
    const dying = new Redis(TEST_REDIS_URL);
    expect(await new LockSet(dying).take([key('a')], 300)).not.toBeNull();
    dying.disconnect();
    await new Promise((r) => setTimeout(r, 450));
    expect(await locks.take([key('a')], 10_000)).not.toBeNull();
  });

  it('a release that fails stops renewing all the same: the lock lapses within its lease, not when the process ends', async () => {
    const conn = new Redis(TEST_REDIS_URL);
    try {
      const held = await new LockSet(conn).take([key('a')], 300);
      // The release's transaction fails (Redis refusing it); the renewals on the same connection still would work.
      jest.spyOn(conn, 'multi').mockImplementation(() => {
        throw new Error('the release transaction failed');
      });
      await expect(held?.release()).rejects.toThrow('the release transaction failed');
      await new Promise((r) => setTimeout(r, 700));
      expect(await locks.take([key('a')], 10_000)).not.toBeNull();
    } finally {
      conn.disconnect();
    }
  });

  it('a transaction that did not run leaves the locks to release(), not to their TTL', async () => {
    const held = await locks.take([key('a')], 60_000);
    const multi = redis.multi();
    held?.releaseIn(multi);
    multi.discard();
    await held?.release();
    expect(await redis.exists(key('a'))).toBe(0);
  });
});
