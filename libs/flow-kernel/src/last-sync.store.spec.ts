import Redis from 'ioredis';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { kernelKeys } from './kernel-keys';
import { LastSyncStore } from './last-sync.store';

describe('LastSyncStore (real Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let store: LastSyncStore;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
  });
  afterAll(async () => redis.quit());
  beforeEach(() => {
    prefix = uniquePrefix('last-sync');
    store = new LastSyncStore(redis, kernelKeys(prefix));
  });
  afterEach(async () => deletePrefix(redis, prefix));

  it('has nothing before the first sync', async () => {
    expect(await store.readAll()).toEqual({ rosters: {}, tenants: {} });
  });

  it('reads each source back by kind, ids with colons kept whole', async () => {
    await store.record('feed', new Date('2026-11-29T10:00:00.000Z'));
    await store.record('roster:U-1', new Date('2026-11-29T10:01:00.000Z'));
    await store.record('roster:U:2', new Date('2026-11-29T10:02:00.000Z'));
    await store.record('tenant:umea', new Date('2026-11-29T10:03:00.000Z'));
    expect(await store.readAll()).toEqual({
      feed: '2026-11-29T10:00:00.000Z',
      rosters: { 'U-1': '2026-11-29T10:01:00.000Z', 'U:2': '2026-11-29T10:02:00.000Z' },
      tenants: { umea: '2026-11-29T10:03:00.000Z' },
    });
  });

  it('keeps the newest time when workers record out of order', async () => {
    await store.record('tenant:umea', new Date('2026-11-29T10:05:00.000Z'));
    await store.record('tenant:umea', new Date('2026-11-29T10:04:00.000Z'));
    await store.record('feed');
    expect((await store.readAll()).tenants.umea).toBe('2026-11-29T10:05:00.000Z');
    await store.record('tenant:umea', new Date('2026-11-29T10:06:00.000Z'));
    const all = await store.readAll();
    expect(all.tenants.umea).toBe('2026-11-29T10:06:00.000Z');
    expect(Date.now() - Date.parse(all.feed ?? '')).toBeLessThan(60_000);
  });

  it('is shared by every process on the same prefix, and apart from another prefix', async () => {
    await store.record('feed', new Date('2026-11-29T10:00:00.000Z'));
    expect((await new LastSyncStore(redis, kernelKeys(prefix)).readAll()).feed).toBe('2026-11-29T10:00:00.000Z');
    expect(await new LastSyncStore(redis, kernelKeys(`${prefix}-other`)).readAll()).toEqual({ rosters: {}, tenants: {} });
  });
});
