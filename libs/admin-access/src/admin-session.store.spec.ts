import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { adminAccessKeys } from './admin-access-keys';
import { AdminSessionStore } from './admin-session.store';

describe('AdminSessionStore (real Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let store: AdminSessionStore;
  const keyOf = (id: string) => adminAccessKeys(prefix).session(createHash('sha256').update(id).digest('hex'));

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
  });
  afterAll(async () => redis.quit());
  beforeEach(() => {
    prefix = uniquePrefix('admin-session');
    store = new AdminSessionStore(redis, adminAccessKeys(prefix), 480);
  });
  afterEach(async () => deletePrefix(redis, prefix));

  it('starts a session with a random 256-bit id, kept under the data root by its digest, holding name and role only', async () => {
    const now = new Date('2026-11-29T08:00:00Z');
    const a = await store.start({ name: 'ops-anna', role: 'operator' }, now);
    const b = await store.start({ name: 'ops-anna', role: 'operator' }, now);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.id, 'base64url')).toHaveLength(32);
    expect(a.id).not.toBe(b.id);
    expect(a.expiresAt).toEqual(new Date('2026-11-29T16:00:00Z'));
    expect(keyOf(a.id)).toMatch(new RegExp(`^${prefix}:data:admin-session:[0-9a-f]{64}$`));
    expect(JSON.parse((await redis.get(keyOf(a.id))) ?? 'null')).toEqual({ name: 'ops-anna', role: 'operator' });
    expect(await store.principalOf(a.id)).toEqual({ name: 'ops-anna', role: 'operator' });
  });

  it('expires with ADMIN_SESSION_TTL_MINUTES, from sign-in', async () => {
    const { id } = await store.start({ name: 'ops-anna', role: 'viewer' });
    const ttl = await redis.ttl(keyOf(id));
    expect(ttl).toBeGreaterThan(480 * 60 - 60);
    expect(ttl).toBeLessThanOrEqual(480 * 60);
    // Reading does not renew it: the lifetime is fixed from sign-in.
    await redis.expire(keyOf(id), 100);
    await store.principalOf(id);
    expect(await redis.ttl(keyOf(id))).toBeLessThanOrEqual(100);
  });

  it('ends a session; ending an unknown or malformed one is a no-op', async () => {
    const { id } = await store.start({ name: 'ops-anna', role: 'admin' });
    await store.end(id);
    expect(await store.principalOf(id)).toBeUndefined();
    expect(await redis.exists(keyOf(id))).toBe(0);
    await expect(store.end('B'.repeat(43))).resolves.toBeUndefined();
    await expect(store.end('../../etc')).resolves.toBeUndefined();
    await expect(store.end(undefined)).resolves.toBeUndefined();
  });

  it('knows no malformed id, no unknown id, and no stored value it did not write', async () => {
    expect(await store.principalOf(undefined)).toBeUndefined();
    expect(await store.principalOf('short')).toBeUndefined();
    expect(await store.principalOf('C'.repeat(43))).toBeUndefined();
    const id = 'D'.repeat(43);
    for (const bad of ['not json', '{"name":"ops-anna","role":"root"}', '{"name":"Tolvan Tolvansson","role":"admin"}', '[]']) {
      await redis.set(keyOf(id), bad);
      expect(await store.principalOf(id)).toBeUndefined();
    }
  });
});
