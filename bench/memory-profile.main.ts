import 'reflect-metadata';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { settled } from './admin-stats';
import { formatResult, round } from './bench-result';
import { pipelineOptions } from './bench-options';
import { benchFullLoad } from './full-load.bench';
import { benchInboundAck } from './inbound-ack.bench';
import { startProcessStack } from './process-stack';
import { uniquePersonExports } from './single-uppdrag';
import { benchSteadyPush, cpuSpent } from './steady-push.bench';

/**
 * Where a Brygga process's memory goes, variants side by side in one run: parts 2 to 4 of
 * the pipeline bench (full load of `--clients`, steady push, acceptance burst, then the
 * applying of what was accepted) on a fresh stack per variant, one worker, every
 * middleware process sampling itself (memory-sampler.preload.ts). Compiled with the bench
 * (scripts/bench.sh compiles, or `tsc -p bench/tsconfig.json && tsc-alias -p bench/tsconfig.json`), then
 *
 *   VARIANTS='{"before":{"apps":"/tmp/old/dist-bench/apps"},"after":{"env":{"NODE_OPTIONS":"…"}}}' ROUNDS=1 \
 *     flock /tmp/brygga-heavy.lock scripts/with-redis.sh node dist-bench/bench/memory-profile.main.js [--quick] [--clients N]
 *
 * A variant's NODE_OPTIONS replaces the middleware's default (apps/middleware/src/node-options.ts),
 * as an operator's would: `{}` is Node's own sizing. Per variant and process: peak RSS (VmHWM), and at the sample of the largest RSS the V8
 * heap (used, total), memory outside it and ArrayBuffers; GC time over the whole run.
 */
interface Variant {
  apps?: string;
  env?: Record<string, string>;
}

interface Sample {
  t: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  gcMs: number;
  spaces: Record<string, number>;
}

const SAMPLER = join(__dirname, 'memory-sampler.preload.js');

async function runVariant(name: string, variant: Variant, round_: number): Promise<void> {
  const o = pipelineOptions(process.argv.slice(2));
  const dir = join(process.env.MEMORY_PROFILE_DIR ?? '/tmp/brygga-memory-profile', `${name}-${round_}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const nodeOptions = [`--require ${SAMPLER}`, variant.env?.NODE_OPTIONS ?? ''].join(' ').trim();
  const env = { CASE_SYSTEM_POLL_SECONDS: '1', WORKER_CONCURRENCY: String(o.concurrency), ...variant.env, NODE_OPTIONS: nodeOptions, MEMORY_SAMPLE_DIR: dir };
  console.log(`[memory] ${name} (round ${round_}): ${o.clients} clients, env ${JSON.stringify(variant.env ?? {})}${variant.apps ? `, apps ${variant.apps}` : ''}`);
  const stack = await startProcessStack({ workers: 1, env, apps: variant.apps });
  /** The full load's start and end, and the end of the pushes' applying. */
  const phases: number[] = [];
  try {
    const cpuBefore = stack.cpuSeconds();
    phases.push(Date.now());
    const load = await benchFullLoad(stack, `1 worker, ${name}`, { clients: o.clients, timeoutSeconds: o.loadTimeoutSeconds });
    console.log(formatResult(load));
    phases.push(Date.now());
    const cpuLoad = cpuSpent(cpuBefore, stack.cpuSeconds());
    console.log(`[memory] ${name}: CPU s of the full load ${JSON.stringify(cpuLoad)}`);
    const afterLoad = stack.peakRssMb();
    let n = 0;
    const persons = uniquePersonExports(stack.prefix.slice(-8));
    const next = () => persons(n++);
    const steady = await benchSteadyPush(stack, next, o.steady);
    console.log(formatResult(steady));
    const ack = await benchInboundAck(stack, next, o.ack);
    console.log(formatResult(ack));
    await settled(stack, 0, o.loadTimeoutSeconds, 'after the acceptance part');
    phases.push(Date.now());
    const peak = stack.peakRssMb();
    console.log(`[memory] ${name}: peak RSS after the load ${JSON.stringify(afterLoad)}, after all ${JSON.stringify(peak)}`);
  } finally {
    await stack.close();
  }
  for (const file of readdirSync(dir)) {
    const samples = readFileSync(join(dir, file), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Sample);
    const top = samples.reduce((a, b) => (b.rss > a.rss ? b : a));
    const heapMax = Math.max(...samples.map((s) => s.heapUsed));
    const totalMax = Math.max(...samples.map((s) => s.heapTotal));
    const gcMs = samples.reduce((a, s) => a + s.gcMs, 0);
    const gcLoadMs = samples.filter((s) => s.t > phases[0] && s.t <= phases[1] + 200).reduce((a, s) => a + s.gcMs, 0);
    const loadPeak = Math.max(...samples.filter((s) => s.t >= phases[0] && s.t <= phases[1]).map((s) => s.rss));
    const spaces = Object.entries(top.spaces).filter(([, v]) => v >= 1).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(
      `[memory] ${name} ${file.replace(/-\d+\.jsonl$/, '')}: max rss ${top.rss} MiB (heap used ${top.heapUsed}, total ${top.heapTotal}, external ${top.external}, arrayBuffers ${top.arrayBuffers}; ${spaces}); max heap used ${heapMax}, max heap total ${totalMax}; max rss during the full load ${loadPeak}; GC ${round(gcLoadMs / 1000, 1)} s during the full load, ${round(gcMs / 1000, 1)} s over ${round((samples[samples.length - 1].t - samples[0].t) / 1000, 0)} s`,
    );
  }
}

async function main(): Promise<void> {
  const variants = JSON.parse(process.env.VARIANTS ?? '{"current":{}}') as Record<string, Variant>;
  const rounds = Number(process.env.ROUNDS ?? 1);
  for (let r = 1; r <= rounds; r++) for (const [name, v] of Object.entries(variants)) await runVariant(name, v, r);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[memory] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
