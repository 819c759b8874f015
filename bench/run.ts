import 'reflect-metadata';
import { BenchResult, formatResult } from './bench-result';
import { benchBarrage } from './barrage.bench';
import { startBenchStack } from './bench-stack';
import { startProcessStack } from './process-stack';
import { benchFullSync, benchPushLatency } from './end-to-end.bench';
import { benchAssignmentMapping, benchScheduleMapping } from './mapping.bench';
import { benchDataSeal } from './data-seal.bench';
import { resultsFile, writeResults } from './results-file';

/**
 * `npm run bench`: speed is measured here, never asserted in tests. Every benchmark is
 * bounded in count and time and talks to 127.0.0.1 only. The 20,000-client sync takes
 * about 70 s on 2 cores, so it runs by default; BENCH_SCALE=umea leaves it out.
 * BENCH_PARTS (mapping,sync,seal,barrage by default) runs only some.
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

async function main(): Promise<void> {
  const scale = process.env.BENCH_SCALE ?? 'stockholm';
  const syncs = SCALES[scale];
  if (!syncs) throw new Error(`BENCH_SCALE must be one of ${Object.keys(SCALES).join(', ')}`);
  const parts = (process.env.BENCH_PARTS ?? Object.keys(RUNS).join(',')).split(',');
  const unknown = parts.filter((p) => !(p in RUNS));
  if (unknown.length > 0) throw new Error(`BENCH_PARTS: unknown ${unknown.join(', ')}; choose from ${Object.keys(RUNS).join(', ')}`);
  const results: BenchResult[] = [];
  const record = (r: BenchResult): void => {
    results.push(r);
    console.log(formatResult(r));
  };
  for (const part of parts) await RUNS[part](record, syncs);
  const paths = writeResults(resultsFile(scale, results));
  console.log(`[bench] results written to ${paths.join(' and ')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
