import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A compiled entry point started with this Node; only PATH, HOME and CONTRACTS_DIR come from this process. */
export function spawnNode(main: string, env: NodeJS.ProcessEnv, children: ChildProcess[]): ChildProcess {
  const inherited = Object.fromEntries(['PATH', 'HOME', 'CONTRACTS_DIR'].filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]));
  const child = spawn(process.execPath, [main], { env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return child;
}

/**
 * The middleware logs to stdout through pino, synchronously: a pipe nobody reads fills at
 * about 64 KB and then blocks the process mid-run. Its lines are not needed here, so they are read and dropped.
 */
export function drained(child: ChildProcess): ChildProcess {
  child.stdout?.resume();
  return child;
}

/** Resolves with the first stdout line `pick` accepts (its result); the rest of stdout is drained. */
export function firstLine<T>(child: ChildProcess, what: string, timeoutMs: number, pick: (line: string) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    const exited = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`${what}: the process exited (${code}) first`));
    };
    child.once('exit', exited);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString('utf8');
      const lines = out.split('\n');
      out = lines.pop() ?? '';
      for (const line of lines) {
        const value = pick(line);
        if (value === undefined) continue;
        clearTimeout(timer);
        child.off('exit', exited);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(value);
        return;
      }
    };
    child.stdout?.on('data', onData);
  });
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killed = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(killed);
}

/** utime + stime from /proc (Linux, where the bench runs); fields 14 and 15, in clock ticks of 1/100 s. */
export function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The process's peak resident set so far (VmHWM in /proc/<pid>/status), in MiB. */
export function peakRssMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
}
