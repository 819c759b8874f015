import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { KERNEL_KEYS, REDIS } from './flow-kernel.tokens';
import type { KernelKeys } from './kernel-keys';

/**
 * A source that syncs: the case feed's poll, one unit's roster, one tenant's planning
 * writes. Unit and tenant ids are configuration (from the mapping rules), never a person's.
 */
export type SyncSource = 'feed' | 'feed-change' | `roster:${string}` | `tenant:${string}`;

export interface LastSyncs {
  /** The case feed's last successful poll (ISO time). */
  feed?: string;
  /** The case feed's last poll that brought something new (a poll that found nothing is no change; the feed-silent alert reads it). */
  feedChange?: string;
  /** Per unit id, when its roster was last known in sync (applied, or polled unchanged). */
  rosters: Record<string, string>;
  /** Per tenant id, when the planning tool last accepted a write. */
  tenants: Record<string, string>;
}

/**
 * When each source last synced successfully, for operations (the admin API, the metrics'
 * last-sync gauge). One sorted set scored by epoch ms: `ZADD GT` keeps a time from going
 * back when workers record out of order, and one read gives everything.
 */
@Injectable()
export class LastSyncStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KERNEL_KEYS) private readonly keys: KernelKeys,
  ) {}

  async record(source: SyncSource, at: Date = new Date()): Promise<void> {
    await this.redis.zadd(this.keys.lastSync, 'GT', at.getTime(), source);
  }

  async readAll(): Promise<LastSyncs> {
    const flat = await this.redis.zrange(this.keys.lastSync, '0', '-1', 'WITHSCORES');
    const syncs: LastSyncs = { rosters: {}, tenants: {} };
    for (let i = 0; i < flat.length; i += 2) {
      const [source, at] = [flat[i], new Date(Number(flat[i + 1])).toISOString()];
      const [kind, id] = splitSource(source);
      PLACE[kind]?.(syncs, id, at);
    }
    return syncs;
  }
}

/** Where each kind of source goes in the answer; an unknown kind (a newer writer's) is left out. */
const PLACE: Record<string, ((syncs: LastSyncs, id: string, at: string) => void) | undefined> = {
  feed: (syncs, _id, at) => (syncs.feed = at),
  'feed-change': (syncs, _id, at) => (syncs.feedChange = at),
  roster: (syncs, id, at) => (syncs.rosters[id] = at),
  tenant: (syncs, id, at) => (syncs.tenants[id] = at),
};

function splitSource(source: string): [string, string] {
  const colon = source.indexOf(':');
  return colon < 0 ? [source, ''] : [source.slice(0, colon), source.slice(colon + 1)];
}
