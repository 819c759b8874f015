import { randomBytes } from 'node:crypto';
import type { ChainableCommander } from 'ioredis';
import type Redis from 'ioredis';
import { reasonCodes, type Reason } from '@brygga/domain';
import type { KernelKeys } from './kernel-keys';
import { readNewestFirst, type ScoredMember } from './newest-first.pager';

export interface QuarantineEntry {
  /** The entry's own id (time-ordered), for listing, requeueing and removing it. */
  id: string;
  at: string;
  /** Assignment id (or employee id for schedules): an id, never a person's data. */
  ref: string;
  version?: number;
  documentId?: string;
  reasons: Reason[];
  rulesVersion?: string;
}

export type NewQuarantineEntry = Omit<QuarantineEntry, 'id' | 'at'>;

export interface QuarantineQuery {
  /** Only entries with a reason of this code. */
  reason?: string;
  /** Quarantined at or before / at or after this time. */
  olderThan?: Date;
  newerThan?: Date;
  /** The `next` of the page before. */
  after?: ScoredMember;
  limit: number;
}

export interface QuarantinePage {
  entries: QuarantineEntry[];
  /** Where the next page starts, when there may be one. */
  next?: ScoredMember;
}

const MAX_QUARANTINE_ENTRIES = 10_000;
const BATCH = 200;
// A filtered page reads at most this many entries (the whole capped set): past it, the page ends early with a `next`.
const MAX_SCANNED = MAX_QUARANTINE_ENTRIES;

// Keeps the newest MAX entries: the oldest leave the index and the hash together.
const TRIM_SCRIPT = `
local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[1])
if excess <= 0 then return 0 end
local old = redis.call('ZRANGE', KEYS[1], 0, excess - 1)
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1)
for i = 1, #old, 500 do redis.call('HDEL', KEYS[2], unpack(old, i, math.min(i + 499, #old))) end
return excess`;

/**
 * Counters and the quarantine of one flow, for the demo summary and operations.
 * Counter names are fixed words; quarantines are also counted per reason code
 * (`quarantined:<code>`), each code once per entry. Quarantined entries are kept by id (a
 * hash) and by time (a sorted set), the newest 10,000, so that they can be paged,
 * filtered and removed one by one when requeued; the counters are totals and stay.
 */
export class FlowStatsStore {
  private legacyChecked = false;

  constructor(
    private readonly redis: Redis,
    private readonly keys: KernelKeys,
    readonly flow: string,
  ) {}

  async increment(counter: string, by = 1): Promise<void> {
    if (by !== 0) await this.redis.hincrby(this.keys.stats(this.flow), counter, by);
  }

  async incrementMany(counters: Record<string, number>): Promise<void> {
    await this.incrementManyIn(this.redis.multi(), counters).exec();
  }

  /** The same, as part of a caller's transaction. */
  incrementManyIn(multi: ChainableCommander, counters: Record<string, number>): ChainableCommander {
    for (const [name, by] of Object.entries(counters)) if (by !== 0) multi.hincrby(this.keys.stats(this.flow), name, by);
    return multi;
  }

  async read(): Promise<Record<string, number>> {
    const raw = await this.redis.hgetall(this.keys.stats(this.flow));
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
  }

  /** Stores the entry and counts it; answers its id. */
  async quarantine(entry: NewQuarantineEntry, now: Date = new Date()): Promise<string> {
    await this.migrateLegacyList();
    const id = newEntryId(now);
    const stored: StoredEntry = { at: now.toISOString(), ...entry };
    const multi = this.redis
      .multi()
      .hset(this.entriesKey, id, JSON.stringify(stored))
      .zadd(this.byTimeKey, now.getTime(), id)
      .eval(TRIM_SCRIPT, 2, this.byTimeKey, this.entriesKey, MAX_QUARANTINE_ENTRIES)
      .hincrby(this.keys.stats(this.flow), 'quarantined', 1);
    for (const code of reasonCodes(entry.reasons)) multi.hincrby(this.keys.stats(this.flow), `quarantined:${code}`, 1);
    await execOrThrow(multi);
    return id;
  }

  /** The newest entries first. */
  async listQuarantine(limit = 100): Promise<QuarantineEntry[]> {
    return (await this.findQuarantined({ limit })).entries;
  }

  /** Newest first, filtered, `limit` at a time. */
  async findQuarantined(query: QuarantineQuery): Promise<QuarantinePage> {
    await this.migrateLegacyList();
    const found: QuarantineEntry[] = [];
    let after = query.after;
    let lastFound: ScoredMember | undefined;
    let scanned = 0;
    for (;;) {
      const batch = await readNewestFirst(this.redis, this.byTimeKey, { after, count: BATCH, max: query.olderThan?.getTime(), min: query.newerThan?.getTime() });
      if (batch.length === 0) return { entries: found };
      const entries = await this.entriesOf(batch.map((b) => b.member));
      for (const [i, position] of batch.entries()) {
        const entry = entries[i];
        scanned += 1;
        if (entry && (query.reason === undefined || entry.reasons.some((r) => r.code === query.reason))) {
          // One more than asked for says there is a next page; it starts after the last one shown.
          if (found.length === query.limit) return { entries: found, next: lastFound };
          found.push(entry);
          lastFound = position;
        }
        after = position;
      }
      if (scanned >= MAX_SCANNED && after) return { entries: found, next: after };
    }
  }

  /** How many entries wait in quarantine since `olderThan` or longer (the unhandled-items alert). */
  async countQuarantined(olderThan: Date): Promise<number> {
    await this.migrateLegacyList();
    return this.redis.zcount(this.byTimeKey, '-inf', olderThan.getTime());
  }

  async getQuarantined(id: string): Promise<QuarantineEntry | undefined> {
    await this.migrateLegacyList();
    return (await this.entriesOf([id]))[0];
  }

  /** Removes entries (when requeued); answers how many were there. The counters stay: they count what happened. */
  async removeQuarantined(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const [[, removed]] = await execOrThrow(this.redis.multi().hdel(this.entriesKey, ...ids).zrem(this.byTimeKey, ...ids));
    return Number(removed);
  }

  private async entriesOf(ids: string[]): Promise<Array<QuarantineEntry | undefined>> {
    if (ids.length === 0) return [];
    const raw = await this.redis.hmget(this.entriesKey, ...ids);
    return raw.map((json, i) => (json === null ? undefined : entryOf(ids[i], JSON.parse(json) as StoredEntry)));
  }

  /**
   * Entries written before they had ids were a capped list of JSON, newest first. Moved
   * once into the hash and index under ids given by their place (oldest `legacy-00001`),
   * so two processes migrating at once write the same entries, and then the list goes.
   */
  private async migrateLegacyList(): Promise<void> {
    if (this.legacyChecked) return;
    const legacy = this.keys.quarantine(this.flow);
    const items = await this.redis.lrange(legacy, 0, -1);
    if (items.length > 0) {
      const multi = this.redis.multi();
      items.forEach((json, i) => {
        const id = `legacy-${String(items.length - i).padStart(5, '0')}`;
        const at = Date.parse((JSON.parse(json) as Partial<StoredEntry>).at ?? '');
        multi.hset(this.entriesKey, id, json).zadd(this.byTimeKey, Number.isNaN(at) ? 0 : at, id);
      });
      await execOrThrow(multi.del(legacy));
    }
    this.legacyChecked = true;
  }

  private get entriesKey(): string {
    return `${this.keys.quarantine(this.flow)}:entries`;
  }

  private get byTimeKey(): string {
    return `${this.keys.quarantine(this.flow)}:by-time`;
  }
}

/** An entry's place in the newest-first order (a page's `next` is the place of its last entry). */
export function positionOf(entry: QuarantineEntry): ScoredMember {
  const at = Date.parse(entry.at);
  return { score: Number.isNaN(at) ? 0 : at, member: entry.id };
}

let written = 0;

/**
 * Time, then this process's count, then a random part: ids of one millisecond still sort
 * in the order this process wrote them (the list shows ties by id, newest first), and
 * two processes never make the same one.
 */
function newEntryId(now: Date): string {
  written = (written + 1) % 36 ** 6;
  return `${now.getTime().toString(36)}-${written.toString(36).padStart(6, '0')}-${randomBytes(3).toString('hex')}`;
}

/** Entries written before reasons had codes hold their reasons as text; they stay readable. */
type StoredEntry = Omit<QuarantineEntry, 'id' | 'reasons'> & { reasons: Array<Reason | string> };

function entryOf(id: string, stored: StoredEntry): QuarantineEntry {
  return { id, ...stored, reasons: stored.reasons.map((r) => (typeof r === 'string' ? { code: 'legacy.unstructured', text: r } : r)) };
}

async function execOrThrow(multi: ChainableCommander): Promise<[Error | null, unknown][]> {
  const replies = (await multi.exec()) ?? [];
  for (const [error] of replies) if (error) throw error;
  return replies;
}
