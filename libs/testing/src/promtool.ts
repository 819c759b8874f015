import { spawnSync } from 'node:child_process';

/** Prometheus's own linter over an exposition (Debian's `prometheus` package; `.ci/run` installs it). */
export function promtoolCheck(exposition: string): { status: number | null; output: string } {
  const run = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  if (run.error) throw new Error(`promtool could not run (${run.error.message}): install Debian's prometheus package`);
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}
