import { settled } from './admin-stats';
import { BenchResult, formatResult, result, round, sleep } from './bench-result';
import { benchInboundAck } from './inbound-ack.bench';
import { post } from './open-loop';
import { startProcessStack } from './process-stack';
import { uniquePersonExports } from './single-uppdrag';
import { PUSH_HEADERS } from './steady-push.bench';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { MIDDLEWARE_NODE_OPTIONS } from '../apps/middleware/src/node-options';
import { printSummary, summariseProfile } from './cpu-profile.summary';
import { profilingEnv } from './profiler-preload';

/**
 * The API's CPU per inbound push, and the acceptance part's p99, for the compiled tree this
 * file is compiled into (`dist-bench/`, see scripts/bench.sh). First the API alone
 * (ROLE=api, no worker): WARMUP one-assignment pushes, then PUSHES more, CONCURRENCY at a
 * time (closed loop), their CPU (utime + stime from /proc) divided by the pushes. Then the
 * acceptance part (part 4) on a fresh stack with ACK_WORKERS workers (1; WORKER_NICE=ACK_WORKER_NICE,
 * else its default) and ACK_APIS API processes taking the pushes in turn, each warmed up by
 * WARMUP pushes applied before: ACK_RATE a second for ACK_SECONDS; API_ENV (JSON) adds to the
 * API processes' environment in both parts. For a before/after comparison, compile it into
 * both trees and run them in turn, alternating, under the heavy lock:
 *
 *   LABEL=before flock /tmp/brygga-heavy.lock bash scripts/with-redis.sh node /tree/a/dist-bench/bench/inbound-cpu.main.js
 *
 * It prints the two results and, last, one JSON line with the figures. With PROFILE_DIR
 * the API samples its CPU over the measured pushes and the top entries are printed.
 */
const PUSHES = Number(process.env.PUSHES ?? 3000);
const WARMUP = Number(process.env.WARMUP ?? 300);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const ACK_RATE = Number(process.env.ACK_RATE ?? 500);
const ACK_SECONDS = Number(process.env.ACK_SECONDS ?? 10);
const LABEL = process.env.LABEL ?? 'this tree';
/** The acceptance part's API processes (taking the pushes in turn, as behind a load balancer). */
const ACK_APIS = Number(process.env.ACK_APIS ?? 1);
/** The acceptance part's worker processes (0: the API's answers with nothing applying what it stores). */
const ACK_WORKERS = Number(process.env.ACK_WORKERS ?? 1);
/** Its workers' WORKER_NICE: what an API given the CPU first would answer. */
const ACK_WORKER_NICE = process.env.ACK_WORKER_NICE === undefined ? undefined : Number(process.env.ACK_WORKER_NICE);
/**
 * ACK_PIN=1: the acceptance part with the API processes on CPU 0 and every other process of
 * the stack, and this sender, on CPU 1 (Redis is left where the system runs it): what the
 * API answers with a core of its own, as on a host or a CPU request of its own.
 */
const PIN = process.env.ACK_PIN === '1';
/** Only the acceptance part (ACK_ONLY=1), or only the API alone (ALONE_ONLY=1). */
const SKIP_ALONE = process.env.ACK_ONLY === '1';
const SKIP_ACK = process.env.ALONE_ONLY === '1';
/** More environment for the API processes of both parts, as JSON (e.g. `{"INBOUND_PARSE_THREAD_MIN_BYTES":"0"}`). */
const API_ENV = JSON.parse(process.env.API_ENV ?? '{}') as NodeJS.ProcessEnv;
/**
 * With it, the API samples its CPU over each part's measured pushes (not boot or warm-up) into
 * PROFILE_DIR/<LABEL>-api.cpuprofile (alone) and PROFILE_DIR/<LABEL>-ack-api.cpuprofile (acceptance).
 */
const PROFILE_DIR = process.env.PROFILE_DIR ? resolve(process.env.PROFILE_DIR) : undefined;
const profileFile = (part: string): string => join(PROFILE_DIR ?? '.', `${LABEL.replace(/\W+/g, '-')}-${part}.cpuprofile`);
/** The API processes' environment: API_ENV, and the profiler writing to `file` with PROFILE_DIR. */
const apiEnvProfiling = (file: string): NodeJS.ProcessEnv => ({ ...API_ENV, ...(PROFILE_DIR && profilingEnv(file, MIDDLEWARE_NODE_OPTIONS)) });

async function closedLoop(url: string, bodies: () => Buffer, count: number): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {};
  let left = count;
  const sender = async (): Promise<void> => {
    while (left > 0) {
      left--;
      const answer = await post(url, bodies(), PUSH_HEADERS);
      const key = answer.error ? `error ${answer.error}` : `status ${answer.status}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, sender));
  return statuses;
}

async function apiAlone(next: () => Buffer): Promise<BenchResult> {
  const stack = await startProcessStack({ workers: 0, apiEnv: apiEnvProfiling(profileFile('api')) });
  try {
    const url = `${stack.middleware}/inbound/case-system`;
    await closedLoop(url, next, WARMUP);
    if (PROFILE_DIR) stack.signal('api', 'SIGUSR2');
    const before = stack.cpuSeconds().api;
    const started = performance.now();
    const statuses = await closedLoop(url, next, PUSHES);
    const seconds = (performance.now() - started) / 1000;
    const cpuMs = (stack.cpuSeconds().api - before) * 1000;
    if (PROFILE_DIR) {
      stack.signal('api', 'SIGUSR2');
      await sleep(2000);
    }
    return result(`inbound push, API alone, concurrency ${CONCURRENCY}`, 'pushes', PUSHES, seconds, undefined, { 'api cpu ms per push': round(cpuMs / PUSHES, 2), ...statuses });
  } finally {
    await stack.close();
  }
}

async function acceptance(): Promise<BenchResult> {
  const ackProfile = profileFile('ack-api');
  const stack = await startProcessStack({ workers: ACK_WORKERS, apiProcesses: ACK_APIS, workerNice: ACK_WORKER_NICE, apiEnv: apiEnvProfiling(ackProfile) });
  try {
    const exports = uniquePersonExports(`${stack.prefix.slice(-8)}a`);
    let n = 0;
    // A cold API's first pushes compile their code paths: part 4 meets a warm one, after part 3.
    for (const api of stack.apis) await closedLoop(`${api}/inbound/case-system`, () => exports(n++).body, WARMUP);
    if (ACK_WORKERS > 0) await settled(stack, 0, 300, 'the warm-up pushes');
    if (PIN) pinApiApart(stack.pids());
    if (PROFILE_DIR) stack.signal('api', 'SIGUSR2');
    const ack = await benchInboundAck(stack, () => exports(n++), { rate: ACK_RATE, seconds: ACK_SECONDS });
    if (PROFILE_DIR) {
      stack.signal('api', 'SIGUSR2');
      await sleep(2000);
      printSummary(`${LABEL} api during acceptance`, summariseProfile(ackProfile));
    }
    return ack;
  } finally {
    await stack.close();
  }
}

function pinApiApart(pids: Record<string, number>): void {
  const pin = (cpu: string, pid: number): void => void execFileSync('taskset', ['-a', '-cp', cpu, String(pid)], { stdio: 'ignore' });
  for (const [role, pid] of Object.entries(pids)) pin(role.startsWith('api') ? '0' : '1', pid);
  pin('1', process.pid);
}

async function main(): Promise<void> {
  const exports = uniquePersonExports(`cpu${Date.now().toString(36)}`);
  let n = 0;
  const next = (): Buffer => exports(n++).body;
  const alone = SKIP_ALONE ? undefined : await apiAlone(next);
  if (alone) console.log(formatResult(alone));
  if (alone && PROFILE_DIR) printSummary(`${LABEL} api`, summariseProfile(profileFile('api')));
  const ack = SKIP_ACK ? undefined : await acceptance();
  if (ack) console.log(formatResult(ack));
  console.log(JSON.stringify({ tree: LABEL, apiCpuMsPerPush: alone?.detail?.['api cpu ms per push'], pushesPerSecond: alone?.perSecond, ackP50Ms: ack?.p50Ms, ackP99Ms: ack?.p99Ms, ack: ack?.detail }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
