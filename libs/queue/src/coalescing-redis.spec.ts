import type { Socket } from 'node:net';
import type Redis from 'ioredis';
import { redisOptionsFromUrl } from '@brygga/config';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { CoalescingRedis } from './coalescing-redis';

interface Writes {
  single: number;
  vectored: number;
}

/** Counts the socket's own writes (Node's `_write` and `_writev`: one system call each) from now on. */
function countWrites(redis: Redis): Writes {
  const socket = redis.stream as Socket & { _write: Socket['_write']; _writev: NonNullable<Socket['_writev']> };
  const writes: Writes = { single: 0, vectored: 0 };
  const write = socket._write.bind(socket);
  const writev = socket._writev.bind(socket);
  socket._write = (...args) => {
    writes.single++;
    return write(...args);
  };
  socket._writev = (...args) => {
    writes.vectored++;
    return writev(...args);
  };
  return writes;
}

describe('CoalescingRedis (real Redis)', () => {
  const prefix = uniquePrefix('coalescing');
  const clients: Redis[] = [];
  const connect = async (): Promise<Redis> => {
    const redis = new CoalescingRedis({ ...redisOptionsFromUrl(TEST_REDIS_URL), maxRetriesPerRequest: null });
    clients.push(redis);
    await redis.ping();
    return redis;
  };

  afterAll(async () => {
    await deletePrefix(clients[0], prefix);
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('sends the commands of one turn in one write, answered in order', async () => {
    const redis = await connect();
    const writes = countWrites(redis);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => redis.set(`${prefix}:k${i}`, String(i)).then(() => redis.get(`${prefix}:k${i}`))));
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    // The 20 SETs left in one write; the 20 GETs, issued as their answers came, in few more.
    expect(writes.single + writes.vectored).toBeLessThan(10);
    expect(writes.vectored).toBeGreaterThanOrEqual(1);
  });

  it('leaves a command alone in its turn unchanged: one write, its answer', async () => {
    const redis = await connect();
    const writes = countWrites(redis);
    await redis.set(`${prefix}:alone`, 'x');
    expect(await redis.get(`${prefix}:alone`)).toBe('x');
    expect(writes).toEqual({ single: 2, vectored: 0 });
  });

  it('runs transactions and scripts as before', async () => {
    const redis = await connect();
    const results = await redis.multi().incr(`${prefix}:n`).incr(`${prefix}:n`).exec();
    expect(results).toEqual([
      [null, 1],
      [null, 2],
    ]);
    expect(await redis.eval('return redis.call("GET", KEYS[1])', 1, `${prefix}:n`)).toBe('2');
  });

  it('keeps its duplicates coalescing, blocking commands included', async () => {
    const redis = await connect();
    const duplicate = redis.duplicate();
    clients.push(duplicate);
    expect(duplicate).toBeInstanceOf(CoalescingRedis);
    const popped = duplicate.blpop(`${prefix}:list`, 5);
    await redis.rpush(`${prefix}:list`, 'a');
    expect(await popped).toEqual([`${prefix}:list`, 'a']);
  });
});
