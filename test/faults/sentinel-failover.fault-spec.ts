import Redis from 'ioredis';
import { kernelKeys } from '@brygga/flow-kernel';
import { eventually } from '@brygga/testing';
import { settledEndState } from './support/end-state.check';
import { startLoad } from './support/fault-load';
import { type FaultStack, http, jobCounts, startFaultStack } from './support/fault-stack';
import { type InboundGate, startInboundGate } from './support/inbound-gate.proxy';
import { roleOf, type SentinelGroup, startSentinelGroup } from './support/sentinel-redis';

const secondsSince = (from: number, to: number): string => `${((to - from) / 1000).toFixed(2)} s`;

/**
 * Redis as a municipality runs it highly available: a master, a replica and three sentinels
 * (quorum 2), the middleware (API + two workers) told only the sentinels (REDIS_URL points at
 * a port where nothing listens). Mid-load the master is killed (-9); the sentinels promote the
 * replica and every process follows it.
 *
 * Replication is asynchronous: a write the master acknowledged in its last moments may not
 * have reached the replica, and a failover loses it. So the failover "starts" at a point the
 * test makes exact: new pushes are held at a gate in front of the API, those in flight finish,
 * and `WAIT 1` confirms the replica has every write the master had. Every push acknowledged
 * (`202`) before that point must be on the new master; the pushes held, and those sent during
 * the failover, are the sender's to retry until acknowledged, and the end state must be exact.
 */
describe('fault: Redis Sentinel failover mid-load (master kill -9; a replica and three sentinels of the test’s own)', () => {
  let group: SentinelGroup | undefined;
  let stack: FaultStack | undefined;
  let gate: InboundGate | undefined;
  let probe: Redis | undefined;
  afterEach(async () => {
    probe?.disconnect();
    await gate?.close();
    await stack?.close();
    await group?.stop();
    [group, stack, gate, probe] = [undefined, undefined, undefined, undefined];
  }, 120_000);

  it('follows the new master, loses nothing acknowledged before the failover, and ends exact', async () => {
    const t0 = Date.now();
    group = await startSentinelGroup('brygga');
    const g = group;
    stack = await startFaultStack({
      redisUrl: g.master.url,
      workers: 2,
      // Pushes only (no feed), so every assignment that arrives was acknowledged to its sender.
      env: { REDIS_URL: 'redis://127.0.0.1:1/0', REDIS_SENTINELS: g.sentinelsEnv, REDIS_SENTINEL_NAME: g.name, CASE_SYSTEM_POLL_SECONDS: '0' },
    });
    const s = stack;
    gate = await startInboundGate(s.api.url);
    const load = startLoad({ ...s, api: { ...s.api, url: gate.url } }, 41, { via: 'push', churnEveryMs: 500 });
    await load.started;
    await eventually(async () => (s.planningRequests.filter((r) => r.status !== undefined && r.status < 300).length > 100 ? true : undefined), 'writes to flow', 120_000, 100);

    // The failover starts here: nothing more acknowledged, and the replica has all the master had.
    await gate.pause();
    expect(await g.replicaCaughtUp(10_000)).toBe(true);
    const acknowledgedBefore = [...gate.acknowledged];
    const killAt = Date.now();
    await g.master.kill('SIGKILL');
    gate.resume();
    const promotedAt = await eventually(async () => ((await roleOf(g.replica.port)) === 'master' ? Date.now() : undefined), 'the sentinels to promote the replica', 60_000, 20);
    await eventually(async () => ((await g.masterPort()) === g.replica.port ? true : undefined), 'the sentinels to name the new master', 60_000, 50);
    // The stack's own reads (queue counts) go to the master as well.
    s.redisUrl = g.replica.url;
    // The old master back on its port and data (systemd would restart it): it must not take writes, the sentinels make it a replica.
    const old = await g.restartOldMaster();
    const firstAckAfterKill = await eventually(async () => gate?.acknowledged.find((a) => a.at > killAt)?.at, 'the first push stored after the kill', 60_000, 20);
    await eventually(async () => ((await roleOf(old.port)) === 'slave' ? true : undefined), 'the old master to come back as a replica', 60_000, 100);
    const demotedAt = Date.now();

    const figures = await load.finished;
    const loadedAt = Date.now();
    // A job whose fetch or finish answer the kill swallowed waits for BullMQ's stalled check (lock 30 s + checks every 15 s): when the queues went idle says whether one did.
    const idleAt = await eventually(async () => ((await jobCounts(s.redisUrl, s.prefix)).busy === 0 ? Date.now() : undefined), 'the queues to be idle', 240_000, 250);
    const end = await settledEndState(s, figures.period, 240_000);

    probe = new Redis(g.replica.url, { maxRetriesPerRequest: 3 });
    const documents = kernelKeys(s.prefix);
    const lost = (await Promise.all(acknowledgedBefore.map((a) => probe?.exists(documents.document(a.documentId))))).filter((n) => n !== 1).length;
    const clientNames = [...String(await probe.call('CLIENT', 'LIST')).matchAll(/ name=(\S*)/g)].map((m) => m[1]);
    for (const p of [s.api, ...s.workers]) await eventually(async () => ((await http.get(`${p.url}/health/ready`)).status === 200 ? true : undefined), `${p.name} ready`, 60_000, 200);

    const refusedDuringFailover = gate.refused.filter((r) => r.at > killAt).length;
    // What one installation's state weighs in Redis (README "Scaling out"): the whole load's, on the new master.
    const usedMemoryMb = Number(/^used_memory:(\d+)/m.exec(await probe.info('memory'))?.[1] ?? 0) / 1024 / 1024;
    const keys = await probe.dbsize();
    console.log(
      `[faults] sentinel failover: master killed at ${secondsSince(t0, killAt)}; replica promoted ${secondsSince(killAt, promotedAt)} after the kill ` +
        `(down-after 1 s); first push stored on the new master ${secondsSince(killAt, firstAckAfterKill)} after it; old master back as a replica ${secondsSince(killAt, demotedAt)} after it; ` +
        `acknowledged before the failover ${acknowledgedBefore.length}, lost ${lost}; answers other than 202 during the failover ${refusedDuringFailover} (retried by the sender); ` +
        `Redis holds ${keys} keys in ${usedMemoryMb.toFixed(1)} MB; load finished ${secondsSince(t0, loadedAt)}, queues idle ${secondsSince(killAt, idleAt)} after the kill, exact ${secondsSince(t0, Date.now())}; ${JSON.stringify({ ...figures, period: undefined, end: { ...end, differences: end.differences.length } })}`,
    );
    expect(acknowledgedBefore.length).toBeGreaterThan(0);
    expect(lost).toBe(0);
    expect(clientNames).toEqual(expect.arrayContaining(['brygga-api', 'brygga-worker']));
    expect(figures.assignments).toBeGreaterThanOrEqual(2000);
    expect(end.differences).toEqual([]);
    expect(end.failedJobs).toBe(0);
  });
});
