import axios from 'axios';
import Redis from 'ioredis';
import type { INestApplication } from '@nestjs/common';
import { kernelKeys, TenantHealthStore } from '@brygga/flow-kernel';
import { QueueName } from '@brygga/queue';
import { deletePrefix, listenLocal, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { createMiddlewareApp } from '../apps/middleware/src/create-middleware-app';
import { startRedisBlackholeProxy } from './support/redis-blackhole.proxy';

const http = axios.create({ validateStatus: () => true });
/** The rules file's tenants take their tokens from these; the middleware has no default for them. */
const TENANT_TOKENS = { PLANNING_TOKEN_KOMMUNEN: 'kommunen-token', PLANNING_TOKEN_OMSORGSHUSET: 'omsorgshuset-token' };
const NO_POLLS = { CASE_SYSTEM_POLL_SECONDS: '0', SCHEDULING_POLL_SECONDS: '0' };

/** Polls until `check` gives a value; generous, as machines are slow. */
async function until<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

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
    const url = await start({ ROLE: role, ...NO_POLLS });
    expect((await http.get(`${url}/health/live`)).data).toEqual({ status: 'ok' });
    const ready = await http.get(`${url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.data).toMatchObject({ status: 'ok', role, info: { redis: { status: 'up' } }, error: {} });
    // No planning request made yet: each tenant of the rules is unknown, and that is no reason to be unready.
    expect(ready.data.info.tenants).toEqual({
      status: 'up',
      tenants: { kommunen: { reachability: 'unknown', errorRate: null }, omsorgshuset: { reachability: 'unknown', errorRate: null } },
    });
    if (role === 'api') {
      expect(ready.data.info.workers).toBeUndefined();
    } else {
      expect(ready.data.info.workers).toMatchObject({ status: 'up', staleAfterMs: 30_000 });
      expect(Object.keys(ready.data.info.workers.heartbeats).sort()).toEqual([QueueName.Assignments, QueueName.ScheduleDocuments, QueueName.Scheduler, QueueName.Operations].sort());
    }
  });

  it("a failing tenant is a detail of ready (degraded), never not-ready", async () => {
    const url = await start({ ROLE: 'api' });
    const redis = new Redis(TEST_REDIS_URL);
    try {
      await new TenantHealthStore(redis, kernelKeys(prefix)).record({ tenant: 'kommunen', outcome: '5xx', status: 503 });
    } finally {
      redis.disconnect();
    }
    const ready = await http.get(`${url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.data).toMatchObject({ status: 'degraded', info: { redis: { status: 'up' } } });
    expect(JSON.stringify(ready.data)).toContain('"failing":["kommunen"]');
    expect(JSON.stringify(ready.data)).toContain('"kommunen":{"reachability":"failing","errorRate":1,"lastErrorCode":"503"}');
  });

  it('ROLE=worker: a worker whose blocking connection goes silent is not ready, naming its queue, and ready again once it answers', async () => {
    const { hostname, port } = new URL(TEST_REDIS_URL);
    const proxy = await startRedisBlackholeProxy({ host: hostname, port: Number(port || 6379) });
    try {
      const url = await start({ ROLE: 'worker', REDIS_URL: proxy.url, ...NO_POLLS, WORKER_HEARTBEAT_INTERVAL_MS: '200', WORKER_HEARTBEAT_STALE_MS: '12000' });
      expect((await http.get(`${url}/health/ready`)).status).toBe(200);
      // BullMQ names each worker's blocking connection `<prefix>:<base64 of the queue>`.
      proxy.blackhole(`${prefix}:${Buffer.from(QueueName.Assignments).toString('base64')}`);
      expect(proxy.silenced()).toBe(1);

      const down = await until(async () => {
        const res = await http.get(`${url}/health/ready`);
        return res.status === 503 ? res : undefined;
      }, 'ready to turn 503');
      expect(down.headers['content-type']).toMatch(/^application\/json/);
      expect(down.data).toMatchObject({
        status: 'error',
        role: 'worker',
        info: { redis: { status: 'up' } },
        error: { workers: { status: 'down', stale: [QueueName.Assignments], staleAfterMs: 12_000 } },
      });
      expect(down.data.error.workers.message).toMatch(/no heartbeat within 12000 ms from the assignments worker/);
      // The process itself still answers: a restart is the orchestrator's call, on readiness.
      expect((await http.get(`${url}/health/live`)).status).toBe(200);

      proxy.heal();
      const up = await until(async () => {
        const res = await http.get(`${url}/health/ready`);
        return res.status === 200 ? res : undefined;
      }, 'ready to turn 200 again');
      expect(up.data.info.workers.status).toBe('up');
    } finally {
      await app?.close();
      app = undefined;
      await proxy.close();
    }
  }, 120_000);

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
