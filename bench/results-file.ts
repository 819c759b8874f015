import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@brygga/config';
import type { BenchResult } from './bench-result';

export interface ResultsFile {
  date: string;
  scale: string;
  machine: { nproc: number; cpu: string; memoryGiB: number; node: string; platform: string };
  results: BenchResult[];
}

export function resultsFile(scale: string, results: BenchResult[], now = new Date()): ResultsFile {
  return {
    date: now.toISOString(),
    scale,
    machine: {
      nproc: availableParallelism(),
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    results,
  };
}

/**
 * latest.json (not committed) and <date>.json: a dated file is kept as a reference of
 * what a machine did on a day; commit it when it says something worth keeping.
 */
export function writeResults(file: ResultsFile): string[] {
  const dir = join(repoRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(file, null, 2)}\n`;
  const paths = [join(dir, 'latest.json'), join(dir, `${file.date.slice(0, 10)}.json`)];
  for (const path of paths) writeFileSync(path, text);
  return paths;
}
