import Redis from 'ioredis';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { kernelKeys } from './kernel-keys';
import { type TenantBreakerOptions, TenantBreakerStore } from './tenant-breaker.store';

const T0 = new Date('2026-11-29T10:00:00.000Z').getTime();
const at = (ms: number) => new Date(T0 + ms);
const OPTIONS: TenantBreakerOptions = { failures: 3, windowMs: 60_000, minProbeMs: 5_000, maxProbeMs: 20_000, probeLockMs: 30_000 };

describe('TenantBreakerStore (real Redis, two processes)', () => {
  let redis: Redis;
  let redis2: Redis;
  let prefix: string;
  let a: TenantBreakerStore;
  let b: TenantBreakerStore;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
    redis2 = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
  });
  afterAll(async () => Promise.all([redis.quit(), redis2.quit()]));
  beforeEach(() => {
    prefix = uniquePrefix('breaker');
    // Two worker processes: their own connections and instances, one Redis.
    a = new TenantBreakerStore(redis, kernelKeys(prefix), OPTIONS);
    b = new TenantBreakerStore(redis2, kernelKeys(prefix), OPTIONS);
  });
  afterEach(async () => deletePrefix(redis, prefix));

  async function failTimes(store: TenantBreakerStore, n: number, from: number): Promise<Array<string | undefined>> {
    const changes = [];
    for (let i = 0; i < n; i++) changes.push((await store.settle('omsorgshuset', 'failed', undefined, at(from + i))).transition);
    return changes;
  }

  it('opens after N failures in a row counted across processes, for that tenant only; both processes then wait until the probe time', async () => {
    expect(await a.admit('omsorgshuset', at(0))).toEqual({ kind: 'closed' });
    expect(await failTimes(a, 1, 0)).toEqual([undefined]);
    expect(await failTimes(b, 1, 1)).toEqual([undefined]);
    expect(await failTimes(a, 1, 2)).toEqual(['opened']);
    // The failure that opened it: its job waits for the first probe too.
    expect(await b.settle('omsorgshuset', 'failed', undefined, at(3))).toEqual({ openUntil: at(2 + 5_000) });
    expect(await b.admit('omsorgshuset', at(10))).toEqual({ kind: 'wait', at: at(2 + 5_000) });
    expect(await a.admit('omsorgshuset', at(10))).toEqual({ kind: 'wait', at: at(2 + 5_000) });
    expect(await a.admit('kommunen', at(10))).toEqual({ kind: 'closed' });
    expect((await b.readAll()).omsorgshuset).toMatchObject({ state: 'open', since: at(2).toISOString(), nextProbeAt: at(5_002).toISOString(), probeIntervalSeconds: 5 });
  });

  it('an answer in between resets the run; failures further apart than the window start a new run', async () => {
    await failTimes(a, 2, 0);
    await a.settle('omsorgshuset', 'answered', undefined, at(3));
    expect(await failTimes(b, 2, 4)).toEqual([undefined, undefined]);
    expect(await failTimes(b, 1, 4 + 61_000)).toEqual([undefined]);
    expect((await a.readAll()).omsorgshuset).toMatchObject({ state: 'closed', failures: 1 });
  });

  it('one probe at a time: of two processes asking at the probe time one probes, the other waits; a failed probe doubles the interval up to the longest', async () => {
    await failTimes(a, 3, 0);
    const probeTime = 2 + 5_000;
    const [first, second] = await Promise.all([a.admit('omsorgshuset', at(probeTime)), b.admit('omsorgshuset', at(probeTime))]);
    const kinds = [first.kind, second.kind].sort();
    expect(kinds).toEqual(['probe', 'wait']);
    const [prober, probe] = first.kind === 'probe' ? [a, first] : [b, second];
    expect((await a.readAll()).omsorgshuset.state).toBe('probing');
    // A failure of a send admitted before the breaker opened is no probe's: nothing changes, and its job is told to wait for the probe.
    expect(await b.settle('omsorgshuset', 'failed', undefined, at(probeTime + 1))).toEqual({ openUntil: at(probeTime) });
    expect(await prober.settle('omsorgshuset', 'failed', probe.kind === 'probe' ? probe.token : undefined, at(probeTime + 100))).toEqual({ transition: 'reopened', openUntil: at(probeTime + 100 + 10_000) });
    expect((await b.readAll()).omsorgshuset).toMatchObject({ state: 'open', probeIntervalSeconds: 10, nextProbeAt: at(probeTime + 100 + 10_000).toISOString() });
    const intervals = [];
    let now = probeTime + 100 + 10_000;
    for (let i = 0; i < 3; i++) {
      const next = await a.admit('omsorgshuset', at(now));
      expect(next.kind).toBe('probe');
      await a.settle('omsorgshuset', 'failed', next.kind === 'probe' ? next.token : undefined, at(now));
      const status = (await a.readAll()).omsorgshuset;
      intervals.push(status.probeIntervalSeconds);
      now = Date.parse(status.nextProbeAt ?? '') - T0;
    }
    expect(intervals).toEqual([20, 20, 20]);
  });

  it("a probe's answer closes it for every process; a probe whose worker died frees the probe after its lock's time", async () => {
    await failTimes(a, 3, 0);
    const died = await a.admit('omsorgshuset', at(6_000));
    expect(died.kind).toBe('probe');
    expect((await b.admit('omsorgshuset', at(6_001))).kind).toBe('wait');
    // The lock's time is real (Redis PX): drop it as its expiry would.
    await redis.del(kernelKeys(prefix).tenantBreakerProbe('omsorgshuset'));
    const probe = await b.admit('omsorgshuset', at(7_000));
    expect(probe.kind).toBe('probe');
    expect(await b.settle('omsorgshuset', 'answered', probe.kind === 'probe' ? probe.token : undefined, at(7_100))).toEqual({ transition: 'closed' });
    expect(await a.admit('omsorgshuset', at(7_200))).toEqual({ kind: 'closed' });
    expect((await a.readAll()).omsorgshuset).toEqual({ tenant: 'omsorgshuset', state: 'closed', since: at(7_100).toISOString(), failures: 0 });
  });
  it("answers throttled while the tenant's not-before is ahead, taking no probe meanwhile; the breaker after it", async () => {
    await failTimes(a, 3, 0);
    await redis.set(kernelKeys(prefix).tenantNotBefore('omsorgshuset'), String(T0 + 9_000));
    expect(await b.admit('omsorgshuset', at(6_000))).toEqual({ kind: 'throttled', at: at(9_000) });
    expect(await redis.exists(kernelKeys(prefix).tenantBreakerProbe('omsorgshuset'))).toBe(0);
    expect((await b.admit('omsorgshuset', at(9_000))).kind).toBe('probe');
    expect(await a.admit('kommunen', at(6_000))).toEqual({ kind: 'closed' });
  });
});
