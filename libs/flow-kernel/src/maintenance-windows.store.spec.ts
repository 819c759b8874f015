import Redis from 'ioredis';
import type { TenantRule } from '@brygga/domain';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { kernelKeys } from './kernel-keys';
import { MAINTENANCE_READ_CACHE_MS, MaintenanceWindowsStore } from './maintenance-windows.store';

const at = (iso: string) => new Date(iso);
const RULE = { from: '2026-12-01T22:00:00+01:00', until: '2026-12-02T02:00:00+01:00', reason: 'TES upgrade 4.2' };

describe('MaintenanceWindowsStore (real Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let tenants: Record<string, TenantRule>;
  let store: MaintenanceWindowsStore;
  let other: MaintenanceWindowsStore;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
  });
  afterAll(async () => redis.quit());
  beforeEach(() => {
    prefix = uniquePrefix('maintenance');
    tenants = { kommunen: { baseUrl: 'http://x', tokenEnv: 'T1' }, omsorgshuset: { baseUrl: 'http://y', tokenEnv: 'T2', maintenance: [RULE] } };
    store = new MaintenanceWindowsStore(redis, kernelKeys(prefix), () => ({ tenants }));
    // Another process: the same Redis, its own instance.
    other = new MaintenanceWindowsStore(redis, kernelKeys(prefix), () => ({ tenants }));
  });
  afterEach(async () => deletePrefix(redis, prefix));

  it("a rules window is active from its start to (not including) its end, for its tenant only", async () => {
    expect(await store.activeFor('omsorgshuset', at('2026-12-01T20:59:59Z'))).toBeUndefined();
    expect(await store.activeFor('omsorgshuset', at('2026-12-01T21:00:00Z'))).toMatchObject({ tenant: 'omsorgshuset', until: RULE.until, reason: RULE.reason, source: 'rules' });
    expect(await store.activeFor('kommunen', at('2026-12-01T23:00:00Z'))).toBeUndefined();
    expect(await store.activeFor('omsorgshuset', at('2026-12-02T01:00:00Z'))).toBeUndefined();
  });

  it('an API window is seen by every process; of overlapping windows the one ending last is in force', async () => {
    const added = await store.add('omsorgshuset', { from: '2026-12-01T21:30:00Z', until: '2026-12-02T03:00:00Z', reason: 'longer' }, 'ops-admin', at('2026-12-01T20:00:00Z'));
    expect(added).toMatchObject({ id: expect.stringMatching(/^m-[0-9a-f]{12}$/), source: 'api', createdBy: 'ops-admin' });
    expect(await other.activeFor('omsorgshuset', at('2026-12-01T22:00:00Z'))).toMatchObject({ id: added.id, until: '2026-12-02T03:00:00Z' });
    expect(await other.activeFor('omsorgshuset', at('2026-12-01T21:10:00Z'))).toMatchObject({ source: 'rules' });
    expect((await other.list(at('2026-12-01T20:00:00Z'))).map((w) => w.source)).toEqual(['rules', 'api']);
  });

  it('ending a window early: an API one and a rules one end now, and stay ended after the rules are read again', async () => {
    const added = await store.add('kommunen', { from: '2026-12-01T21:00:00Z', until: '2026-12-01T23:00:00Z', reason: 'switch' }, 'ops-admin', at('2026-12-01T20:00:00Z'));
    const now = at('2026-12-01T21:30:00Z');
    expect(await other.end('kommunen', added.id, now)).toMatchObject({ id: added.id, until: now.toISOString() });
    expect(await store.activeFor('kommunen', now)).toBeUndefined();
    const rules = (await store.list(now, 'omsorgshuset'))[0];
    await store.end('omsorgshuset', rules.id, now);
    tenants = { ...tenants };
    expect(await other.activeFor('omsorgshuset', now)).toBeUndefined();
    expect(await store.list(now)).toEqual([]);
    expect(await store.end('omsorgshuset', rules.id, now)).toBeUndefined();
    expect(await store.end('kommunen', 'm-000000000000', now)).toBeUndefined();
  });

  it('the list holds current and coming windows, soonest first; past ones are left out and pruned a day after their end', async () => {
    await store.add('kommunen', { from: '2026-11-01T00:00:00Z', until: '2026-11-01T01:00:00Z', reason: 'past' }, 'a', at('2026-10-31T00:00:00Z'));
    const coming = await store.add('kommunen', { from: '2026-12-03T00:00:00Z', until: '2026-12-03T01:00:00Z', reason: 'coming' }, 'a', at('2026-12-01T00:00:00Z'));
    expect((await store.list(at('2026-12-01T00:00:00Z'))).map((w) => w.reason)).toEqual([RULE.reason, coming.reason]);
    expect(Object.keys(await redis.hgetall(kernelKeys(prefix).maintenance('kommunen')))).toEqual([coming.id]);
  });
  it("before a send: another process's new window is seen within MAINTENANCE_READ_CACHE_MS, this process's own change at once", async () => {
    const now = at('2026-12-05T10:00:00Z');
    const window = { from: '2026-12-05T09:00:00Z', until: '2026-12-05T11:00:00Z', reason: 'now' };
    expect(await store.activeForSend('kommunen', now)).toBeUndefined();
    const added = await other.add('kommunen', window, 'ops-admin', now);
    // Read a moment ago: the send goes on as one already past the gate would have.
    expect(await store.activeForSend('kommunen', now)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, MAINTENANCE_READ_CACHE_MS + 50));
    expect(await store.activeForSend('kommunen', now)).toMatchObject({ id: added.id });
    // The window's own times are always compared with the send's now.
    expect(await store.activeForSend('kommunen', at('2026-12-05T11:00:00Z'))).toBeUndefined();
    await store.end('kommunen', added.id, now);
    expect(await store.activeForSend('kommunen', now)).toBeUndefined();
  });
});
