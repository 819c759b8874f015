import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A unique key prefix for one test, so tests never see each other's queues. */
export function uniquePrefix(label = 'test'): string {
  return `brygga-test:${label}:${randomUUID().slice(0, 8)}`;
}

/** Deletes every key under a prefix (SCAN, never KEYS: Redis may be shared). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}
