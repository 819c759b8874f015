import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import axios from 'axios';
import { freePort } from '@brygga/testing';
import { DEMO_TOKENS, middlewareEnvFor } from '../test/support/simulator-stack';
import { printSummary, summariseProfile } from './cpu-profile.summary';
import { profilingEnv } from './profiler-preload';

/**
 * CPU per assignment by process, for compiled trees side by side: each tree (a checkout
 * with `dist/` built by `npm run build`) runs a full sync of CLIENTS clients through the
 * feed with its own redis-server, the case and planning simulators, the API and WORKERS
 * workers, each a process of its own; the CPU each used from the generate call until the
 * flow's queues are empty is divided by the assignments. Trees alternate for ROUNDS rounds.
 *
 *   TREES=before=/tmp/a,after=/tmp/b CLIENTS=4000 WORKERS=1 ROUNDS=2 [PROFILE_DIR=/tmp/p] npx tsx bench/cpu-profile.main.ts
 *
 * A setting instead of code: one tree under two names, TREE_ENV (JSON) giving each name
 * the middleware's environment to add, e.g.
 * `TREES=c16=.,c64=. TREE_ENV='{"c16":{"WORKER_CONCURRENCY":"16"},"c64":{"WORKER_CONCURRENCY":"64"}}'`.
 *
 * With PROFILE_DIR each worker samples its CPU (the inspector's profiler, over the sync
 * only) and the top self-time entries are printed. Heavy: run it under the heavy lock.
 */
const CLIENTS = Number(process.env.CLIENTS ?? 4000);
const WORKERS = Number(process.env.WORKERS ?? 1);
const ROUNDS = Number(process.env.ROUNDS ?? 1);
const PROFILE_DIR = process.env.PROFILE_DIR ? resolve(process.env.PROFILE_DIR) : undefined;
const TIMEOUT_MS = Number(process.env.TIMEOUT_SECONDS ?? 600) * 1000;
const FLOW_QUEUES = ['case-documents', 'assignments'];
const TREE_ENV = JSON.parse(process.env.TREE_ENV ?? '{}') as Record<string, NodeJS.ProcessEnv | undefined>;


interface Proc {
  role: string;
  child: ChildProcess;
}

interface RunResult {
  tree: string;
  assignments: number;
  serviceOrders: number;
  seconds: number;
  cpuMsPerAssignment: Record<string, number>;
}

function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function start(procs: Proc[], role: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout?.resume();
  procs.push({ role, child });
  return child;
}

function simulatorUrl(child: ChildProcess, name: string): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} simulator did not start`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = new RegExp(`${name} simulator listening on (http://\\S+)`).exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
  });
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function stop(procs: Proc[]): Promise<void> {
  await Promise.all(
    procs.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killed);
    }),
  );
}

async function runTree(tree: string, root: string, round: number): Promise<RunResult> {
  const procs: Proc[] = [];
  const http = axios.create({ timeout: 30_000, validateStatus: () => true });
  const dist = join(root, 'dist', 'apps');
  try {
    const redisPort = await freePort();
    start(procs, 'redis', 'redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], root, {});
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    const simEnv = { NO_COLOR: '1', CASE_SYSTEM_SIM_PORT: '0', PLANNING_TOOL_SIM_PORT: '0', SCHEDULING_SYSTEM_SIM_PORT: '0', CONTRACTS_DIR: process.env.CONTRACTS_DIR ?? resolve('..', 'shared', 'contracts') };
    const sims = start(procs, 'case + scheduling sims', process.execPath, [join(dist, 'simulators/src/main.js')], root, { ...simEnv, SIMULATORS: 'case-system,scheduling-system' });
    const planning = start(procs, 'planning sim', process.execPath, [join(dist, 'simulators/src/main.js')], root, { ...simEnv, SIMULATORS: 'planning-tool' });
    const [caseSystem, schedulingSystem, planningTool] = await Promise.all([simulatorUrl(sims, 'case-system'), simulatorUrl(sims, 'scheduling-system'), simulatorUrl(planning, 'planning-tool')]);
    const env = {
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: 'brygga-cpu',
      CUSTOMER_ID_KEY: 'brygga-bench-customer-id-key',
      CONTRACTS_DIR: simEnv.CONTRACTS_DIR,
      ...middlewareEnvFor({ caseSystem, planningTool, schedulingSystem }),
      CASE_SYSTEM_POLL_SECONDS: '1',
      ...TREE_ENV[tree],
    };
    const apiPort = await freePort();
    start(procs, 'api', process.execPath, [join(dist, 'middleware/src/main.js')], root, { ...env, ROLE: 'api', PORT: String(apiPort) });
    const ports = [apiPort];
    const workers: Proc[] = [];
    for (let i = 1; i <= WORKERS; i++) {
      const port = await freePort();
      ports.push(port);
      const profiling = PROFILE_DIR ? profilingEnv(join(PROFILE_DIR, `${tree}-r${round}-w${i}.cpuprofile`)) : {};
      start(procs, `worker ${i}`, process.execPath, [join(dist, 'middleware/src/main.js')], root, { ...env, ROLE: 'worker', PORT: String(port), ...profiling });
      workers.push(procs[procs.length - 1]);
    }
    await Promise.all(ports.map((port) => until(`:${port} ready`, async () => (await http.get(`http://127.0.0.1:${port}/health/ready`)).status === 200)));
    const headers = { Authorization: `Bearer ${DEMO_TOKENS.viewer}` };
    const admin = `http://127.0.0.1:${apiPort}/admin/api`;
    if (PROFILE_DIR) for (const w of workers) w.child.kill('SIGUSR2');
    const before = procs.map((p) => cpuSeconds(p.child.pid));
    const started = Date.now();
    const { data } = await http.post<{ assignments: number }>(`${caseSystem}/_sim/generate`, { clients: CLIENTS, seed: 1 });
    let serviceOrders = 0;
    await until(
      'sync',
      async () => {
        const [flows, queues] = await Promise.all([http.get(`${admin}/flows`, { headers }), http.get(`${admin}/queues`, { headers })]);
        const i = flows.data.flows.interventions ?? {};
        serviceOrders = i.serviceOrdersWritten ?? 0;
        const queued = FLOW_QUEUES.reduce((n, name) => {
          const q = queues.data.queues[name] ?? {};
          return n + (q.waiting ?? 0) + (q.active ?? 0) + (q.delayed ?? 0) + (q.prioritized ?? 0);
        }, 0);
        return (i.received ?? 0) >= data.assignments && queued === 0;
      },
      TIMEOUT_MS,
      250,
    );
    const seconds = (Date.now() - started) / 1000;
    const after = procs.map((p) => cpuSeconds(p.child.pid));
    if (PROFILE_DIR) {
      for (const w of workers) w.child.kill('SIGUSR2');
      await new Promise((r) => setTimeout(r, 3000));
    }
    const cpuMsPerAssignment = Object.fromEntries(procs.map((p, i) => [p.role, ((after[i] - before[i]) * 1000) / data.assignments]));
    return { tree, assignments: data.assignments, serviceOrders, seconds, cpuMsPerAssignment };
  } finally {
    await stop(procs);
  }
}

async function main(): Promise<void> {
  const trees = (process.env.TREES ?? `current=${process.cwd()}`).split(',').map((t) => t.split('=') as [string, string]);
  const results: RunResult[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [tree, root] of trees) {
      const r = await runTree(tree, root, round);
      results.push(r);
      const cpu = Object.entries(r.cpuMsPerAssignment).map(([role, ms]) => `${role} ${ms.toFixed(2)}`);
      console.log(`round ${round} ${tree}: ${r.assignments} assignments, ${r.serviceOrders} orders in ${r.seconds.toFixed(1)} s (${(r.assignments / r.seconds).toFixed(0)}/s, ${(r.serviceOrders / r.seconds).toFixed(0)} orders/s); CPU ms per assignment: ${cpu.join(', ')}`);
    }
  }
  if (PROFILE_DIR) {
    for (const [tree] of trees) for (let w = 1; w <= WORKERS; w++) printSummary(`${tree} worker ${w} (round ${ROUNDS})`, summariseProfile(join(PROFILE_DIR, `${tree}-r${ROUNDS}-w${w}.cpuprofile`)));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
