import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createRedis, JOB_IDS, JobProducer } from '@brygga/queue';
import { deletePrefix } from '@brygga/testing';
import { BenchResult, result } from './bench-result';
import { firstLine, peakRssMb, spawnNode, stopChild } from './child-process';

const NOOP_WORKER_MAIN = join(__dirname, 'noop-worker.main.js');
/** As the intake adds them: one addBulk per document, here a feed page's worth. */
const BULK = 500;

export interface RawQueueOptions {
  jobs: number;
  concurrency: number;
  timeoutSeconds: number;
}

/**
 * Part 1, the queue's own limit on this machine now: `jobs` no-op `assignment.apply` jobs
 * (the pipeline's job name, id form and default options, through its JobProducer) added
 * with addBulk, BULK at a time, and run by a worker process of its own at the pipeline's
 * concurrency. Timed from the first add until the worker saw the last one complete.
 */
export async function benchRawQueue(options: RawQueueOptions): Promise<BenchResult> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `brygga-bench-raw:${randomUUID().slice(0, 8)}`;
  const redis = createRedis(redisUrl, 'bench-raw-producer');
  const producer = new JobProducer(redis, prefix);
  const children: ChildProcess[] = [];
  try {
    const worker = spawnNode(NOOP_WORKER_MAIN, { REDIS_URL: redisUrl, NOOP_PREFIX: prefix, NOOP_CONCURRENCY: String(options.concurrency), NOOP_JOBS: String(options.jobs) }, children);
    await firstLine(worker, 'noop worker start', 30_000, (line) => (line === 'ready' ? true : undefined));
    const done = firstLine(worker, 'noop worker', options.timeoutSeconds * 1000, (line) => (line.startsWith('{') ? (JSON.parse(line) as { lastAt: number }) : undefined));
    done.catch(() => undefined);
    const started = Date.now();
    for (let from = 0; from < options.jobs; from += BULK) {
      const items = Array.from({ length: Math.min(BULK, options.jobs - from) }, (_, k) => {
        const assignmentId = `UPP-RAW-${from + k}`;
        return { data: { v: 1 as const, assignmentId, version: 1 }, opts: { jobId: JOB_IDS.assignmentApply(assignmentId, 1) } };
      });
      await producer.enqueueBulk('assignment.apply', items);
    }
    const { lastAt } = await done;
    const rss = peakRssMb(worker.pid);
    return result('raw BullMQ: no-op jobs, addBulk, one worker process', 'jobs', options.jobs, (lastAt - started) / 1000, undefined, {
      concurrency: options.concurrency,
      'worker peak RSS MiB': rss,
    });
  } finally {
    await Promise.all(children.map(stopChild));
    await producer.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
  }
}
