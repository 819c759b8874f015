import axios from 'axios';
import Redis from 'ioredis';
import type { INestApplication } from '@nestjs/common';
import { deletePrefix, listenLocal, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { createMiddlewareApp } from '../apps/middleware/src/create-middleware-app';

const http = axios.create({ validateStatus: () => true });
/** The rules file's tenants take their tokens from these; the middleware has no default for them. */
const TENANT_TOKENS = { PLANNING_TOKEN_KOMMUNEN: 'kommunen-token', PLANNING_TOKEN_OMSORGSHUSET: 'omsorgshuset-token' };

describe('middleware boot, health and shutdown (real Redis)', () => {
  const prefix = uniquePrefix('health');
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    const redis = new Redis(TEST_REDIS_URL);
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  async function start(env: NodeJS.ProcessEnv): Promise<string> {
    ({ app } = await createMiddlewareApp({ REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, PORT: '0', ...TENANT_TOKENS, ...env }, { logger: false }));
    return listenLocal(app);
  }

  it.each(['api', 'worker', 'all'])('ROLE=%s is live and ready when Redis answers', async (role) => {
    const url = await start({ ROLE: role, CASE_SYSTEM_POLL_SECONDS: '0', SCHEDULING_POLL_SECONDS: '0' });
    expect((await http.get(`${url}/health/live`)).data).toEqual({ status: 'ok' });
    const ready = await http.get(`${url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.data).toMatchObject({ status: 'ready', role, redis: 'up' });
    expect(ready.data.workers).toBe(role === 'api' ? 'not in this role' : 'running');
  });

  it('honours the database index of REDIS_URL', async () => {
    const url = await start({ ROLE: 'api', REDIS_URL: `${TEST_REDIS_URL}/3` });
    expect((await http.get(`${url}/health/ready`)).status).toBe(200);
    const probe = new Redis(TEST_REDIS_URL);
    try {
      expect(String(await probe.client('LIST'))).toMatch(/name=brygga-api .*db=3/);
    } finally {
      probe.disconnect();
    }
  });

  it('refuses to boot with a bad variable, naming it', async () => {
    await expect(createMiddlewareApp({ ROLE: 'both', PORT: 'x' }, { logger: false })).rejects.toThrow(/ROLE must be one of api, worker, all[\s\S]*PORT/);
  });

  it('refuses to boot when Redis does not answer', async () => {
    await expect(
      createMiddlewareApp({ ROLE: 'api', REDIS_URL: 'redis://127.0.0.1:1', QUEUE_PREFIX: prefix, ...TENANT_TOKENS }, { logger: false }),
    ).rejects.toThrow(/Redis at 127.0.0.1:1 \(REDIS_URL\) did not answer/);
  });

  it('refuses to boot when a tenant of the rules file has no token, naming the variable, the tenant and the file', async () => {
    await expect(
      createMiddlewareApp({ ROLE: 'api', REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, PLANNING_TOKEN_KOMMUNEN: 'kommunen-token' }, { logger: false }),
    ).rejects.toThrow("PLANNING_TOKEN_OMSORGSHUSET is required by planning tenant 'omsorgshuset' in config/mapping-rules.yaml, but it is not set");
  });

  it('refuses demo secrets when NODE_ENV=production', async () => {
    await expect(createMiddlewareApp({ NODE_ENV: 'production' }, { logger: false })).rejects.toThrow(/CASE_SYSTEM_INBOUND_TOKEN: still the documented demo value/);
  });
});
