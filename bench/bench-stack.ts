import { randomUUID } from 'node:crypto';
import axios, { AxiosInstance } from 'axios';
import Redis from 'ioredis';
import type { INestApplication } from '@nestjs/common';
import { deletePrefix, listenLocal } from '@brygga/testing';
import { createMiddlewareApp } from '../apps/middleware/src/create-middleware-app';
import { DEMO_TOKENS, middlewareEnvFor, startLocalSimulators } from '../test/support/simulator-stack';

/** The demo tokens, and a customer id key of the benchmarks' own. */
export const BENCH_TOKENS = { ...DEMO_TOKENS, customerIdKey: 'brygga-bench-customer-id-key' };

export interface BenchStack {
  middleware: string;
  caseSystem: string;
  planningTool: string;
  http: AxiosInstance;
  /** The queue prefix the middleware runs under now (changed by `fresh`). */
  readonly prefix: string;
  /** A middleware with no memory: the old queue prefix deleted, a new one, every simulator emptied. */
  fresh(): Promise<void>;
  close(): Promise<void>;
}

/**
 * What test/support/e2e-harness.ts builds, for speed: the three simulators and the
 * middleware (ROLE=all) in this process, over HTTP on 127.0.0.1, against the real Redis
 * under a unique prefix that is deleted afterwards. The feed is polled every second,
 * as a production install would be configured for low latency.
 */
export async function startBenchStack(): Promise<BenchStack> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl);
  const sims = await startLocalSimulators();
  const { caseSystem, planningTool } = sims;
  const http = axios.create({ timeout: 120_000 });
  let prefix = newPrefix();
  let app: INestApplication | undefined;

  const start = async (): Promise<string> => {
    const created = await createMiddlewareApp(
      {
        NODE_ENV: 'development',
        ROLE: 'all',
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: prefix,
        CUSTOMER_ID_KEY: BENCH_TOKENS.customerIdKey,
        ...middlewareEnvFor(sims),
        CASE_SYSTEM_POLL_SECONDS: '1',
        MAPPING_RULES_FILE: process.env.MAPPING_RULES_FILE ?? 'config/mapping-rules.yaml',
      },
      { logger: false },
    );
    app = created.app;
    return listenLocal(created.app);
  };
  const stop = async (): Promise<void> => {
    await app?.close();
    app = undefined;
  };

  const stack: BenchStack = {
    middleware: await start(),
    caseSystem,
    planningTool,
    http,
    get prefix() {
      return prefix;
    },
    async fresh() {
      await stop();
      await deletePrefix(redis, prefix);
      prefix = newPrefix();
      await http.delete(`${caseSystem}/_sim`);
      await http.delete(`${planningTool}/_sim`);
      stack.middleware = await start();
    },
    async close() {
      await stop();
      await sims.close();
      await deletePrefix(redis, prefix);
      redis.disconnect();
    },
  };
  return stack;
}

function newPrefix(): string {
  return `brygga-bench:${randomUUID().slice(0, 8)}`;
}
