import Redis from 'ioredis';
import type { FlowEvent } from '@brygga/flow-kernel';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { journalKeys } from './journal-keys';
import { JournalQueryError, JournalStore } from './journal.store';

const DAY_MS = 24 * 3600 * 1000;

function stored(assignmentId: string, version: number, overrides: Partial<FlowEvent> = {}): FlowEvent {
  return { kind: 'assignment.stored', status: 'stored', refs: { documentId: 'doc-1', assignmentId, version, decisionIds: ['B-1', 'B-2'] }, personKey: 'P-person-a', ...overrides };
}

describe('JournalStore (real Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let store: JournalStore;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
  });
  afterAll(async () => redis.quit());
  beforeEach(() => {
    prefix = uniquePrefix('journal');
    store = new JournalStore(redis, journalKeys(prefix), 1);
  });
  afterEach(async () => deletePrefix(redis, prefix));

  it('writes an entry once and finds it by each of its ids, with its time from the stream id', async () => {
    const id = await store.append(stored('UPP-Å1', 3, { alsoFor: ['P-person-b'] }));
    const expected = { id, at: new Date(Number(id.split('-')[0])).toISOString(), ...stored('UPP-Å1', 3) };
    for (const [field, value] of [['personKey', 'P-person-a'], ['personKey', 'P-person-b'], ['assignmentId', 'UPP-Å1'], ['documentId', 'doc-1'], ['decisionId', 'B-1'], ['decisionId', 'B-2']] as const) {
      expect(await store.page(field, value, 10)).toEqual({ entries: [expected] });
    }
    expect(await store.page('unitId', 'no-such-unit', 10)).toEqual({ entries: [] });
    expect(await redis.xlen(journalKeys(prefix).stream)).toBe(1);
    // Index-only people are not in the entry.
    expect(JSON.stringify(expected)).not.toContain('P-person-b');
  });

  it("appends behind another process's clock at the stream's last time, in order and found by its ids", async () => {
    const now = Date.now();
    const ahead = await store.append(stored('UPP-1', 1), new Date(now + 5000));
    const behind = await store.append(stored('UPP-2', 1), new Date(now));
    const [aheadMs, aheadSeq] = ahead.split('-').map(Number);
    expect(behind).toBe(`${aheadMs}-${aheadSeq + 1}`);
    expect((await store.page('assignmentId', 'UPP-2', 10, undefined, new Date(now + 5000))).entries.map((e) => e.id)).toEqual([behind]);
    expect((await store.page('documentId', 'doc-1', 10, undefined, new Date(now + 5000))).entries.map((e) => e.id)).toEqual([ahead, behind]);
  });

  it('refuses free text anywhere in an entry, naming the field and not quoting the value', async () => {
    await expect(store.append(stored('UPP-1', 1, { reasons: ['Märta Andersson'] }))).rejects.toThrow(/^journal entry reasons: must be an id, a code or a number$/);
    await expect(store.append(stored('UPP-1', 1, { detail: { note: 'Storgatan 1' } }))).rejects.toThrow(/journal entry detail\.note/);
    await expect(store.append(stored('UPP 1', 1))).rejects.toThrow(/journal entry refs\.assignmentId/);
    expect(await redis.exists(journalKeys(prefix).stream)).toBe(0);
  });

  it('pages oldest first with a cursor that neither skips nor repeats entries of the same millisecond', async () => {
    const ids: string[] = [];
    for (let v = 1; v <= 7; v++) ids.push(await store.append(stored('UPP-1', v)));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await store.page('assignmentId', 'UPP-1', 3, cursor);
      seen.push(...page.entries.map((e) => e.id));
      expect(page.entries.length).toBeLessThanOrEqual(3);
      if (!page.next) break;
      cursor = page.next;
    }
    expect(seen).toEqual(ids);
    expect((await store.page('assignmentId', 'UPP-1', 7)).next).toBeUndefined();
    await expect(store.page('assignmentId', 'UPP-1', 3, 'not-a-cursor')).rejects.toThrow(JournalQueryError);
  });

  it('gathers several ids into one time-ordered list, each entry once', async () => {
    const a = await store.append(stored('UPP-1', 1));
    const failed = await store.append({ kind: 'job.failed', status: 'failed', refs: { assignmentId: 'UPP-1', jobId: 'j-1' }, reasons: ['planning-refused'] });
    const b = await store.append(stored('UPP-2', 1));
    await store.append(stored('UPP-3', 1, { personKey: 'P-someone-else' }));
    const { entries, cut } = await store.gather([
      ['personKey', 'P-person-a'],
      ['assignmentId', 'UPP-1'],
      ['assignmentId', 'UPP-2'],
    ]);
    expect(entries.map((e) => e.id)).toEqual([a, failed, b]);
    expect(cut).toBe(false);
  });

  it('answers nothing past the retention, and trims the stream and the indexes on the next write', async () => {
    const keys = journalKeys(prefix);
    for (let v = 1; v <= 5; v++) await store.append(stored('UPP-1', v));
    const later = new Date(Date.now() + 2 * DAY_MS);
    expect(await store.page('assignmentId', 'UPP-1', 10, undefined, later)).toEqual({ entries: [] });
    expect((await store.gather([['personKey', 'P-person-a']], later)).entries).toEqual([]);

    const fresh = await store.append(stored('UPP-9', 1, { personKey: 'P-person-a' }), later);
    // MINID with `~` trims whole stream nodes only; the five old entries share the node of the new one, so check the indexes exactly and the stream by what it answers.
    expect(await redis.zcard(keys.index('personKey', 'P-person-a'))).toBe(1);
    expect((await store.gather([['personKey', 'P-person-a']], later)).entries.map((e) => e.id)).toEqual([fresh]);
    // Every key expires a retention after its last write.
    for (const key of [keys.stream, keys.index('assignmentId', 'UPP-1'), keys.index('personKey', 'P-person-a')]) {
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(DAY_MS);
    }
  });

  it('prunes everything past the retention at once, stream and every index, leaving the rest', async () => {
    const keys = journalKeys(prefix);
    const now = new Date();
    for (let v = 1; v <= 4; v++) await store.append(stored(`UPP-${v}`, v), now);
    const kept = await store.append(stored('UPP-9', 1, { personKey: 'P-later' }), new Date(now.getTime() + 2 * DAY_MS));
    const removed = await store.prune(new Date(now.getTime() + 2 * DAY_MS));
    expect(removed.entries).toBe(4);
    // The later write trimmed the sets it shares (the document's, the decisions'); prune takes the old person's and assignments'.
    expect(removed.indexMembers).toBe(4 + 4);
    expect(await redis.xlen(keys.stream)).toBe(1);
    const left = await redis.keys(`${keys.index('personKey', '').replace(/personKey:$/, '')}*`);
    expect(left.sort()).toEqual([keys.index('assignmentId', 'UPP-9'), keys.index('decisionId', 'B-1'), keys.index('decisionId', 'B-2'), keys.index('documentId', 'doc-1'), keys.index('personKey', 'P-later')].sort());
    expect((await store.page('personKey', 'P-later', 10, undefined, new Date(now.getTime() + 2 * DAY_MS))).entries.map((e) => e.id)).toEqual([kept]);
  });
});
