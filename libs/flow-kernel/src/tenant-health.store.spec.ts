import Redis from 'ioredis';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { kernelKeys } from './kernel-keys';
import { TenantHealthStore } from './tenant-health.store';

const T0 = new Date('2026-11-29T10:00:30.000Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const noErrors = { '4xx': 0, '401': 0, '5xx': 0, timeout: 0, network: 0 };

describe('TenantHealthStore (real Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let store: TenantHealthStore;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
  });
  afterAll(async () => redis.quit());
  beforeEach(() => {
    prefix = uniquePrefix('tenant-health');
    store = new TenantHealthStore(redis, kernelKeys(prefix));
  });
  afterEach(async () => deletePrefix(redis, prefix));

  it('knows no tenant before any request', async () => {
    expect(await store.readAll(T0)).toEqual({});
  });

  it('counts requests and errors by class over the last five minutes, with the last ok and last error', async () => {
    await store.record({ tenant: 'umea', outcome: 'ok', status: 200, at: T0 });
    await store.record({ tenant: 'umea', outcome: '5xx', status: 503, at: later(60) });
    await store.record({ tenant: 'umea', outcome: 'timeout', at: later(120) });
    await store.record({ tenant: 'umea', outcome: 'ok', status: 200, at: later(180) });
    expect(await store.readAll(later(200))).toEqual({
      umea: {
        reachability: 'reachable',
        requests: 4,
        errors: 2,
        errorRate: 0.5,
        errorsByClass: { ...noErrors, '5xx': 1, timeout: 1 },
        lastOkAt: later(180).toISOString(),
        lastErrorAt: later(120).toISOString(),
        lastErrorCode: 'timeout',
      },
    });
    // Five minutes on, the first two have left the window; the last times stay.
    const after = (await store.readAll(later(5 * 60 + 30))).umea;
    expect(after).toMatchObject({ requests: 2, errors: 1, errorsByClass: { ...noErrors, timeout: 1 }, lastOkAt: later(180).toISOString() });
    expect((await store.readAll(later(20 * 60))).umea).toMatchObject({ requests: 0, errors: 0, errorRate: null, reachability: 'reachable' });
  });

  it('is failing while the newest request got no usable answer, and reachable again after one', async () => {
    await store.record({ tenant: 'sundsvall', outcome: 'ok', status: 200, at: T0 });
    await store.record({ tenant: 'sundsvall', outcome: 'network', at: later(1) });
    expect((await store.readAll(later(2))).sundsvall).toMatchObject({ reachability: 'failing', lastErrorCode: 'network' });
    await store.record({ tenant: 'sundsvall', outcome: '401', status: 401, at: later(3) });
    expect((await store.readAll(later(4))).sundsvall).toMatchObject({ reachability: 'failing', lastErrorCode: '401' });
    await store.record({ tenant: 'sundsvall', outcome: 'ok', status: 200, at: later(5) });
    expect((await store.readAll(later(6))).sundsvall.reachability).toBe('reachable');
  });

  it('knows since when a tenant fails: the first failure after its last answer, gone once it answers', async () => {
    await store.record({ tenant: 'sundsvall', outcome: 'ok', status: 200, at: T0 });
    expect((await store.readAll(later(1))).sundsvall.failingSince).toBeUndefined();
    await store.record({ tenant: 'sundsvall', outcome: '5xx', status: 503, at: later(10) });
    await store.record({ tenant: 'sundsvall', outcome: 'timeout', at: later(20) });
    expect((await store.readAll(later(30))).sundsvall.failingSince).toBe(later(10).toISOString());
    await store.record({ tenant: 'sundsvall', outcome: '4xx', status: 422, at: later(40) });
    expect((await store.readAll(later(41))).sundsvall.failingSince).toBeUndefined();
    await store.record({ tenant: 'sundsvall', outcome: '401', status: 401, at: later(50) });
    expect((await store.readAll(later(51))).sundsvall.failingSince).toBe(later(50).toISOString());
  });

  it('counts a refusal of a payload (4xx) as an error but the tool as reachable', async () => {
    await store.record({ tenant: 'umea', outcome: '4xx', status: 422, at: T0 });
    expect((await store.readAll(later(1))).umea).toMatchObject({ reachability: 'reachable', errors: 1, errorRate: 1, lastErrorCode: '422' });
    expect((await store.readAll(later(1))).umea.lastOkAt).toBeUndefined();
  });

  it('keeps tenants apart, and is unknown for a tenant that never answered', async () => {
    await store.record({ tenant: 'umea', outcome: 'ok', status: 200, at: T0 });
    await store.record({ tenant: 'kiruna', outcome: '5xx', status: 500, at: T0 });
    const all = await store.readAll(later(1));
    expect(Object.keys(all)).toEqual(['kiruna', 'umea']);
    expect(all.kiruna).toMatchObject({ reachability: 'failing', requests: 1, errors: 1 });
    expect(all.umea).toMatchObject({ reachability: 'reachable', requests: 1, errors: 0, errorRate: 0 });
  });

  it('lets its minute buckets expire, so memory stays bounded', async () => {
    await store.record({ tenant: 'umea', outcome: 'ok', status: 200 });
    const keys = await redis.keys(`${prefix}:data:tenant-health:umea:m:*`);
    expect(keys).toHaveLength(1);
    const ttl = await redis.ttl(keys[0]);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(600);
    expect(await redis.ttl(kernelKeys(prefix).tenantHealthLast('umea'))).toBeGreaterThan(0);
  });
});
