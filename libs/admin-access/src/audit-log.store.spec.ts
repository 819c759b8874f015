import Redis from 'ioredis';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { adminAccessKeys } from './admin-access-keys';
import { type AuditEntry, AuditLogStore, AuditQueryError, type NewAuditEntry } from './audit-log.store';

const DAY_MS = 24 * 3600 * 1000;

function anEntry(overrides: Partial<NewAuditEntry> = {}): NewAuditEntry {
  return { tokenName: 'ops-anna', role: 'operator', action: 'jobs.redrive', target: 'assignments/UPP-1:v3', outcome: 'ok', requestId: 'req-1', ...overrides };
}

describe('AuditLogStore (real Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let store: AuditLogStore;
  const key = () => adminAccessKeys(prefix).audit;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
  });
  afterAll(async () => redis.quit());
  beforeEach(() => {
    prefix = uniquePrefix('audit-log');
    store = new AuditLogStore(redis, adminAccessKeys(prefix), 30);
  });
  afterEach(async () => deletePrefix(redis, prefix));

  it('keeps its key under the data root of the prefix', () => {
    expect(key()).toBe(`${prefix}:data:audit`);
  });

  it('appends and lists an entry with every field', async () => {
    const now = new Date();
    const written = await store.append(anEntry(), now);
    expect(written).toEqual({ id: expect.stringMatching(/^\d+-\d+$/), at: now.toISOString(), ...anEntry() });
    expect(await store.list()).toEqual({ entries: [written] });
  });

  it('leaves target out when the action has none', async () => {
    await store.append(anEntry({ action: 'rules.reload', target: undefined, role: 'admin' }));
    const [entry] = (await store.list()).entries;
    expect(entry).not.toHaveProperty('target');
    expect(entry).toMatchObject({ action: 'rules.reload', role: 'admin' });
  });

  it('lists newest first, a page at a time, without skipping or repeating', async () => {
    for (let i = 1; i <= 7; i += 1) await store.append(anEntry({ requestId: `req-${i}` }));
    const seen: string[] = [];
    let page = await store.list({ limit: 3 });
    const sizes = [page.entries.length];
    seen.push(...page.entries.map((e) => e.requestId));
    while (page.next) {
      page = await store.list({ limit: 3, before: page.next });
      sizes.push(page.entries.length);
      seen.push(...page.entries.map((e) => e.requestId));
    }
    expect(seen).toEqual(['req-7', 'req-6', 'req-5', 'req-4', 'req-3', 'req-2', 'req-1']);
    expect(sizes).toEqual([3, 3, 1]);
  });

  it('gives no next when a page holds the last entry exactly', async () => {
    for (let i = 1; i <= 3; i += 1) await store.append(anEntry({ requestId: `req-${i}` }));
    expect((await store.list({ limit: 3 })).next).toBeUndefined();
  });

  it('filters by action and by token name, paging through the filter', async () => {
    const pattern: [string, string][] = [
      ['ops-anna', 'jobs.redrive'],
      ['ops-bo', 'queue.pause'],
      ['ops-anna', 'queue.pause'],
      ['ops-bo', 'jobs.redrive'],
      ['ops-anna', 'jobs.redrive'],
    ];
    for (const [i, [tokenName, action]] of pattern.entries()) await store.append(anEntry({ tokenName, action, requestId: `r${i + 1}` }));

    const ids = (entries: AuditEntry[]) => entries.map((e) => e.requestId);
    expect(ids((await store.list({ action: 'jobs.redrive' })).entries)).toEqual(['r5', 'r4', 'r1']);
    expect(ids((await store.list({ tokenName: 'ops-anna' })).entries)).toEqual(['r5', 'r3', 'r1']);
    expect(ids((await store.list({ tokenName: 'ops-anna', action: 'queue.pause' })).entries)).toEqual(['r3']);

    const first = await store.list({ action: 'jobs.redrive', limit: 2 });
    expect(ids(first.entries)).toEqual(['r5', 'r4']);
    const second = await store.list({ action: 'jobs.redrive', limit: 2, before: first.next });
    expect(second).toEqual({ entries: [expect.objectContaining({ requestId: 'r1' })] });
    expect((await store.list({ action: 'discard' })).entries).toEqual([]);
  });

  it('drops entries past retention on the next write, hides them before it, and expires an idle log', async () => {
    const now = Date.now();
    // An entry written 31 days ago (its id in the past, as Redis gave it then).
    await redis.xadd(key(), `${now - 31 * DAY_MS}-0`, 'at', new Date(now - 31 * DAY_MS).toISOString(), 'tokenName', 'old', 'role', 'admin', 'action', 'drain', 'outcome', 'ok', 'requestId', 'r0');
    expect((await store.list()).entries).toEqual([]);

    await store.append(anEntry());
    expect(await redis.xlen(key())).toBe(1);
    const ttl = await redis.pttl(key());
    expect(ttl).toBeGreaterThan(29 * DAY_MS);
    expect(ttl).toBeLessThanOrEqual(30 * DAY_MS);
  });

  it('keeps an entry inside retention', async () => {
    const now = Date.now();
    await redis.xadd(key(), `${now - 29 * DAY_MS}-0`, 'at', 'x', 'tokenName', 'old', 'role', 'admin', 'action', 'drain', 'outcome', 'ok', 'requestId', 'r0');
    await store.append(anEntry());
    expect((await store.list()).entries.map((e) => e.tokenName)).toEqual(['ops-anna', 'old']);
  });

  it('pages a long filtered scan without reading the whole log at once', async () => {
    const pipeline = redis.pipeline();
    for (let i = 0; i < 10_050; i += 1) pipeline.xadd(key(), '*', 'at', 'x', 'tokenName', 'ops-bo', 'role', 'viewer', 'action', 'queue.pause', 'outcome', 'ok', 'requestId', `n${i}`);
    await pipeline.exec();
    await store.append(anEntry({ action: 'jobs.discard', requestId: 'newest' }));

    const first = await store.list({ action: 'jobs.redrive' });
    expect(first.entries).toEqual([]);
    expect(first.next).toMatch(/^\d+-\d+$/);
    const second = await store.list({ action: 'jobs.redrive', before: first.next });
    expect(second).toEqual({ entries: [] });
  });

  it.each<[string, Partial<NewAuditEntry>, RegExp]>([
    ['free text as target', { target: 'Tolvan Tolvansson' }, /^audit entry target: must be an id or a code/],
    ['an empty action', { action: '' }, /^audit entry action: must be an id or a code/],
    ['a role not in the list', { role: 'root' as NewAuditEntry['role'] }, /^audit entry role: must be viewer, operator or admin$/],
  ])('refuses %s without quoting it', async (_case, overrides, message) => {
    const error = await store.append(anEntry(overrides)).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('Tolvan');
    expect(await redis.exists(key())).toBe(0);
  });

  it.each<[string, object, RegExp]>([
    ['a limit of 0', { limit: 0 }, /^limit must be a whole number from 1 to 1000$/],
    ['a limit over 1000', { limit: 1001 }, /^limit/],
    ['a cursor not an id', { before: 'yesterday' }, /^before must be an audit entry id/],
    ['an action with a space', { action: 'jobs redrive' }, /^action must be an action code$/],
    ['a token name with a space', { tokenName: 'Anna A' }, /^tokenName must be a token name$/],
  ])('refuses a query with %s', async (_case, query, message) => {
    const error = await store.list(query).catch((e: Error) => e);
    expect(error).toBeInstanceOf(AuditQueryError);
    expect((error as Error).message).toMatch(message);
  });
});
