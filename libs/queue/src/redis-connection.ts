import Redis from 'ioredis';
import { redisOptionsFor, type RedisTarget } from '@brygga/config';

export class RedisPolicyError extends Error {
  constructor(policy: string) {
    super(
      `Redis maxmemory-policy is '${policy}', but BullMQ requires 'noeviction': with any other policy Redis may ` +
        `silently delete queued jobs under memory pressure. Set 'maxmemory-policy noeviction' in redis.conf ` +
        `(or run: redis-cli CONFIG SET maxmemory-policy noeviction) and start Brygga again.`,
    );
    this.name = 'RedisPolicyError';
  }
}

/**
 * One ioredis connection, BullMQ-compatible (no per-request retry limit), to REDIS_URL or,
 * in sentinel mode, to the group's master. Every connection of the process is this one or a
 * `duplicate()` of it (the workers' own, BullMQ's blocking ones), and a duplicate keeps these
 * options: the sentinels, the READONLY reconnect, the failover detector.
 */
export function createRedis(target: RedisTarget | string, connectionName: string): Redis {
  const options = redisOptionsFor(typeof target === 'string' ? { url: target } : target);
  return revivedWhenConnectFails(new Redis({ ...options, connectionName, lazyConnect: false }));
}

/** The longest wait between two connects of a connection ioredis gave up on (its own retry's cap too). */
const REVIVE_MAX_DELAY_MS = 2000;

/**
 * ioredis (6.0.0) ends a connection for good when it is told to reconnect while it is
 * still connecting: `disconnect(true)` then makes the pending connect fail ("Connection is
 * closed."), the status becomes `end`, and no retry follows. In a Sentinel failover that is
 * what the failover detector (on `+switch-master`) or the READONLY reconnect does to a
 * connection already on its way to the new master: the fault test saw a worker fail every
 * job for the rest of the run. So a connection whose connect failed while its owner did not
 * close it (ioredis keeps `manuallyClosing` set then) connects again, after 50 ms doubling to
 * at most 2 s; an `end` after a close, or after the owner's `disconnect()`, stays.
 * The duplicates (BullMQ's blocking connections, the workers') are treated alike.
 */
function revivedWhenConnectFails(redis: Redis): Redis {
  let last = redis.status;
  let attempts = 0;
  for (const status of ['connecting', 'connect', 'ready', 'close', 'reconnecting'] as const) redis.on(status, () => (last = status));
  redis.on('ready', () => (attempts = 0));
  // `manuallyClosing` is ioredis's own flag (not in its types): set by disconnect() and quit, cleared only by a close it handled.
  const closedByOwner = (): boolean => (redis as unknown as { manuallyClosing?: boolean }).manuallyClosing === true;
  redis.on('end', () => {
    if (last !== 'connecting' || closedByOwner()) return;
    const delay = Math.min(REVIVE_MAX_DELAY_MS, 50 * 2 ** attempts++);
    setTimeout(() => {
      // The owner may have closed it meanwhile (shutdown).
      if (redis.status === 'end' && !closedByOwner()) redis.connect().catch(() => undefined);
    }, delay).unref();
  });
  const duplicate = redis.duplicate.bind(redis);
  redis.duplicate = (override) => revivedWhenConnectFails(duplicate(override));
  return redis;
}

/**
 * Reads the eviction policy from INFO (CONFIG GET is often disabled on managed Redis)
 * and refuses anything but noeviction.
 */
export async function assertNoEviction(redis: Redis): Promise<void> {
  const info = await redis.info('memory');
  const match = /^maxmemory_policy:(\S+)/m.exec(info);
  const policy = match?.[1] ?? 'unknown';
  if (policy !== 'noeviction') throw new RedisPolicyError(policy);
}
