import { Worker } from 'bullmq';
import { createRedis, JOB_LOCK_DURATION_MS, JOB_STALLED_INTERVAL_MS, QueueName } from '@brygga/queue';

/**
 * The raw BullMQ part's worker, a process of its own as the middleware's workers are: the
 * assignments queue under NOOP_PREFIX, at NOOP_CONCURRENCY, with the worker host's lock
 * settings and a handler that does nothing. Prints `ready` once connected, then one JSON
 * line `{"completed":n,"lastAt":<epoch ms>}` when NOOP_JOBS jobs have completed.
 */
function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const expected = Number(setting('NOOP_JOBS'));
  const connection = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'bench-noop-worker');
  let completed = 0;
  const worker = new Worker(QueueName.Assignments, async () => undefined, {
    connection,
    prefix: setting('NOOP_PREFIX'),
    concurrency: Number(setting('NOOP_CONCURRENCY')),
    lockDuration: JOB_LOCK_DURATION_MS,
    stalledInterval: JOB_STALLED_INTERVAL_MS,
  });
  worker.on('completed', () => {
    completed++;
    if (completed === expected) process.stdout.write(`${JSON.stringify({ completed, lastAt: Date.now() })}\n`);
  });
  worker.on('error', (error) => process.stderr.write(`noop worker: ${error.message}\n`));
  await worker.waitUntilReady();
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => {
    void worker.close().finally(() => {
      connection.disconnect();
      process.exit(0);
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`noop worker failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
