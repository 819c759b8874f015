import { ConfigError, redactConfig, validateEnv } from '@brygga/config';
import { hashAdminToken } from '@brygga/admin-access';
import { toMiddlewareConfig } from './middleware.config';
import { MiddlewareEnv } from './middleware.env';

const configOf = (env: NodeJS.ProcessEnv) => toMiddlewareConfig(validateEnv(MiddlewareEnv, env));

const PRODUCTION_SECRETS = {
  NODE_ENV: 'production',
  CUSTOMER_ID_KEY: 'a-production-customer-key',
  CASE_SYSTEM_INBOUND_TOKEN: 'prod-case-push',
  CASE_SYSTEM_TOKEN: 'prod-case-feed',
  SCHEDULING_SYSTEM_INBOUND_TOKEN: 'prod-schedule-push',
  SCHEDULING_SYSTEM_TOKEN: 'prod-schedule-api',
  DATA_ENCRYPTION_KEY: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
};

describe('the middleware config: admin access', () => {
  it('gives the three demo tokens and a 30-day journal by default', () => {
    const { admin } = configOf({});
    expect(admin.tokens.map((t) => [t.name, t.role])).toEqual([
      ['demo-viewer', 'viewer'],
      ['demo-operator', 'operator'],
      ['demo-admin', 'admin'],
    ]);
    expect(admin.auditRetentionDays).toBe(30);
  });

  it('takes ADMIN_TOKENS and JOURNAL_RETENTION_DAYS', () => {
    const tokens = [{ name: 'ops-anna', role: 'operator', hash: hashAdminToken('a-token-of-anna') }];
    expect(configOf({ ADMIN_TOKENS: JSON.stringify(tokens), JOURNAL_RETENTION_DAYS: '90' }).admin).toEqual({ tokens, auditRetentionDays: 90 });
  });

  it('refuses to boot in production without admin tokens of its own, naming both variables', () => {
    expect(() => configOf(PRODUCTION_SECRETS)).toThrow(ConfigError);
    expect(() => configOf(PRODUCTION_SECRETS)).toThrow(/ADMIN_TOKENS_FILE, ADMIN_TOKENS: neither is set.*NODE_ENV=production/);
  });

  it('refuses a bad JOURNAL_RETENTION_DAYS naming it', () => {
    expect(() => configOf({ JOURNAL_RETENTION_DAYS: '0' })).toThrow(/JOURNAL_RETENTION_DAYS/);
  });

  it('no longer reads ADMIN_TOKEN: the single shared token is gone', () => {
    expect(configOf({ ADMIN_TOKEN: 'an-old-shared-token' })).not.toHaveProperty('adminToken');
  });
});

describe('the middleware config: the data keys', () => {
  it('seals under the demo key by default, under the first key given otherwise; the key is redacted from the logged settings', () => {
    expect(configOf({}).dataKeys.current.id).toBe('demo-1');
    const config = configOf({ DATA_ENCRYPTION_KEY: `k2:${Buffer.alloc(32, 2).toString('hex')},k1:${Buffer.alloc(32, 1).toString('base64')}` });
    expect([...config.dataKeys.byId.keys()]).toEqual(['k2', 'k1']);
    expect(redactConfig(config.env).DATA_ENCRYPTION_KEY).toBe('***');
  });

  it('refuses to boot on a malformed key or on the demo key in production, naming the variable', () => {
    expect(() => configOf({ DATA_ENCRYPTION_KEY: 'k1:short' })).toThrow(/DATA_ENCRYPTION_KEY: entry 1 \(id k1\): the key must be 32 bytes/);
    const { DATA_ENCRYPTION_KEY: _set, ...withoutKey } = PRODUCTION_SECRETS;
    expect(() => configOf({ ...withoutKey, ADMIN_TOKENS: '[]' })).toThrow(/DATA_ENCRYPTION_KEY: neither it nor DATA_ENCRYPTION_KEY_FILE is set/);
  });
});

describe('the middleware config: Redis through sentinels', () => {
  it('REDIS_URL alone by default; with REDIS_SENTINELS and REDIS_SENTINEL_NAME the group\'s master, its password redacted', () => {
    expect(configOf({}).redis.target).toEqual({ url: 'redis://127.0.0.1:6379' });
    const config = configOf({ REDIS_SENTINELS: 's1:26379,s2:26379,s3:26379', REDIS_SENTINEL_NAME: 'brygga', REDIS_SENTINEL_PASSWORD: 'a-sentinel-secret' });
    expect(config.redis.target.sentinel).toEqual({ sentinels: ['s1', 's2', 's3'].map((host) => ({ host, port: 26379 })), name: 'brygga', password: 'a-sentinel-secret' });
    expect(redactConfig(config.env).REDIS_SENTINEL_PASSWORD).toBe('***');
  });

  it.each<[NodeJS.ProcessEnv, RegExp]>([
    [{ REDIS_SENTINELS: 's1', REDIS_SENTINEL_NAME: 'brygga' }, /REDIS_SENTINELS must be host:port/],
    [{ REDIS_SENTINELS: 's1:26379', REDIS_SENTINEL_NAME: 'two words' }, /REDIS_SENTINEL_NAME must be/],
    [{ REDIS_SENTINELS: 's1:26379' }, /REDIS_SENTINEL_NAME is required with REDIS_SENTINELS/],
    [{ REDIS_SENTINEL_NAME: 'brygga' }, /REDIS_SENTINELS is required with REDIS_SENTINEL_NAME/],
  ])('refuses to boot on %j, naming the variable', (env, message) => {
    expect(() => configOf(env)).toThrow(ConfigError);
    expect(() => configOf(env)).toThrow(message);
  });
});

describe('the middleware config: the worker role\'s CPU priority (WORKER_NICE)', () => {
  it.each([
    [{ ROLE: 'worker' }, 0],
    [{ ROLE: 'worker', WORKER_NICE: '10' }, 10],
    [{ ROLE: 'worker', WORKER_NICE: '19' }, 19],
    [{ ROLE: 'worker', WORKER_NICE: '0' }, 0],
    // The process that also answers pushes keeps its priority.
    [{ ROLE: 'all', WORKER_NICE: '19' }, 0],
    [{ ROLE: 'api' }, 0],
  ])('%j runs its workers at nice %d', (env, nice) => {
    expect(configOf(env).workers.nice).toBe(nice);
  });

  it.each(['-1', '20', 'high'])('refuses WORKER_NICE=%s naming it', (value) => {
    expect(() => configOf({ ROLE: 'worker', WORKER_NICE: value })).toThrow(/WORKER_NICE/);
  });
});
