import type { ChainableCommander } from 'ioredis';
import type Redis from 'ioredis';
import { Inject, Injectable } from '@nestjs/common';
import { DataSealer } from '@brygga/data-seal';
import { type LockFirstWrite, LockSet, REDIS } from '@brygga/flow-kernel';
import { CustomerContribution, CustomerPlace, placeKey } from '@brygga/mapping';
import { DATA_KEYS } from './interventions.tokens';
import type { DataKeys } from './redis-keys';

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
 * number; each part sealed (it holds the client's name, address and door code). Changes
 * to one customer happen under its lock, so two assignments of one client applied by two
 * workers at once never race on it.
 */
@Injectable()
export class CustomerStateStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(DATA_KEYS) private readonly keys: DataKeys,
    private readonly sealer: DataSealer,
  ) {}

  /**
   * Locks every place and reads what each holds, in one round trip; null when another worker
   * holds any of them. `first` is written in the same step, whether or not they are free.
   */
  async lockAndLoad(places: CustomerPlace[], ttlMs: number, first?: LockFirstWrite): Promise<HeldCustomers | null> {
    const held = await new LockSet(this.redis).take(
      places.map((p) => this.keys.customerLock(p.tenant, p.customerId)),
      ttlMs,
      places.map((p) => this.keys.customer(p.tenant, p.customerId)),
      first,
    );
    if (!held) return null;
    return {
      contributions: new Map(places.map((place, i): [string, CustomerContribution[]] => [placeKey(place), held.read[i].map((v) => this.sealer.openJson<CustomerContribution>(v))])),
      commit: async (customers, also) => {
        const multi = this.redis.multi();
        also?.(multi);
        for (const { place, contributions } of customers) {
          const key = this.keys.customer(place.tenant, place.customerId);
          multi.del(key);
          if (contributions.length > 0) multi.hset(key, Object.fromEntries(contributions.map((c) => [c.assignmentId, this.sealer.sealJson(c)])));
        }
        held.releaseIn(multi);
        await multi.exec();
        held.released();
      },
      release: () => held.release(),
    };
  }
}
