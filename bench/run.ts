import 'reflect-metadata';
import { BenchResult, formatResult } from './bench-result';
import { startBenchStack } from './bench-stack';
import { benchFullSync, benchPushLatency } from './end-to-end.bench';
import { benchAssignmentMapping, benchScheduleMapping } from './mapping.bench';
import { resultsFile, writeResults } from './results-file';

/**
 * `npm run bench`: speed is measured here, never asserted in tests. Every benchmark is
 * bounded in count and time and talks to 127.0.0.1 only. The 20,000-client sync takes
 * about 70 s on 2 cores, so it runs by default; BENCH_SCALE=umea leaves it out.
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

async function main(): Promise<void> {
  const scale = process.env.BENCH_SCALE ?? 'stockholm';
  const syncs = SCALES[scale];
  if (!syncs) throw new Error(`BENCH_SCALE must be one of ${Object.keys(SCALES).join(', ')}`);
  const results: BenchResult[] = [];
  const record = (r: BenchResult): void => {
    results.push(r);
    console.log(formatResult(r));
  };

  console.log(`[bench] pure mapping: generating ${MAPPING.clients} clients and ${MAPPING.scheduleRounds} rounds of unit rosters`);
  record(await benchAssignmentMapping(MAPPING));
  record(benchScheduleMapping(MAPPING));

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
