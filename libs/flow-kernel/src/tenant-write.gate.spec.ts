import Redis from 'ioredis';
import { TenantUnavailable } from '@brygga/domain';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { kernelKeys } from './kernel-keys';
import { MaintenanceWindowsStore } from './maintenance-windows.store';
import { DEFAULT_TENANT_BREAKER, TenantBreakerStore } from './tenant-breaker.store';
import { TenantThrottleStore } from './tenant-throttle.store';
import { TenantWriteGate } from './tenant-write.gate';

describe('TenantWriteGate: a Retry-After holds the whole tenant (real Redis, two processes)', () => {
  let redis: Redis;
  let redis2: Redis;
  let prefix: string;
  let a: TenantWriteGate;
  let b: TenantWriteGate;

  function gateOn(connection: Redis): TenantWriteGate {
    const keys = kernelKeys(prefix);
    return new TenantWriteGate(new MaintenanceWindowsStore(connection, keys, () => ({ tenants: {} })), new TenantBreakerStore(connection, keys, DEFAULT_TENANT_BREAKER), new TenantThrottleStore(connection, keys));
  }

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
    redis2 = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
  });
  afterAll(async () => Promise.all([redis.quit(), redis2.quit()]));
  beforeEach(() => {
    prefix = uniquePrefix('gate');
    a = gateOn(redis);
    b = gateOn(redis2);
  });
  afterEach(async () => deletePrefix(redis, prefix));

  async function refusal(gate: TenantWriteGate, tenant: string): Promise<TenantUnavailable | undefined> {
    try {
      await gate.admit(tenant);
      return undefined;
    } catch (error) {
      if (error instanceof TenantUnavailable) return error;
      throw error;
    }
  }

  it('a 429 with Retry-After makes this job and every other (any process) wait until the named time; the other tenant goes on', async () => {
    const pass = await a.admit('omsorgshuset');
    const before = Date.now();
    const told = await pass.settle('answered', new Error('429'), 5_000);
    expect(told).toBeInstanceOf(TenantUnavailable);
    expect(told?.cause).toBe('throttled');
    expect(told!.until.getTime()).toBeGreaterThanOrEqual(before + 5_000);

    const other = await refusal(b, 'omsorgshuset');
    expect(other?.cause).toBe('throttled');
    expect(other?.until.getTime()).toBe(told!.until.getTime());
    expect(await refusal(b, 'kommunen')).toBeUndefined();
  });

  it('keeps the later of two named times, and lets the tenant go once it has passed', async () => {
    const throttle = new TenantThrottleStore(redis, kernelKeys(prefix));
    const now = new Date();
    await throttle.hold('kommunen', new Date(now.getTime() + 60_000));
    await throttle.hold('kommunen', new Date(now.getTime() + 1_000));
    expect((await throttle.notBefore('kommunen', now))?.getTime()).toBe(now.getTime() + 60_000);
    expect(await throttle.notBefore('kommunen', new Date(now.getTime() + 60_001))).toBeUndefined();
    await throttle.hold('omsorgshuset', new Date(Date.now() + 150));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await redis.exists(kernelKeys(prefix).tenantNotBefore('omsorgshuset'))).toBe(0);
  });

  it('a failure without Retry-After holds no one (the breaker counts it)', async () => {
    const pass = await a.admit('kommunen');
    expect(await pass.settle('failed', new Error('503'))).toBeUndefined();
    expect(await refusal(b, 'kommunen')).toBeUndefined();
  });
});
