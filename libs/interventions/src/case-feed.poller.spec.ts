import type { INestApplication } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import Redis from 'ioredis';
import { loadMappingRules } from '@brygga/config';
import { LastSyncStore } from '@brygga/flow-kernel';
import { PlanningClientsRegistry } from '@brygga/planning-tool';
import { JobProducer, type JobPayloads } from '@brygga/queue';
import { createCaseSystemSimulator } from '@brygga/sim-case-system';
import { deletePrefix, listenLocal, rejectionOf, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { CaseFeedPoller } from './case-feed.poller';
import { InterventionsStats } from './interventions-stats.store';
import { interventionsWorker } from './interventions.test-harness';

describe('CaseFeedPoller against the case simulator (real Redis)', () => {
  let sim: INestApplication;
  let url: string;
  let redis: Redis;
  let prefix: string;
  let producer: JobProducer;

  beforeAll(async () => {
    sim = await createCaseSystemSimulator({ feedToken: 'right-feed-token', logger: false });
    url = await listenLocal(sim);
    redis = new Redis(TEST_REDIS_URL);
    prefix = uniquePrefix('feed-poller');
    producer = new JobProducer(redis, prefix);
  });
  afterAll(async () => {
    await producer.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await sim.close();
  });

  async function pollerWith(token: string): Promise<{ poller: CaseFeedPoller; stats: () => Promise<Record<string, number>>; lastFeedSync: () => Promise<string | undefined>; lastFeedChange: () => Promise<string | undefined> }> {
    const rules = loadMappingRules('config/mapping-rules.yaml');
    const planning = new PlanningClientsRegistry({}, { timeoutMs: 1000 });
    const flow = await interventionsWorker({ redis, prefix, producer, planning, rules: () => rules, today: () => '2026-11-23' }, { caseFeed: { url, token, pollSeconds: 0 } });
    const stats = flow.get(InterventionsStats);
    const lastSync = flow.get(LastSyncStore);
    return { poller: flow.get(CaseFeedPoller), stats: () => stats.read(), lastFeedSync: async () => (await lastSync.readAll()).feed, lastFeedChange: async () => (await lastSync.readAll()).feedChange };
  }
  const job = { id: 'poll-1', data: { v: 1 } } as Job<JobPayloads['case-feed.poll']>;

  it('a refused token fails the poll at once (no retry can fix it), names the variable, and frees the gate', async () => {
    const { poller, stats, lastFeedSync } = await pollerWith('wrong-token-xyz');
    const error = await rejectionOf(poller.poll(job));
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect((error as Error).message).toMatch(/CASE_SYSTEM_TOKEN/);
    expect((await stats()).failed).toBe(1);
    expect(await lastFeedSync()).toBeUndefined();
    // The next poll (a fixed token) is not held back by a lock left behind.
    const before = Date.now();
    const fixed = await pollerWith('right-feed-token');
    expect(await fixed.poller.poll(job)).toMatchObject({ pages: 1, assignments: 0 });
    // A poll that read the feed is the feed's last successful sync; one that found nothing new is no change.
    expect(Date.parse((await lastFeedSync()) ?? '')).toBeGreaterThanOrEqual(before);
    expect(await fixed.lastFeedChange()).toBeUndefined();
  });
});
