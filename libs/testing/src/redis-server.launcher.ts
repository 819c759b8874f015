import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort } from './local-http';

/** A `redis-server` (or sentinel) of a test's own: its own port of 127.0.0.1 and its own directory. */
export interface RedisServerProcess {
  port: number;
  url: string;
  dir: string;
  /** A signal to the process, waited for to end (SIGKILL: a crash; SIGTERM: Redis's clean shutdown). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Ends it if it runs and removes its directory. */
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** Arguments after the port and directory, e.g. `['--replicaof', '127.0.0.1', '6380']`. */
  args?: string[];
  /** Sentinel mode: these lines are its sentinel.conf (Sentinel rewrites the file, so it is the test's own). */
  sentinelConf?: string[];
  /** A server started again where an earlier one ran: its port and directory (its data). */
  port?: number;
  dir?: string;
}

async function answers(port: number): Promise<boolean> {
  const probe = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    // A server still loading its dataset answers LOADING; ready means PONG.
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/**
 * Starts `redis-server` (on the PATH) and waits for it to answer. Without persistence
 * arguments of the caller's, Redis's defaults apply; noeviction is set, as the middleware
 * requires it.
 */
export async function launchRedisServer(options: RedisServerOptions = {}): Promise<RedisServerProcess> {
  const port = options.port ?? (await freePort());
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'brygga-redis-')));
  const base = ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--logfile', join(dir, 'redis.log')];
  let argv: string[];
  if (options.sentinelConf) {
    const conf = join(dir, 'sentinel.conf');
    await writeFile(conf, `${options.sentinelConf.join('\n')}\n`);
    argv = [conf, '--sentinel', ...base, ...(options.args ?? [])];
  } else {
    argv = [...base, '--maxmemory-policy', 'noeviction', ...(options.args ?? [])];
  }
  let child: ChildProcess | undefined = spawn('redis-server', argv, { stdio: 'ignore' });
  const deadline = Date.now() + 30_000;
  while (!(await answers(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server on port ${port} did not come up (see ${dir}/redis.log)`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const kill = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    const c = child;
    if (!c) return;
    child = undefined;
    if (c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill(signal);
    await exited;
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    kill,
    async stop() {
      await kill('SIGTERM');
      // A forked AOF rewrite or a sentinel rewriting its config may still be writing into the
      // directory as the server exits (ENOTEMPTY once in CI): rm retries those.
      await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}
