import { randomUUID } from 'node:crypto';
import type { ChainableCommander } from 'ioredis';
import type Redis from 'ioredis';
import { CustomerContribution, CustomerPlace, placeKey } from '@brygga/mapping';
import type { DataKeys } from './redis-keys';

// All or nothing: a worker holds every customer an assignment touches (a move touches two),
// or none; and it reads what they hold in the same round trip (KEYS: N lock keys, then N data keys).
const LOCK_AND_LOAD = `
local n = tonumber(ARGV[3])
for i = 1, n do
  if redis.call('EXISTS', KEYS[i]) == 1 then return false end
end
local held = {}
for i = 1, n do
  redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2])
  held[i] = redis.call('HVALS', KEYS[n + i])
end
return held`;

const UNLOCK_ALL = `
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 1`;

/** The customers one change holds locked, what they held when locked, and how to let go of them. */
export interface HeldCustomers {
  contributions: Map<string, CustomerContribution[]>;
  /** Stores what each customer holds now (an empty list: deleted) and releases the locks, in one transaction. */
  commit(customers: Array<{ place: CustomerPlace; contributions: CustomerContribution[] }>, also?: (multi: ChainableCommander) => void): Promise<void>;
  /** Releases without storing (after a failure); a no-op once committed. */
  release(): Promise<void>;
}

/**
 * What each planning-tool customer holds: one part per assignment of the client mapped
 * to that tenant. Keyed by tenant and customer id (a keyed hash), never by the identity
 * number. Changes to one customer happen under its lock, so two assignments of one
 * client applied by two workers at once never race on it.
 */
export class CustomerStateStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: DataKeys,
  ) {}

  /** Locks every place and reads what each holds, or answers null when another worker holds any of them. */
  async lockAndLoad(places: CustomerPlace[], ttlMs: number): Promise<HeldCustomers | null> {
    const token = randomUUID();
    const lockKeys = places.map((p) => this.keys.customerLock(p.tenant, p.customerId));
    const dataKeys = places.map((p) => this.keys.customer(p.tenant, p.customerId));
    const held = places.length === 0 ? [] : await this.redis.eval(LOCK_AND_LOAD, 2 * places.length, ...lockKeys, ...dataKeys, token, String(ttlMs), String(places.length));
    if (!Array.isArray(held)) return null;
    const contributions = new Map(places.map((place, i): [string, CustomerContribution[]] => [placeKey(place), (held[i] as string[]).map((v) => JSON.parse(v) as CustomerContribution)]));
    let open = places.length > 0;
    const unlock = (multi: ChainableCommander) => multi.eval(UNLOCK_ALL, lockKeys.length, ...lockKeys, token);
    return {
      contributions,
      commit: async (customers, also) => {
        const multi = this.redis.multi();
        also?.(multi);
        for (const { place, contributions: parts } of customers) {
          const key = this.keys.customer(place.tenant, place.customerId);
          multi.del(key);
          if (parts.length > 0) multi.hset(key, Object.fromEntries(parts.map((c) => [c.assignmentId, JSON.stringify(c)])));
        }
        if (open) unlock(multi);
        await multi.exec();
        open = false;
      },
      release: async () => {
        if (!open) return;
        open = false;
        await unlock(this.redis.multi()).exec();
      },
    };
  }
}
