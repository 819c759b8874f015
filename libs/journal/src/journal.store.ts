import { createHash } from 'node:crypto';
import type { ChainableCommander } from 'ioredis';
import type Redis from 'ioredis';
import type { FlowEvent } from '@brygga/flow-kernel';
import { checkEvent, indexesOf, type JournalEntry, type StoredEvent, storedOf } from './journal-entry';
import type { JournalIndex, JournalKeys } from './journal-keys';

const DAY_MS = 24 * 3600 * 1000;
const STREAM_ID = /^(\d{1,15})-(\d{1,15})$/;
/** The most entries one read gathers (a person's timeline, a page); past it the answer says it was cut. */
export const MAX_READ = 5000;

/**
 * One entry written with its indexes atomically (a script, one round trip): the stream
 * entry, its id's time the writer's clock (so retention and `at` follow one clock, which a
 * test can move; never below the stream's last id, so a process a little behind another
 * still appends, a few milliseconds late), then for each index its member scored by the entry's time; the stream trimmed
 * by MINID and each index by score to the retention, and every key set to expire a
 * retention after its last write, so an id never written to again does not outlive it.
 * An index's score is the stream id's milliseconds times 1000 plus its sequence (capped
 * at 999): unique and in stream order for up to a thousand entries in one millisecond,
 * so a score is a cursor.
 */
const APPEND = `
local ms = tonumber(ARGV[4])
local function add()
  return redis.pcall('XADD', KEYS[1], 'MINID', '~', ARGV[1], string.format('%.0f', ms) .. '-*', 'e', ARGV[3])
end
-- The stream's last id is read only when the append at this writer's time is refused as below
-- it (XADD then writes nothing), not before every entry (an EXISTS and an XINFO each).
local id = add()
if type(id) == 'table' and id.err then
  local info = redis.call('XINFO', 'STREAM', KEYS[1])
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then
      local last = tonumber(string.match(info[i + 1], '^(%d+)'))
      if last > ms then ms = last end
    end
  end
  id = add()
  if type(id) == 'table' and id.err then return id end
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
local seq = tonumber(string.match(id, '-(%d+)$'))
-- As strings: Lua would hand numbers this large to Redis in %.14g, losing digits.
local score = string.format('%.0f', ms * 1000 + math.min(seq, 999))
local cut = '(' .. string.format('%.0f', tonumber(ARGV[1]) * 1000)
for i = 2, #KEYS do
  redis.call('ZADD', KEYS[i], score, id)
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', cut)
  redis.call('PEXPIRE', KEYS[i], ARGV[2])
end
return id
`;

const APPEND_SHA = createHash('sha1').update(APPEND).digest('hex');

export interface JournalPage {
  entries: JournalEntry[];
  /** Where the next page starts (`cursor`), when there may be one. */
  next?: string;
}

/** A query the store cannot run; the message names the parameter, for a 400. */
export class JournalQueryError extends Error {
  override readonly name = 'JournalQueryError';
}

/**
 * The journal in Redis: a stream for time order, a sorted set per id it is reached by.
 * Entries past the retention are never answered, whether or not a trim reached them yet.
 */
export class JournalStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: JournalKeys,
    private readonly retentionDays: number,
  ) {}

  async append(event: FlowEvent, now: Date = new Date()): Promise<string> {
    const [outcome] = await this.appendMany([{ event, at: now }]);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }

  /**
   * Many entries in one pipeline (one write to the socket, one round trip), in the order
   * given; each answered on its own: its stream id, or the error that refused it (a bad
   * entry is never sent, the others still are). By the script's hash, so its text is not
   * sent each time; when Redis does not know it yet (first use, a restart), those refused
   * with NOSCRIPT are sent again, in order, with the text.
   */
  async appendMany(items: ReadonlyArray<{ event: FlowEvent; at: Date }>): Promise<Array<string | Error>> {
    const outcomes: Array<string | Error> = [];
    const calls: Array<{ index: number; keys: string[]; args: string[] }> = [];
    items.forEach(({ event, at }, index) => {
      try {
        checkEvent(event);
      } catch (error) {
        outcomes[index] = error as Error;
        return;
      }
      calls.push({ index, ...this.appendCall(event, at) });
    });
    let unknown = calls;
    for (const script of [APPEND_SHA, APPEND]) {
      if (unknown.length === 0) break;
      const pipeline = this.redis.pipeline();
      for (const { keys, args } of unknown) {
        if (script === APPEND_SHA) pipeline.evalsha(APPEND_SHA, keys.length, ...keys, ...args);
        else pipeline.eval(APPEND, keys.length, ...keys, ...args);
      }
      const replies = (await pipeline.exec()) ?? [];
      const retry: typeof calls = [];
      unknown.forEach((call, i) => {
        const [error, id] = replies[i] ?? [new Error('journal append: no reply')];
        if (error && script === APPEND_SHA && String(error.message).startsWith('NOSCRIPT')) retry.push(call);
        else outcomes[call.index] = error ?? String(id);
      });
      unknown = retry;
    }
    return outcomes;
  }

  /**
   * One entry appended as part of a caller's transaction (an intake's: its 202 then covers
   * the entry): by the script's text, as a script Redis does not know would fail alone in a
   * MULTI while the rest applied. Throws, adding nothing, for an entry `checkEvent` refuses.
   */
  appendIn(multi: ChainableCommander, event: FlowEvent, at: Date): void {
    checkEvent(event);
    const { keys, args } = this.appendCall(event, at);
    multi.eval(APPEND, keys.length, ...keys, ...args);
  }

  private appendCall(event: FlowEvent, at: Date): { keys: string[]; args: string[] } {
    const keys = [this.keys.stream, ...indexesOf(event).map(([field, value]) => this.keys.index(field, value))];
    return { keys, args: [String(this.cutoffMs(at)), String(this.retentionMs()), JSON.stringify(storedOf(event)), String(at.getTime())] };
  }

  /** The entries one id is reached by, oldest first, `limit` at a time after `cursor` (an entry id, the `next` of the page before). */
  async page(field: JournalIndex, value: string, limit: number, cursor?: string, now: Date = new Date()): Promise<JournalPage> {
    const after = cursor === undefined ? undefined : scoreOfId(cursor);
    if (cursor !== undefined && after === undefined) throw new JournalQueryError('cursor must be the next of a page of this list');
    const min = Math.max(this.cutoffMs(now) * 1000, after === undefined ? 0 : after + 1);
    const ids = await this.redis.zrangebyscore(this.keys.index(field, value), min, '+inf', 'LIMIT', 0, limit + 1);
    const entries = await this.entries(ids.slice(0, limit));
    return ids.length > limit ? { entries, next: ids[limit - 1] } : { entries };
  }

  /**
   * Every entry reached by any of these ids, oldest first, each once: a person's timeline is
   * their key's entries and those of the assignments they name. At most `MAX_READ`
   * (`cut` says when there were more: the oldest are kept).
   */
  async gather(lookups: Array<[JournalIndex, string]>, now: Date = new Date()): Promise<{ entries: JournalEntry[]; cut: boolean }> {
    const min = this.cutoffMs(now) * 1000;
    const pipeline = this.redis.pipeline();
    for (const [field, value] of lookups) pipeline.zrangebyscore(this.keys.index(field, value), min, '+inf', 'WITHSCORES', 'LIMIT', 0, MAX_READ + 1);
    const scored = new Map<string, number>();
    for (const [error, reply] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      const flat = reply as string[];
      for (let i = 0; i + 1 < flat.length; i += 2) scored.set(flat[i], Number(flat[i + 1]));
    }
    const ids = [...scored.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
    return { entries: await this.entries(ids.slice(0, MAX_READ)), cut: ids.length > MAX_READ };
  }

  /**
   * Everything past the retention removed now, not at the next write: the stream trimmed
   * exactly, every index set trimmed by score (one emptied is gone). Writes already keep it
   * bounded (each trims the stream, by whole nodes and at most 10,000 entries, and its own
   * index sets; an index set not written to expires a retention after its last write); this
   * is the same cut for a journal that went quiet, or a clock moved on. Answers what was removed.
   */
  async prune(now: Date = new Date()): Promise<{ entries: number; indexMembers: number }> {
    const cut = this.cutoffMs(now);
    const entries = await this.redis.xtrim(this.keys.stream, 'MINID', `${cut}-0`);
    let indexMembers = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', this.keys.index('*' as JournalIndex, '*'), 'COUNT', 1000);
      cursor = next;
      const pipeline = this.redis.pipeline();
      for (const key of keys) pipeline.zremrangebyscore(key, '-inf', `(${cut * 1000}`);
      for (const [error, removed] of (await pipeline.exec()) ?? []) {
        if (error) throw error;
        indexMembers += Number(removed);
      }
    } while (cursor !== '0');
    return { entries, indexMembers };
  }

  /** The oldest entry within retention of each of these ids (a document's first: its `document.received`). */
  async oldest(field: JournalIndex, values: string[], now: Date = new Date()): Promise<JournalEntry[]> {
    if (values.length === 0) return [];
    const min = this.cutoffMs(now) * 1000;
    const pipeline = this.redis.pipeline();
    for (const value of values) pipeline.zrangebyscore(this.keys.index(field, value), min, '+inf', 'LIMIT', 0, 1);
    const ids: string[] = [];
    for (const [error, reply] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      ids.push(...(reply as string[]));
    }
    return this.entries(ids);
  }

  /** The entries of these stream ids, in that order; one trimmed meanwhile is left out. */
  private async entries(ids: string[]): Promise<JournalEntry[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.xrange(this.keys.stream, id, id);
    const found: JournalEntry[] = [];
    for (const [error, reply] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      const [hit] = reply as Array<[string, string[]]>;
      if (hit) found.push(entryOf(hit[0], hit[1]));
    }
    return found;
  }

  private retentionMs(): number {
    return this.retentionDays * DAY_MS;
  }

  private cutoffMs(now: Date): number {
    return Math.max(0, now.getTime() - this.retentionMs());
  }
}

/** Stream order of two entry ids (milliseconds, then sequence). */
export function byEntryId(a: { id: string }, b: { id: string }): number {
  const [am, as] = a.id.split('-').map(Number);
  const [bm, bs] = b.id.split('-').map(Number);
  return am - bm || as - bs;
}

function scoreOfId(id: string): number | undefined {
  const m = STREAM_ID.exec(id);
  return m ? Number(m[1]) * 1000 + Math.min(Number(m[2]), 999) : undefined;
}

function entryOf(id: string, fields: string[]): JournalEntry {
  const at = new Date(Number(id.split('-')[0])).toISOString();
  const stored = JSON.parse(fields[fields.indexOf('e') + 1] ?? '{}') as StoredEvent;
  return { id, at, ...stored };
}
