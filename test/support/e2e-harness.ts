import axios, { AxiosInstance } from 'axios';
import Redis from 'ioredis';
import type { INestApplication } from '@nestjs/common';
import { deletePrefix, eventually, listenLocal, serverPerSpecFile, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';

// Specs import it from here, beside the harness they wait on.
export { eventually };
import { createMiddlewareApp } from '../../apps/middleware/src/create-middleware-app';
import { DEMO_TOKENS, middlewareEnvFor, startLocalSimulators } from './simulator-stack';

export const TOKENS = DEMO_TOKENS;
export const ADMIN = { Authorization: `Bearer ${TOKENS.admin}` };
export const OPERATOR = { Authorization: `Bearer ${TOKENS.operator}` };
export const VIEWER = { Authorization: `Bearer ${TOKENS.viewer}` };
/** The date the e2e examples are written for (BRYGGA_TODAY). */
export const TODAY = { BRYGGA_TODAY: '2026-11-23' };

export interface Harness {
  middleware: string;
  caseSystem: string;
  planningTool: string;
  schedulingSystem: string;
  http: AxiosInstance;
  prefix: string;
  redis: Redis;
  /** Starts (or restarts) the middleware with extra env on top of the harness's. */
  startMiddleware(extraEnv?: NodeJS.ProcessEnv): Promise<void>;
  /** A middleware with no memory: new queue prefix (the old one deleted), empty planning tool. */
  fresh(extraEnv?: NodeJS.ProcessEnv): Promise<void>;
  stopMiddleware(): Promise<void>;
  /** Another middleware process-equivalent on the same Redis prefix (e.g. ROLE=worker); closed by close(). */
  startAnother(extraEnv: NodeJS.ProcessEnv): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real thing in one process: the three simulators and the middleware (ROLE=all)
 * on ports of their own, talking HTTP, against the real Redis under a unique prefix.
 */
export async function startHarness(env: NodeJS.ProcessEnv = {}): Promise<Harness> {
  const redis = new Redis(TEST_REDIS_URL);
  const sims = await startLocalSimulators();
  const { caseSystem, planningTool, schedulingSystem } = sims;
  let middlewareApp: INestApplication | undefined;
  const others: INestApplication[] = [];
  const createApp = async (extraEnv: NodeJS.ProcessEnv): Promise<INestApplication> => {
    const { app } = await createMiddlewareApp(
      {
        NODE_ENV: 'test',
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: harness.prefix,
        ...middlewareEnvFor(sims),
        RETRY_BASE_DELAY_MS: '100',
        ...env,
        ...extraEnv,
      },
      { logger: false },
    );
    return app;
  };
  const harness: Harness = {
    middleware: '',
    caseSystem,
    planningTool,
    schedulingSystem,
    prefix: uniquePrefix('e2e'),
    redis,
    http: axios.create({ validateStatus: () => true }),
    async startMiddleware(extraEnv: NodeJS.ProcessEnv = {}) {
      await harness.stopMiddleware();
      middlewareApp = await createApp(extraEnv);
      harness.middleware = await listenLocal(middlewareApp);
    },
    async startAnother(extraEnv: NodeJS.ProcessEnv) {
      const app = await createApp(extraEnv);
      others.push(app);
      return listenLocal(app);
    },
    async fresh(extraEnv: NodeJS.ProcessEnv = {}) {
      await harness.stopMiddleware();
      await deletePrefix(redis, harness.prefix);
      harness.prefix = uniquePrefix('e2e');
      await harness.http.delete(`${planningTool}/_sim`);
      await harness.startMiddleware(extraEnv);
    },
    async stopMiddleware() {
      await Promise.all(others.splice(0).map((a) => a.close()));
      await middlewareApp?.close();
      middlewareApp = undefined;
    },
    async close() {
      await harness.stopMiddleware();
      await sims.close();
      await deletePrefix(redis, harness.prefix);
      redis.disconnect();
    },
  };
  await harness.startMiddleware();
  return harness;
}

/**
 * One harness for the whole spec file (call it inside `describe`): started before its
 * tests, closed after them. Until it starts, reading it throws (see serverPerSpecFile).
 */
export function harnessPerSpecFile(env: NodeJS.ProcessEnv = {}): Harness {
  return serverPerSpecFile({ start: () => startHarness(env), stop: (h) => h.close() });
}


/** Waits until the middleware's queues are idle (nothing waiting, active or delayed); answers their counts. */
export async function drained(h: Harness, timeoutMs = 60_000): Promise<Record<string, Record<string, number | boolean>>> {
  return eventually(async () => {
    const queues = await queueCounts(h);
    // The scheduler queue always holds the next tick of its repeating jobs as delayed.
    const busy = Object.entries(queues).some(([name, c]) => c.waiting + c.active + (name === 'scheduler' ? 0 : c.delayed) + c.prioritized > 0);
    return busy ? undefined : queues;
  }, 'the queues to drain', timeoutMs);
}

/** Each queue's counts (`GET /admin/api/queues`). */
export async function queueCounts(h: Harness): Promise<Record<string, { waiting: number; active: number; delayed: number; failed: number; completed: number; prioritized: number; paused: boolean }>> {
  const res = await h.http.get(`${h.middleware}/admin/api/queues`, { headers: VIEWER });
  if (res.status !== 200) throw new Error(`GET /admin/api/queues answered ${res.status}`);
  return res.data.queues;
}

/** One flow's counters (`GET /admin/api/flows`). */
export async function flowCounters(h: Harness, flow: 'interventions' | 'schedules'): Promise<Record<string, number>> {
  const res = await h.http.get(`${h.middleware}/admin/api/flows`, { headers: VIEWER });
  if (res.status !== 200) throw new Error(`GET /admin/api/flows answered ${res.status}`);
  return res.data.flows[flow] ?? {};
}

/** Every quarantined entry of a flow (`GET /admin/api/quarantine`, all pages). */
export async function quarantined(h: Harness, flow: 'interventions' | 'schedules'): Promise<Array<{ id: string; ref: string; version?: number; reasons: Array<{ code: string; path?: string; text: string }>; requeueable: boolean }>> {
  const items = [];
  let cursor: string | undefined;
  do {
    const res = await h.http.get(`${h.middleware}/admin/api/quarantine`, { headers: VIEWER, params: { flow, limit: 200, cursor } });
    if (res.status !== 200) throw new Error(`GET /admin/api/quarantine answered ${res.status}`);
    items.push(...res.data.items);
    cursor = res.data.next;
  } while (cursor);
  return items;
}

/** Pushes an export to the middleware as the case system does; answers the status. */
export async function pushCaseExport(h: Harness, body: Buffer): Promise<number> {
  const res = await h.http.post(`${h.middleware}/inbound/case-system`, body, {
    headers: { Authorization: `Bearer ${TOKENS.caseInbound}`, 'Content-Type': 'application/xml' },
    transformRequest: (d) => d,
  });
  return res.status;
}
