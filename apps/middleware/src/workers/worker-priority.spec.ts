import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Runs lowerWorkerPriority in a process of its own (a process cannot lower and raise its own nice again unprivileged) and reads every thread's nice value back. */
function niceOfThreadsAfter(nice: number): { set: number; threads: number[] } {
  const script = `
    const { readdirSync } = require('node:fs');
    const { getPriority } = require('node:os');
    const { lowerWorkerPriority } = require(${JSON.stringify(join(__dirname, 'worker-priority.ts'))});
    const set = lowerWorkerPriority(${nice});
    // A thread started after it (a worker thread, as piscina starts).
    const worker = new (require('node:worker_threads').Worker)('setTimeout(() => undefined, 1000)', { eval: true });
    worker.once('online', () => {
      const threads = readdirSync('/proc/self/task').map((tid) => getPriority(Number(tid)));
      process.stdout.write(JSON.stringify({ set, threads }));
      process.exit(0);
    });`;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' })) as { set: number; threads: number[] };
}

describe('lowerWorkerPriority (WORKER_NICE)', () => {
  it('sets every thread of the process, and threads started after it inherit the value', () => {
    const { set, threads } = niceOfThreadsAfter(7);
    expect(set).toBeGreaterThan(1);
    expect(threads.length).toBeGreaterThan(set);
    expect(new Set(threads)).toEqual(new Set([7]));
  });

  it('0 leaves the process as it was', () => {
    const { set, threads } = niceOfThreadsAfter(0);
    expect(set).toBe(0);
    expect(new Set(threads)).toEqual(new Set([0]));
  });
});
