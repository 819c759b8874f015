import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { redisScript, runScript } from './redis-script';

describe('runScript (real Redis)', () => {
  let redis: Redis;
  let prefix: string;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
  });
  afterAll(async () => redis.quit());
  beforeEach(() => {
    prefix = uniquePrefix('redis-script');
  });
  afterEach(async () => deletePrefix(redis, prefix));

  it('runs a script Redis does not know yet (sending its text once), then by its hash', async () => {
    // A text no one has loaded: the first call meets NOSCRIPT.
    const script = redisScript(`-- ${randomUUID()}\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])`);
    expect(await redis.script('EXISTS', script.sha)).toEqual([0]);
    expect(await runScript(redis, script, [`${prefix}:n`], [2])).toBe(2);
    expect(await redis.script('EXISTS', script.sha)).toEqual([1]);
    expect(await runScript(redis, script, [`${prefix}:n`], [3])).toBe(5);
  });

  it("passes a script's own error on", async () => {
    const script = redisScript(`-- ${randomUUID()}\nreturn redis.error_reply('refused here')`);
    await expect(runScript(redis, script, [], [])).rejects.toThrow('refused here');
  });
});
