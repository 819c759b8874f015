import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

/**
 * Loaded into a middleware process by `NODE_OPTIONS=--require …` (memory-profile.main.ts,
 * never production): every MEMORY_SAMPLE_MS it appends one JSON line to
 * MEMORY_SAMPLE_DIR/<ROLE>-<pid>.jsonl with the process's RSS, the V8 heap by space,
 * memory outside it, and the GC time since the last line. Numbers only.
 */
const dir = process.env.MEMORY_SAMPLE_DIR;
if (dir) {
  const file = join(dir, `${process.env.ROLE ?? 'all'}-${process.pid}.jsonl`);
  const every = Number(process.env.MEMORY_SAMPLE_MS ?? 200);
  let gcMs = 0;
  let gcs = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      gcs++;
    }
  }).observe({ entryTypes: ['gc'] });
  const mib = (n: number): number => Math.round((n / 1048576) * 10) / 10;
  setInterval(() => {
    const m = process.memoryUsage();
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name.replace(/_space$/, ''), mib(s.space_used_size)]));
    const line = { t: Date.now(), rss: mib(m.rss), heapUsed: mib(m.heapUsed), heapTotal: mib(m.heapTotal), external: mib(m.external), arrayBuffers: mib(m.arrayBuffers), gcMs: Math.round(gcMs), gcs, spaces };
    gcMs = 0;
    gcs = 0;
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  }, every).unref();
}
