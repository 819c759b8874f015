import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { CustomerContribution, CustomerPlace, placeKey } from '@brygga/mapping';
import type { DataKeys } from './redis-keys';

// All or nothing: a worker holds every customer an assignment touches (a move touches two), or none.
const LOCK_ALL = `
for _, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then return 0 end
end
for _, key in ipairs(KEYS) do redis.call('SET', key, ARGV[1], 'PX', ARGV[2]) end
return 1`;

const UNLOCK_ALL = `
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 1`;

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

  async load(places: CustomerPlace[]): Promise<Map<string, CustomerContribution[]>> {
    const out = new Map<string, CustomerContribution[]>();
    for (const place of places) {
      const raw = await this.redis.hvals(this.keys.customer(place.tenant, place.customerId));
      out.set(placeKey(place), raw.map((v) => JSON.parse(v) as CustomerContribution));
    }
    return out;
  }

  /** Replaces what each customer holds (an empty list: the customer is gone), in one transaction. */
  async save(customers: Array<{ place: CustomerPlace; contributions: CustomerContribution[] }>): Promise<void> {
    if (customers.length === 0) return;
    const multi = this.redis.multi();
    for (const { place, contributions } of customers) {
      const key = this.keys.customer(place.tenant, place.customerId);
      multi.del(key);
      if (contributions.length > 0) multi.hset(key, Object.fromEntries(contributions.map((c) => [c.assignmentId, JSON.stringify(c)])));
    }
    await multi.exec();
  }

  /** Returns a release function, or null when another worker holds any of these customers. */
  async tryLock(places: CustomerPlace[], ttlMs: number): Promise<(() => Promise<void>) | null> {
    if (places.length === 0) return async () => undefined;
    const token = randomUUID();
    const keys = places.map((p) => this.keys.customerLock(p.tenant, p.customerId));
    const ok = await this.redis.eval(LOCK_ALL, keys.length, ...keys, token, String(ttlMs));
    if (ok !== 1) return null;
    return async () => {
      await this.redis.eval(UNLOCK_ALL, keys.length, ...keys, token);
    };
  }
}
