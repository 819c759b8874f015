import { ConfigError } from './env.validation';
import { describeRedisTarget, parseRedisSentinels, reconnectOnReadonly, redisOptionsFor, type RedisTarget, redisTargetFromEnv, type RedisTargetEnv } from './redis-url';

const URL_ONLY = 'redis://:s%40cret@redis:6379/2';
const SENTINELS = { sentinels: [{ host: 's1', port: 26379 }, { host: 's2', port: 26380 }], name: 'brygga' };

describe('redisOptionsFor', () => {
  it.each<[string, RedisTarget, Record<string, unknown>]>([
    ['REDIS_URL alone: its host, port, db and password', { url: URL_ONLY }, { host: 'redis', port: 6379, db: 2, password: 's@cret' }],
    [
      'sentinels: the master of the group, REDIS_URL giving the db and password',
      { url: URL_ONLY, sentinel: SENTINELS },
      { sentinels: SENTINELS.sentinels, name: 'brygga', role: 'master', db: 2, password: 's@cret', failoverDetector: true },
    ],
    ['sentinels with their own password', { url: 'redis://127.0.0.1:6379', sentinel: { ...SENTINELS, password: 'sentinel-secret' } }, { sentinelPassword: 'sentinel-secret', password: undefined }],
    ['rediss: with sentinels: TLS to the master and to the sentinels', { url: 'rediss://redis:6380', sentinel: SENTINELS }, { tls: {}, enableTLSForSentinelMode: true, sentinelTLS: {} }],
  ])('%s', (_what, target, expected) => {
    expect(redisOptionsFor(target)).toMatchObject(expected);
  });

  it('in sentinel mode sets no host or port (ioredis would otherwise connect there, not to the master)', () => {
    const options = redisOptionsFor({ url: URL_ONLY, sentinel: SENTINELS });
    expect(options).not.toHaveProperty('host');
    expect(options).not.toHaveProperty('port');
    expect(options.enableTLSForSentinelMode).toBeUndefined();
  });

  it.each<[string, RedisTarget]>([
    ['REDIS_URL', { url: URL_ONLY }],
    ['sentinels', { url: URL_ONLY, sentinel: SENTINELS }],
  ])('keeps what BullMQ and the flows need with %s: no per-request retry limit, RESP2, the READONLY reconnect', (_what, target) => {
    expect(redisOptionsFor(target)).toMatchObject({ maxRetriesPerRequest: null, protocol: 2, reconnectOnError: reconnectOnReadonly });
    expect(redisOptionsFor(target)).not.toHaveProperty('retryStrategy');
  });
});

describe('reconnectOnReadonly', () => {
  it.each<[string, 2 | false]>([
    ["READONLY You can't write against a read only replica.", 2],
    ['ERR wrong number of arguments', false],
    ['LOADING Redis is loading the dataset in memory', false],
    ['NOSCRIPT No matching script', false],
  ])('%s → %s', (message, expected) => {
    expect(reconnectOnReadonly(new Error(message))).toBe(expected);
  });
});

describe('parseRedisSentinels', () => {
  it.each<[string, Array<{ host: string; port: number }>]>([
    ['sentinel-1:26379', [{ host: 'sentinel-1', port: 26379 }]],
    ['127.0.0.1:26379, 127.0.0.1:26380,127.0.0.1:26381', [26379, 26380, 26381].map((port) => ({ host: '127.0.0.1', port }))],
    ['[::1]:26379,redis.kommun.example:26379', [{ host: '::1', port: 26379 }, { host: 'redis.kommun.example', port: 26379 }]],
  ])('%s', (value, expected) => {
    expect(parseRedisSentinels(value)).toEqual(expected);
  });

  it.each([['sentinel-1'], ['sentinel-1:'], [':26379'], ['s1:26379;s2:26379'], ['redis://s1:26379'], ['s1:26379,'], ['s1:abc'], ['s1:0'], ['s1:70000']])('refuses %s naming REDIS_SENTINELS', (value) => {
    expect(() => parseRedisSentinels(value)).toThrow(ConfigError);
    expect(() => parseRedisSentinels(value)).toThrow(/REDIS_SENTINELS/);
  });
});

describe('redisTargetFromEnv', () => {
  const url = 'redis://127.0.0.1:6379';
  it.each<[string, RedisTargetEnv, RedisTarget]>([
    ['REDIS_URL alone', { REDIS_URL: url }, { url }],
    ['both sentinel variables', { REDIS_URL: url, REDIS_SENTINELS: 's1:26379,s2:26379', REDIS_SENTINEL_NAME: 'brygga' }, { url, sentinel: { sentinels: [{ host: 's1', port: 26379 }, { host: 's2', port: 26379 }], name: 'brygga', password: undefined } }],
    ['with the sentinels\' password', { REDIS_URL: url, REDIS_SENTINELS: 's1:26379', REDIS_SENTINEL_NAME: 'brygga', REDIS_SENTINEL_PASSWORD: 'pw' }, { url, sentinel: { sentinels: [{ host: 's1', port: 26379 }], name: 'brygga', password: 'pw' } }],
  ])('%s', (_what, env, expected) => {
    expect(redisTargetFromEnv(env)).toEqual(expected);
  });

  it.each<[string, Partial<RedisTargetEnv>, RegExp]>([
    ['sentinels without a name', { REDIS_SENTINELS: 's1:26379' }, /REDIS_SENTINEL_NAME is required with REDIS_SENTINELS/],
    ['a name without sentinels', { REDIS_SENTINEL_NAME: 'brygga' }, /REDIS_SENTINELS is required with REDIS_SENTINEL_NAME/],
    ['a sentinel password alone', { REDIS_SENTINEL_PASSWORD: 'pw' }, /REDIS_SENTINEL_PASSWORD is set but REDIS_SENTINELS is not/],
    ['a malformed name', { REDIS_SENTINELS: 's1:26379', REDIS_SENTINEL_NAME: 'my master' }, /REDIS_SENTINEL_NAME must be/],
    ['a malformed list', { REDIS_SENTINELS: 's1', REDIS_SENTINEL_NAME: 'brygga' }, /REDIS_SENTINELS must be host:port/],
  ])('refuses %s, naming the variable', (_what, env, message) => {
    expect(() => redisTargetFromEnv({ REDIS_URL: url, ...env })).toThrow(ConfigError);
    expect(() => redisTargetFromEnv({ REDIS_URL: url, ...env })).toThrow(message);
  });
});

describe('describeRedisTarget', () => {
  it('names the variables to look at and never the password', () => {
    expect(describeRedisTarget({ url: URL_ONLY })).toBe('Redis at redis:6379/2 (REDIS_URL)');
    const viaSentinels = describeRedisTarget({ url: URL_ONLY, sentinel: { ...SENTINELS, password: 'sentinel-secret' } });
    expect(viaSentinels).toBe("the master 'brygga' of the sentinels s1:26379,s2:26380 (REDIS_SENTINELS, REDIS_SENTINEL_NAME)");
    expect(viaSentinels).not.toMatch(/secret/);
  });
});
