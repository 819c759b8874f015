import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@brygga/config';
import type { BenchResult } from './bench-result';

export interface ResultsFile {
  date: string;
  scale: string;
  machine: { nproc: number; cpu: string; memoryGiB: number; node: string; platform: string; loadAverage?: number[] };
  results: BenchResult[];
  /** The commit measured (`-dirty` when the tree had changes), where git can tell. */
  commit?: string;
  /** The pipeline run's summary, targets and options (bench/pipeline-report.ts). */
  pipeline?: unknown;
}

function gitCommit(): string | undefined {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head}-dirty` : head;
  } catch {
    return undefined;
  }
}

export function resultsFile(scale: string, results: BenchResult[], now = new Date()): ResultsFile {
  return {
    date: now.toISOString(),
    scale,
    commit: gitCommit(),
    machine: {
      nproc: availableParallelism(),
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      // The 1, 5 and 15 minute load when the file is written: on a shared machine, how much else ran.
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    },
    results,
  };
}

/**
 * latest.json (not committed) and, unless `dated` is false (a smoke run), <date>.json: a
 * dated file is kept as a reference of what a machine did on a day; commit it when it says
 * something worth keeping.
 */
export function writeResults(file: ResultsFile, dated = true): string[] {
  const dir = join(repoRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(file, null, 2)}\n`;
  const paths = [join(dir, 'latest.json'), ...(dated ? [join(dir, `${file.date.slice(0, 10)}.json`)] : [])];
  for (const path of paths) writeFileSync(path, text);
  return paths;
}
