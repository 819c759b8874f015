import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LoggerService } from '@nestjs/common';
import { MIDDLEWARE_NODE_OPTIONS } from '../../apps/middleware/src/node-options';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

export interface CompiledMiddleware {
  main: string;
  remove(): Promise<void>;
}

/**
 * The middleware compiled as `npm run build` does, into a directory of its own (the checkout's
 * dist is left alone), so it runs as the process it is in production: its stdout is all it logs.
 * Type errors are the typecheck's to report; the emitted JavaScript is what is run here.
 */
export async function compileMiddleware(): Promise<CompiledMiddleware> {
  const dir = await mkdtemp(join(tmpdir(), 'brygga-log-privacy-'));
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  await run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', dir], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout?: string }) => {
    if (!existsSync(join(dir, 'apps/middleware/src/main.js'))) throw new Error(`tsc emitted nothing: ${error.stdout ?? ''}`);
  });
  await run(process.execPath, [join(ROOT, 'node_modules', 'tsc-alias', 'dist', 'bin', 'index.js'), '-p', 'tsconfig.build.json', '--outDir', dir], { cwd: ROOT });
  return { main: join(dir, 'apps/middleware/src/main.js'), remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Every line a process wrote, stdout and stderr, in order of arrival. */
export interface CapturedProcess {
  name: string;
  url: string;
  lines: string[];
  stop(): Promise<void>;
  /** Sends a signal without waiting (a fault test's `kill -9`); `exited` resolves once the process is gone. */
  kill(signal: NodeJS.Signals): void;
  exited: Promise<void>;
}

function collectLines(child: ChildProcess, lines: string[]): void {
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts.filter((l) => l.length > 0));
    });
    stream?.on('end', () => partial && lines.push(partial));
  }
}

/** Starts `node main` with `env` (PORT=0) and resolves once it logged `middleware up` with its port. */
export async function startMiddlewareProcess(name: string, main: string, env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<CapturedProcess> {
  const lines: string[] = [];
  // With the heap limit operators run (node-options.ts), so the fault tests meet the processes they run; `env` may set its own.
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...(process.env.CONTRACTS_DIR && { CONTRACTS_DIR: process.env.CONTRACTS_DIR }), PORT: '0', NODE_OPTIONS: MIDDLEWARE_NODE_OPTIONS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  collectLines(child, lines);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(killer);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const up = lines.map(parseLine).find((l) => l?.msg === 'middleware up');
    if (up) return { name, url: `http://127.0.0.1:${String(up.port)}`, lines, stop, kill: (signal) => child.kill(signal), exited };
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not come up:\n${lines.slice(-20).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function parseLine(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A Nest logger that keeps every line (the simulators run in this process and log through it). */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private keep(level: string, message: unknown, params: unknown[]): void {
    this.lines.push([level, ...params.map(String), typeof message === 'string' ? message : JSON.stringify(message)].join(' '));
  }
  log(message: unknown, ...params: unknown[]): void {
    this.keep('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.keep('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.keep('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.keep('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.keep('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.keep('fatal', message, params);
  }
}
