import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort } from '@brygga/testing';

/** A redis-server of the test's own: its own port and data directory, restartable and killable. */
export interface OwnRedis {
  url: string;
  port: number;
  dir: string;
  /** SHUTDOWN as an operator's restart does it (Redis syncs its AOF first), then the same server again. */
  restart(): Promise<void>;
  /** kill -9, then the same server again on the same data: what it had not fsynced is gone. */
  crashAndRestart(): Promise<void>;
  stop(): Promise<void>;
}


async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    // A server still loading its AOF answers LOADING; ready means PONG.
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/**
 * Starts `redis-server` with `args` on a free port of 127.0.0.1 and a fresh directory
 * (noeviction, as the middleware requires), e.g. `['--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '']`.
 */
export async function startOwnRedis(args: string[]): Promise<OwnRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'brygga-faults-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const exited = (c: ChildProcess) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));
  const start = async () => {
    child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--maxmemory-policy', 'noeviction', '--logfile', join(dir, 'redis.log'), ...args], { stdio: 'ignore' });
    const deadline = Date.now() + 60_000;
    while (!(await answers(url))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server on port ${port} did not come up (see ${dir}/redis.log)`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stopWith = async (signal: NodeJS.Signals) => {
    if (!child) return;
    const c = child;
    child = undefined;
    c.kill(signal);
    await exited(c);
  };
  await start();
  return {
    url,
    port,
    dir,
    async restart() {
      // SIGTERM is Redis's clean shutdown: the AOF is flushed and fsynced before it exits.
      await stopWith('SIGTERM');
      await start();
    },
    async crashAndRestart() {
      await stopWith('SIGKILL');
      await start();
    },
    async stop() {
      await stopWith('SIGTERM');
      // A forked AOF rewrite or a sentinel rewriting its config may still be writing into the
      // directory as the server exits (ENOTEMPTY once in CI): rm retries those.
      await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}
