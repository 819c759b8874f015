import Redis from 'ioredis';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { AFTER_ALL_MEMBERS, BEFORE_ALL_MEMBERS, readNewestFirst, type ScoredMember } from './newest-first.pager';

describe('readNewestFirst (real Redis)', () => {
  let redis: Redis;
  let prefix: string;
  const key = () => `${prefix}:z`;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
  });
  afterAll(async () => redis.quit());
  beforeEach(async () => {
    prefix = uniquePrefix('pager');
    // Scores 10, 20 (three members tied), 30.
    await redis.zadd(key(), 10, 'a', 20, 'b', 20, 'c', 20, 'd', 30, 'e');
  });
  afterEach(async () => deletePrefix(redis, prefix));

  const members = (read: ScoredMember[]) => read.map((r) => r.member);

  it('reads newest first, ties by member descending, from a cursor inside a tie', async () => {
    expect(members(await readNewestFirst(redis, key(), { count: 10 }))).toEqual(['e', 'd', 'c', 'b', 'a']);
    const first = await readNewestFirst(redis, key(), { count: 2 });
    expect(members(first)).toEqual(['e', 'd']);
    expect(members(await readNewestFirst(redis, key(), { after: first[1], count: 2 }))).toEqual(['c', 'b']);
    expect(members(await readNewestFirst(redis, key(), { after: { score: 20, member: 'b' }, count: 2 }))).toEqual(['a']);
  });

  it('keeps or skips every tie of the cursor\'s score with the sentinels', async () => {
    expect(members(await readNewestFirst(redis, key(), { after: { score: 20, member: AFTER_ALL_MEMBERS }, count: 10 }))).toEqual(['d', 'c', 'b', 'a']);
    expect(members(await readNewestFirst(redis, key(), { after: { score: 20, member: BEFORE_ALL_MEMBERS }, count: 10 }))).toEqual(['a']);
  });

  it('stays within the score bounds, cursor or not', async () => {
    expect(members(await readNewestFirst(redis, key(), { max: 20, min: 15, count: 10 }))).toEqual(['d', 'c', 'b']);
    expect(members(await readNewestFirst(redis, key(), { after: { score: 30, member: 'e' }, max: 20, count: 10 }))).toEqual(['d', 'c', 'b', 'a']);
    expect(members(await readNewestFirst(redis, key(), { after: { score: 20, member: 'c' }, min: 15, count: 10 }))).toEqual(['b']);
  });
});
