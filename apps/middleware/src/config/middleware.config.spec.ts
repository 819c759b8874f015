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
