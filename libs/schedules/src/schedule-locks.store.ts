import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

/** Sets every key (NX, with a TTL) only if none of them exists: a lock set is taken whole or not at all. */
const LOCK_ALL = `
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then return 0 end
end
for i = 1, #KEYS do
  redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2])
end
return 1`;

/** Deletes only the keys still holding our token: a lock that expired and was taken by another worker stays theirs. */
const UNLOCK_ALL = `
local n = 0
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then n = n + redis.call('DEL', KEYS[i]) end
end
return n`;

export type ReleaseLocks = () => Promise<void>;

/**
 * All-or-nothing lock sets. Taking a set in one script means two workers that each need
 * keys the other holds both back off, instead of each holding half and waiting forever.
 */
export class ScheduleLocksStore {
  constructor(private readonly redis: Redis) {}

  /** Returns a release function, or null when another worker holds any of these keys. */
  async tryLockAll(keys: readonly string[], ttlMs: number): Promise<ReleaseLocks | null> {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return async () => undefined;
    const token = randomUUID();
    const ok = await this.redis.eval(LOCK_ALL, unique.length, ...unique, token, String(ttlMs));
    if (ok !== 1) return null;
    return async () => {
      await this.redis.eval(UNLOCK_ALL, unique.length, ...unique, token);
    };
  }
}
