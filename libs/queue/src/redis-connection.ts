import Redis from 'ioredis';
import { redisOptionsFromUrl } from '@brygga/config';

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

/** One ioredis connection, BullMQ-compatible (no per-request retry limit). */
export function createRedis(url: string, connectionName: string): Redis {
  return new Redis({ ...redisOptionsFromUrl(url), connectionName, lazyConnect: false });
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
