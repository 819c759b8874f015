import 'reflect-metadata';
import { loadavg } from 'node:os';
import { BenchResult, formatResult } from './bench-result';
import { benchBarrage } from './barrage.bench';
import { startBenchStack } from './bench-stack';
import { startProcessStack } from './process-stack';
import { benchFullSync, benchPushLatency } from './end-to-end.bench';
import { benchAssignmentMapping, benchScheduleMapping } from './mapping.bench';
import { benchDataSeal } from './data-seal.bench';
import { resultsFile, writeResults } from './results-file';
import { pipelineOptions } from './bench-options';
import { benchPipeline } from './pipeline.bench';
import { judge, report, summarize } from './pipeline-report';

/**
 * `npm run bench -- [--quick] [--clients N] [--strict]`: speed is measured here, never
 * asserted in tests. Every benchmark is bounded in count and time and talks to 127.0.0.1
 * only. By default the pipeline's six parts (pipeline.bench.ts), ending in one line
 * `bench: orders/s=… ratio=… p99_ms=… ack_p99_ms=… rss_mb=…`; BENCH_PARTS names others
 * instead (mapping, sync, seal, barrage; BENCH_SCALE=umea leaves the 20,000-client sync out).
 */
const SCALES: Record<string, Array<{ label: string; clients: number; timeoutSeconds: number }>> = {
  umea: [{ label: 'Umeå (2,100 clients)', clients: 2_100, timeoutSeconds: 600 }],
  stockholm: [
    { label: 'Umeå (2,100 clients)', clients: 2_100, timeoutSeconds: 600 },
    { label: 'Stockholm (20,000 clients)', clients: 20_000, timeoutSeconds: 3_600 },
  ],
};
const MAPPING = { clients: 20_000, scheduleRounds: 40 };
const PUSHES = 50;
const BARRAGE_PUSHES = 40;

type Recorder = (r: BenchResult) => void;

const RUNS: Readonly<Record<string, (record: Recorder, syncs: (typeof SCALES)[string]) => Promise<void>>> = {
  async mapping(record) {
    console.log(`[bench] pure mapping: generating ${MAPPING.clients} clients and ${MAPPING.scheduleRounds} rounds of unit rosters`);
    record(await benchAssignmentMapping(MAPPING));
    record(benchScheduleMapping(MAPPING));
  },
  async sync(record, syncs) {
    const stack = await startBenchStack();
    try {
      for (const sync of syncs) {
        console.log(`[bench] end to end: ${sync.label}, one process, Redis at ${process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'}`);
        record(await benchFullSync(stack, sync));
        record(await benchPushLatency(stack, { label: sync.label, pushes: PUSHES, timeoutSeconds: 60 }));
      }
    } finally {
      await stack.close();
    }
  },
  async seal(record) {
    console.log('[bench] personal data sealed at rest: a store round trip in clear and sealed, and seal+open alone, per value size');
    for (const r of await benchDataSeal(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')) record(r);
  },
  async barrage(record) {
    // Side by side in one run: large pushes read inline on the API's loop, then in a parse thread.
    for (const threads of ['0', '1']) {
      console.log(`[bench] hostile barrage: simulators, API (INBOUND_PARSE_THREADS=${threads}) and one worker as processes of their own`);
      const processes = await startProcessStack({ workers: 1, apiEnv: { INBOUND_PARSE_THREADS: threads } });
      try {
        for (const r of await benchBarrage(processes, { label: `parse threads ${threads}`, pushes: BARRAGE_PUSHES, timeoutSeconds: 60 })) record(r);
      } finally {
        await processes.close();
      }
    }
  },
};

const PARTS = ['pipeline', ...Object.keys(RUNS)];

async function main(): Promise<number> {
  const parts = (process.env.BENCH_PARTS ?? 'pipeline').split(',');
  const unknown = parts.filter((p) => !PARTS.includes(p));
  if (unknown.length > 0) throw new Error(`BENCH_PARTS: unknown ${unknown.join(', ')}; choose from ${PARTS.join(', ')}`);
  const results: BenchResult[] = [];
  const record = (r: BenchResult): void => {
    results.push(r);
    console.log(formatResult(r));
  };
  if (parts.includes('pipeline')) {
    if (parts.length > 1) throw new Error('BENCH_PARTS: pipeline runs alone');
    const options = pipelineOptions(process.argv.slice(2));
    const loadAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
    const run = await benchPipeline(options, record);
    const summary = summarize(run);
    const targets = judge(summary);
    const file = { ...resultsFile(options.quick ? 'quick' : `${options.clients} clients`, results), pipeline: { options, summary, targets: options.quick ? undefined : targets, loadAtStart, run } };
    console.log(`[bench] results written to ${writeResults(file, !options.quick).join(' and ')}`);
    const m = file.machine;
    const machine = `${m.nproc} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node.slice(1)}, commit ${file.commit ?? 'unknown'}; load average ${loadAtStart.join('/')} at start, ${m.loadAverage?.join('/')} at end`;
    console.log(`[bench] the parts took ${Math.round(performance.now() / 1000)} s`);
    for (const line of report(run, summary, options.quick, machine)) console.log(line);
    return options.strict && targets.some((t) => !t.met) ? 2 : 0;
  }
  const scale = process.env.BENCH_SCALE ?? 'stockholm';
  const syncs = SCALES[scale];
  if (!syncs) throw new Error(`BENCH_SCALE must be one of ${Object.keys(SCALES).join(', ')}`);
  for (const part of parts) await RUNS[part](record, syncs);
  const paths = writeResults(resultsFile(scale, results));
  console.log(`[bench] results written to ${paths.join(' and ')}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
