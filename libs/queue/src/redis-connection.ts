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
  return new Redis({ ...options, connectionName, lazyConnect: false });
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
