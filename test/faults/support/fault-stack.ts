import { mkdir, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import axios from 'axios';
import Redis from 'ioredis';
import { JobProducer } from '@brygga/queue';
import { createCaseSystemSimulator } from '@brygga/sim-case-system';
import { createPlanningToolSimulator } from '@brygga/sim-planning-tool';
import { createSchedulingSystemSimulator } from '@brygga/sim-scheduling-system';
import { deletePrefix, listenLocal, uniquePrefix } from '@brygga/testing';
import { type CapturedProcess, startMiddlewareProcess } from '../../support/captured-processes';
import { hookPlanningAnswer, type PlanningAnswerHook } from './planning-answers';
import { DEMO_TOKENS, middlewareEnvFor, type SimulatorUrls } from '../../support/simulator-stack';

/** One request the planning simulator received: when it arrived, for which tenant, and its answer. */
export interface PlanningRequest {
  at: number;
  tenant: string;
  method: string;
  status?: number;
}

export interface FaultStack extends SimulatorUrls {
  redisUrl: string;
  prefix: string;
  api: CapturedProcess;
  workers: CapturedProcess[];
  /** Every request to the planning simulator, in order of arrival (its own log keeps counts, not times). */
  planningRequests: PlanningRequest[];
  http: ReturnType<typeof axios.create>;
  startWorker(name: string, env?: NodeJS.ProcessEnv): Promise<CapturedProcess>;
  close(): Promise<void>;
}

export interface FaultStackOptions {
  redisUrl: string;
  /** Worker processes beside the API (default 2); 0 with `single` runs one ROLE=all process instead. */
  workers?: number;
  single?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Sees every tenant-API answer of the planning simulator before it goes out, and may hold or change it (planning-answers.ts). */
  planningAnswers?: PlanningAnswerHook;
}

export const http = axios.create({ validateStatus: () => true, timeout: 120_000 });

/**
 * With BRYGGA_FAULTS_LOG_DIR set, every middleware process's lines are written there when its
 * stack closes (`<prefix>-<name>.log`): the logs a slow or failed case is explained by.
 */
async function keepLines(prefix: string, processes: CapturedProcess[]): Promise<void> {
  const dir = process.env.BRYGGA_FAULTS_LOG_DIR;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  await Promise.all(processes.map((p) => writeFile(join(dir, `${prefix}-${p.name}.log`), `${p.lines.join('\n')}\n`)));
}

function compiledMain(): string {
  const main = process.env.BRYGGA_FAULTS_MAIN;
  if (!main) throw new Error('BRYGGA_FAULTS_MAIN is not set: run the fault tests with `npm run test:faults` (jest.faults.config.js compiles the middleware)');
  return main;
}

/**
 * The simulators in this process (their request times observable), the middleware as
 * separate processes from the compiled JavaScript, on a queue prefix of its own. The
 * worker processes poll the case system's feed every second.
 */
export async function startFaultStack(options: FaultStackOptions): Promise<FaultStack> {
  const sims: INestApplication[] = [
    await createCaseSystemSimulator({ feedToken: DEMO_TOKENS.caseFeed, logger: false }),
    await createPlanningToolSimulator({ tenants: { kommunen: DEMO_TOKENS.kommunen, omsorgshuset: DEMO_TOKENS.omsorgshuset }, logger: false }),
    await createSchedulingSystemSimulator({ apiToken: DEMO_TOKENS.scheduleApi, logger: false }),
  ];
  const planningRequests: PlanningRequest[] = [];
  sims[1].getHttpServer().on('request', (req: IncomingMessage, res: ServerResponse) => {
    const tenant = /^\/([^/]+)\/api\//.exec(req.url ?? '')?.[1];
    if (!tenant) return;
    const entry: PlanningRequest = { at: Date.now(), tenant, method: req.method ?? '' };
    planningRequests.push(entry);
    if (options.planningAnswers) hookPlanningAnswer(req, res, tenant, options.planningAnswers);
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
  });
  const [caseSystem, planningTool, schedulingSystem] = await Promise.all(sims.map(listenLocal));
  const urls = { caseSystem, planningTool, schedulingSystem };
  const prefix = uniquePrefix('faults');
  const main = compiledMain();
  const env: NodeJS.ProcessEnv = {
    ...middlewareEnvFor(urls),
    NODE_ENV: 'test',
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'log',
    RETRY_BASE_DELAY_MS: '200',
    ...options.env,
  };
  const workerEnv = { ...env, ROLE: 'worker', CASE_SYSTEM_POLL_SECONDS: '1' };
  const started: CapturedProcess[] = [];
  const stack: FaultStack = {
    ...urls,
    redisUrl: options.redisUrl,
    prefix,
    api: undefined as unknown as CapturedProcess,
    workers: [],
    planningRequests,
    http,
    async startWorker(name, extra = {}) {
      const worker = await startMiddlewareProcess(name, main, { ...workerEnv, ...extra });
      started.push(worker);
      stack.workers.push(worker);
      return worker;
    },
    async close() {
      await Promise.all(started.map((p) => p.stop()));
      await keepLines(prefix, started);
      await Promise.all(sims.map((s) => s.close()));
      const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 });
      await deletePrefix(redis, prefix).catch(() => undefined);
      redis.disconnect();
    },
  };
  try {
    if (options.single) {
      stack.api = await startMiddlewareProcess('all', main, { ...workerEnv, ROLE: 'all' });
      started.push(stack.api);
    } else {
      // Started together (each boot is a few seconds of mostly loading code); the workers are
      // pushed in the order they came up, so `workers[0]` is whichever was ready first.
      const api = startMiddlewareProcess('api', main, { ...env, ROLE: 'api' }).then((p) => {
        started.push(p);
        stack.api = p;
      });
      const workers = Array.from({ length: options.workers ?? 2 }, (_, i) => stack.startWorker(`worker-${i + 1}`));
      const boots = await Promise.allSettled([api, ...workers]);
      const failed = boots.find((b): b is PromiseRejectedResult => b.status === 'rejected');
      if (failed) throw failed.reason;
    }
  } catch (error) {
    await stack.close();
    throw error;
  }
  return stack;
}

/** Waiting, active, prioritized and delayed jobs of every queue (the scheduler's next ticks aside), and failed ones. */
export async function jobCounts(redisUrl: string, prefix: string): Promise<{ busy: number; failed: number; detail: string }> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  const producer = new JobProducer(redis, prefix);
  try {
    let busy = 0;
    let failed = 0;
    const detail: string[] = [];
    for (const queue of producer.allQueues()) {
      const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
      const queueBusy = c.waiting + c.active + c.prioritized + (queue.name === 'scheduler' ? 0 : c.delayed);
      busy += queueBusy;
      failed += c.failed;
      if (queueBusy + c.failed > 0 && queue.name !== 'scheduler') detail.push(`${queue.name} ${c.waiting}w/${c.active}a/${c.delayed}d/${c.failed}f`);
    }
    return { busy, failed, detail: detail.join(', ') || 'idle' };
  } finally {
    await producer.close();
    redis.disconnect();
  }
}

