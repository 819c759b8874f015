import { ConfigError, validateEnv } from '@brygga/config';
import { toMiddlewareConfig } from './middleware.config';
import { MiddlewareEnv } from './middleware.env';

const configOf = (env: NodeJS.ProcessEnv) => toMiddlewareConfig(validateEnv(MiddlewareEnv, env));

describe('the middleware config: tenant circuit breakers', () => {
  it('opens after 5 failures within 60 s, probes after 5 s doubling to 300 s, the probe lock outliving a request', () => {
    expect(configOf({}).tenantBreaker).toEqual({ failures: 5, windowMs: 60_000, minProbeMs: 5_000, maxProbeMs: 300_000, probeLockMs: 15_000 });
  });

  it('takes TENANT_BREAKER_* and PLANNING_TIMEOUT_MS', () => {
    const env = { TENANT_BREAKER_FAILURES: '3', TENANT_BREAKER_WINDOW_SECONDS: '30', TENANT_BREAKER_MIN_PROBE_SECONDS: '2', TENANT_BREAKER_MAX_PROBE_SECONDS: '60', PLANNING_TIMEOUT_MS: '30000' };
    expect(configOf(env).tenantBreaker).toEqual({ failures: 3, windowMs: 30_000, minProbeMs: 2_000, maxProbeMs: 60_000, probeLockMs: 35_000 });
  });

  it.each([
    [{ TENANT_BREAKER_FAILURES: '0' }, /TENANT_BREAKER_FAILURES/],
    [{ TENANT_BREAKER_MAX_PROBE_SECONDS: 'often' }, /TENANT_BREAKER_MAX_PROBE_SECONDS/],
    [{ TENANT_BREAKER_MIN_PROBE_SECONDS: '10', TENANT_BREAKER_MAX_PROBE_SECONDS: '5' }, /TENANT_BREAKER_MAX_PROBE_SECONDS \(5\) must be at least TENANT_BREAKER_MIN_PROBE_SECONDS \(10\)/],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => configOf(env)).toThrow(ConfigError);
    expect(() => configOf(env)).toThrow(message);
  });
});
