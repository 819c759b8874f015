import { settledEndState } from './support/end-state.check';
import { startLoad } from './support/fault-load';
import { type FaultStack, startFaultStack } from './support/fault-stack';
import { eventually } from '@brygga/testing';
import { type OwnRedis, startOwnRedis } from './support/own-redis';

type Fault = 'restart' | 'crash';

/**
 * Redis of the test's own (AOF on) restarted or crashed mid-load. A clean restart (SIGTERM:
 * Redis fsyncs its AOF before exiting) loses nothing whatever appendfsync says. A crash
 * (kill -9) loses what was not yet fsynced: with `appendfsync everysec` up to about one second
 * of acknowledged writes, so a push answered `202` in that second may be gone; with `always`
 * nothing acknowledged is lost. The feed loses nothing either way: its cursor moves only after
 * the work it read is stored, and the AOF loses a suffix, never a write before a kept one, so
 * a lost second moves the cursor back with the work and the feed is read again.
 */
describe('fault: Redis restarted or crashed mid-load (AOF, redis-server of the test’s own)', () => {
  let redis: OwnRedis | undefined;
  let stack: FaultStack | undefined;
  afterEach(async () => {
    await stack?.close();
    await redis?.stop();
    stack = undefined;
    redis = undefined;
  }, 120_000);

  async function run(what: string, fsync: 'everysec' | 'always', fault: Fault, via: 'push' | 'feed', seed: number): Promise<void> {
    const t0 = Date.now();
    const at = (): string => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
    redis = await startOwnRedis(['--appendonly', 'yes', '--appendfsync', fsync, '--save', '']);
    // Push mode: nothing but the pushes brings the assignments (the feed is not polled).
    stack = await startFaultStack({ redisUrl: redis.url, workers: 2, env: via === 'push' ? { CASE_SYSTEM_POLL_SECONDS: '0' } : {} });
    const load = startLoad(stack, seed, { via, ...(via === 'push' && { churnEveryMs: 500 }) });
    await load.started;
    const s = stack;
    await eventually(async () => (s.planningRequests.filter((r) => r.status !== undefined && r.status < 300).length > 100 ? true : undefined), 'writes to flow', 120_000, 100);
    const faultAt = Date.now();
    await (fault === 'restart' ? redis.restart() : redis.crashAndRestart());
    const downMs = Date.now() - faultAt;
    const backAt = at();
    const figures = await load.finished;
    const loadedAt = at();
    const end = await settledEndState(stack, figures.period, 360_000);
    console.log(`[faults] phases: fault at ${(faultAt - t0) / 1000} s, back ${backAt}, load finished ${loadedAt}, exact ${at()}`);
    console.log(`[faults] Redis ${fault} (appendfsync ${fsync}, ${via}) ${what}: down ${(downMs / 1000).toFixed(1)} s; ${JSON.stringify({ ...figures, period: undefined, end: { ...end, differences: end.differences.length } })}`);
    expect(figures.assignments).toBeGreaterThanOrEqual(2000);
    expect(end.differences).toEqual([]);
  }

  it('clean restart (appendfsync everysec), assignments pushed: no document that got 202 is lost', async () => {
    await run('mid-push', 'everysec', 'restart', 'push', 31);
  });

  it('kill -9 (appendfsync always), assignments pushed: nothing acknowledged is lost', async () => {
    await run('mid-push', 'always', 'crash', 'push', 32);
  });

  it('kill -9 (appendfsync everysec), assignments from the feed: the feed loses nothing (its cursor moves after the work is stored)', async () => {
    await run('mid-feed', 'everysec', 'crash', 'feed', 33);
  });
});
