import { IsIn } from 'class-validator';
import { IntSetting, SecretToken } from './env-setting.decorators';
import { ConfigError, redactConfig, validateEnv } from './env.validation';
import { redisOptionsFromUrl } from './redis-url';

class SampleEnv {
  @IsIn(['api', 'worker', 'all'])
  ROLE: 'api' | 'worker' | 'all' = 'all';

  @IntSetting(1, 65535)
  PORT = 3000;

  @SecretToken('demo-token')
  TOKEN!: string;
}

describe('validateEnv', () => {
  it('applies defaults and demo defaults', () => {
    const env = validateEnv(SampleEnv, {});
    expect(env).toMatchObject({ ROLE: 'all', PORT: 3000, TOKEN: 'demo-token' });
  });

  it('converts numbers from strings', () => {
    expect(validateEnv(SampleEnv, { PORT: '8080' }).PORT).toBe(8080);
  });

  it('names every wrong variable and never echoes values', () => {
    let error: unknown;
    try {
      validateEnv(SampleEnv, { ROLE: 'both', PORT: '99999', TOKEN: 'x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/ROLE/);
    expect(message).toMatch(/PORT/);
    expect(message).not.toMatch(/both|99999/);
  });

  it('refuses demo secrets in production, naming the variable', () => {
    expect(() => validateEnv(SampleEnv, { NODE_ENV: 'production' })).toThrow(/TOKEN: still the documented demo value/);
    expect(validateEnv(SampleEnv, { NODE_ENV: 'production', TOKEN: 'real-secret' }).TOKEN).toBe('real-secret');
  });

  it('redacts secrets', () => {
    const env = validateEnv(SampleEnv, { TOKEN: 'real-secret' });
    expect(redactConfig(env)).toEqual({ ROLE: 'all', PORT: 3000, TOKEN: '***' });
  });

  it('keeps only the variables the class declares, so no other secret of the environment is carried into a logged config', () => {
    const env = validateEnv(SampleEnv, { TOKEN: 'real-secret', PLANNING_TOKEN_KOMMUNEN: 'tenant-secret', PATH: '/usr/bin' });
    expect(redactConfig(env)).toEqual({ ROLE: 'all', PORT: 3000, TOKEN: '***' });
    expect(JSON.stringify(env)).not.toContain('tenant-secret');
  });
});

describe('redisOptionsFromUrl', () => {
  it.each([
    ['redis://127.0.0.1:6379', { host: '127.0.0.1', port: 6379, db: 0 }],
    ['redis://localhost:6380/5', { host: 'localhost', port: 6380, db: 5 }],
    ['redis://:s%40cret@redis:6379/2', { host: 'redis', db: 2, password: 's@cret' }],
  ])('%s', (url, expected) => {
    expect(redisOptionsFromUrl(url)).toMatchObject(expected);
  });

  it('keeps the RESP2 wire protocol and BullMQ\'s unlimited per-request retries', () => {
    expect(redisOptionsFromUrl('redis://127.0.0.1:6379')).toMatchObject({ protocol: 2, maxRetriesPerRequest: null });
  });

  it('rejects other protocols and bad database indexes', () => {
    expect(() => redisOptionsFromUrl('http://x')).toThrow(/REDIS_URL/);
    expect(() => redisOptionsFromUrl('redis://x/abc')).toThrow(/database index/);
  });
});
