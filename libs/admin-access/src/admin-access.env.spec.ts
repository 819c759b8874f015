import { ConfigError, redactConfig, validateEnv } from '@brygga/config';
import { hashAdminToken } from './admin-token.hash';
import { AdminAccessEnv, readAdminAccessConfig } from './admin-access.env';

describe('readAdminAccessConfig', () => {
  it('keeps audit entries 30 days and gives the demo tokens by default', () => {
    const config = readAdminAccessConfig({});
    expect(config.auditRetentionDays).toBe(30);
    expect(config.tokens.map((t) => t.name)).toEqual(['demo-viewer', 'demo-operator', 'demo-admin']);
  });

  it('takes the journal retention', () => {
    expect(readAdminAccessConfig({ JOURNAL_RETENTION_DAYS: '90' }).auditRetentionDays).toBe(90);
  });

  it.each([['0'], ['3651'], ['2.5'], ['thirty']])('refuses JOURNAL_RETENTION_DAYS=%s, naming it', (days) => {
    expect(() => readAdminAccessConfig({ JOURNAL_RETENTION_DAYS: days })).toThrow(/JOURNAL_RETENTION_DAYS/);
  });

  it('refuses the demo tokens in production with a boot error', () => {
    expect(() => readAdminAccessConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => readAdminAccessConfig({ NODE_ENV: 'production' })).toThrow(/neither is set.*NODE_ENV=production/);
  });

  it('accepts configured tokens in production', () => {
    const tokens = [{ name: 'ops', role: 'operator', hash: hashAdminToken('x') }];
    expect(readAdminAccessConfig({ NODE_ENV: 'production', ADMIN_TOKENS: JSON.stringify(tokens) }).tokens).toEqual(tokens);
  });

  it('redacts ADMIN_TOKENS when the config is shown', () => {
    const env = validateEnv(AdminAccessEnv, { ADMIN_TOKENS: '[]', ADMIN_TOKENS_FILE: undefined });
    expect(redactConfig(env)).toMatchObject({ ADMIN_TOKENS: '***', JOURNAL_RETENTION_DAYS: 30 });
  });
});
