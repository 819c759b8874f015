import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import axios, { AxiosInstance } from 'axios';
import Redis from 'ioredis';
import { deletePrefix, freePort } from '@brygga/testing';
import { sleep } from './bench-result';
import { middlewareEnvFor } from '../test/support/simulator-stack';
import { MIDDLEWARE_NODE_OPTIONS } from '../apps/middleware/src/node-options';
import { BENCH_TOKENS } from './bench-stack';
import { drained, peakRssMb, processCpuSeconds, spawnNode, stopChild } from './child-process';

export interface ProcessStack {
  middleware: string;
  /** Every API process's base URL (the first is `middleware`); a sender spreads its pushes over them as a load balancer would. */
  apis: string[];
  caseSystem: string;
  planningTool: string;
  http: AxiosInstance;
  /** The middleware's QUEUE_PREFIX, deleted on close. */
  prefix: string;
  /** CPU seconds (user + system) each process has used so far, by role: where a load's cost went. */
  cpuSeconds(): Record<string, number>;
  /** Peak resident set (VmHWM) of each process so far, in MiB, by role. */
  peakRssMb(): Record<string, number>;
  /** Each process's id, by role. */
  pids(): Record<string, number>;
  /** Sends a signal to the process of a role (the profiler preload's SIGUSR2). */
  signal(role: string, signal: NodeJS.Signals): void;
  close(): Promise<void>;
}

const COMPILED = join(__dirname, '..', 'apps');

/**
 * The production shape, for figures that are about processes: the simulators in one
 * process, the middleware's API (ROLE=api) in another and its workers (ROLE=worker) in
 * more, each its own event loop, all from the compiled JavaScript. What one process does
 * then does not count against another, as it does in the one-process stack.
 */
export async function startProcessStack(options: {
  workers: number;
  apiEnv?: NodeJS.ProcessEnv;
  env?: NodeJS.ProcessEnv;
  /** Another compiled tree's `apps` directory (a before/after comparison); this tree's by default. */
  apps?: string;
  /** API processes (ROLE=api), each on its own port; 1 by default. */
  apiProcesses?: number;
  /** WORKER_NICE for the workers; the middleware's own default (0) when not given. */
  workerNice?: number;
}): Promise<ProcessStack> {
  const compiled = options.apps ?? COMPILED;
  const middlewareMain = join(compiled, 'middleware', 'src', 'main.js');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl);
  const prefix = `brygga-bench:${randomUUID().slice(0, 8)}`;
  const children: ChildProcess[] = [];
  const roles: string[] = [];
  const http = axios.create({ timeout: 120_000, validateStatus: () => true });
  const close = async (): Promise<void> => {
    await Promise.all(children.map(stopChild));
    await deletePrefix(redis, prefix);
    redis.disconnect();
  };
  try {
    roles.push('simulators');
    const sims = spawnNode(join(COMPILED, 'simulators', 'src', 'main.js'), { SIMULATORS: 'all', NO_COLOR: '1', CASE_SYSTEM_SIM_PORT: '0', PLANNING_TOOL_SIM_PORT: '0', SCHEDULING_SYSTEM_SIM_PORT: '0' }, children);
    const urls = await simulatorUrls(sims);
    const env = {
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      CUSTOMER_ID_KEY: BENCH_TOKENS.customerIdKey,
      // As the Docker image and `npm start` run it; `env` may set its own, as an operator's NODE_OPTIONS would.
      NODE_OPTIONS: MIDDLEWARE_NODE_OPTIONS,
      ...middlewareEnvFor({ caseSystem: urls['case-system'], planningTool: urls['planning-tool'], schedulingSystem: urls['scheduling-system'] }),
      ...options.env,
    };
    const apiPorts: number[] = [];
    for (let i = 0; i < (options.apiProcesses ?? 1); i++) {
      apiPorts.push(await freePort());
      roles.push(i === 0 ? 'api' : `api ${i + 1}`);
      drained(spawnNode(middlewareMain, { ...env, ...options.apiEnv, ROLE: 'api', PORT: String(apiPorts[i]) }, children));
    }
    const workerPorts: number[] = [];
    for (let i = 0; i < options.workers; i++) {
      workerPorts.push(await freePort());
      roles.push(`worker ${i + 1}`);
      drained(spawnNode(middlewareMain, { ...env, ROLE: 'worker', PORT: String(workerPorts[i]), ...(options.workerNice !== undefined && { WORKER_NICE: String(options.workerNice) }) }, children));
    }
    await Promise.all([...apiPorts, ...workerPorts].map((port) => ready(http, `http://127.0.0.1:${port}`)));
    const apis = apiPorts.map((port) => `http://127.0.0.1:${port}`);
    const byRole = (read: (pid: number | undefined) => number) => (): Record<string, number> => Object.fromEntries(children.map((c, i) => [roles[i], read(c.pid)]));
    return {
      middleware: apis[0],
      apis,
      caseSystem: urls['case-system'],
      planningTool: urls['planning-tool'],
      http,
      prefix,
      cpuSeconds: byRole(processCpuSeconds),
      peakRssMb: byRole(peakRssMb),
      pids: byRole((pid) => pid ?? 0),
      signal: (role, signal) => children[roles.indexOf(role)]?.kill(signal),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The simulators print `<name> simulator listening on <url>`, one line each. */
function simulatorUrls(child: ChildProcess): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const urls: Record<string, string> = {};
    let out = '';
    const timer = setTimeout(() => reject(new Error('simulators did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`simulators exited ${code} before listening`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      for (const m of out.matchAll(/(case-system|planning-tool|scheduling-system) simulator listening on (http:\/\/\S+)/g)) urls[m[1]] = m[2];
      if (Object.keys(urls).length === 3) {
        clearTimeout(timer);
        child.stdout?.resume();
        resolve(urls);
      }
    });
  });
}

async function ready(http: AxiosInstance, base: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const status = await http.get(`${base}/health/ready`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await sleep(100);
  }
  throw new Error(`${base} not ready within 60 s`);
}


