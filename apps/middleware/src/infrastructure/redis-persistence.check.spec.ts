import Redis from 'ioredis';
import { TEST_REDIS_URL } from '@brygga/testing';
import { persistenceVerdict, readRedisPersistence, type RedisPersistence } from './redis-persistence.check';

describe('persistenceVerdict: the boot decision table', () => {
  it.each<[RedisPersistence, string, boolean, 'ok' | 'warn' | 'refuse']>([
    ['aof', 'production', false, 'ok'],
    ['snapshots', 'production', false, 'ok'],
    ['aof+snapshots', 'production', false, 'ok'],
    ['aof', 'test', false, 'ok'],
    ['none', 'production', false, 'refuse'],
    ['none', 'production', true, 'warn'],
    ['none', 'development', false, 'warn'],
    ['none', 'test', false, 'warn'],
    ['none', 'test', true, 'warn'],
    ['unknown', 'production', false, 'warn'],
    ['unknown', 'development', false, 'warn'],
  ])('%s, NODE_ENV=%s, none accepted %s: %s', (persistence, nodeEnv, accepted, action) => {
    expect(persistenceVerdict(persistence, nodeEnv, accepted).action).toBe(action);
  });

  it('the refusal names the override and the Redis settings to change', () => {
    const { message } = persistenceVerdict('none', 'production', false);
    expect(message).toContain('REDIS_PERSISTENCE=none-accepted');
    expect(message).toContain('appendonly yes');
  });

  it('unknown says why it could not tell', () => {
    expect(persistenceVerdict('unknown', 'production', false, "ERR unknown command 'CONFIG'").message).toContain("ERR unknown command 'CONFIG'");
  });
});

describe('readRedisPersistence (real Redis)', () => {
  const redis = new Redis(TEST_REDIS_URL);
  afterAll(() => redis.disconnect());

  it('reads what CONFIG GET says', async () => {
    const [, appendonly] = (await redis.call('CONFIG', 'GET', 'appendonly')) as string[];
    const [, save] = (await redis.call('CONFIG', 'GET', 'save')) as string[];
    const aof = appendonly === 'yes';
    const snapshots = save.length > 0;
    const expected = aof && snapshots ? 'aof+snapshots' : aof ? 'aof' : snapshots ? 'snapshots' : 'none';
    expect(await readRedisPersistence(redis)).toEqual({ persistence: expected });
  });
});
