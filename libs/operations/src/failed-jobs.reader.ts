import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { AFTER_ALL_MEMBERS, BEFORE_ALL_MEMBERS, readNewestFirst, REDIS, type ScoredMember } from '@brygga/flow-kernel';
import { JobProducer, type QueueName } from '@brygga/queue';
import { DiscardedJobsStore } from './discarded-jobs.store';
import { FAILED_JOB_FIELDS, type FailedJobItem, failedJobItemOf } from './failed-job';
import type { ListPosition } from './list-cursor';

export interface FailedJobsScan {
  queues: readonly QueueName[];
  /** Failed-at bounds (epoch ms), inclusive. */
  min?: number;
  max?: number;
  after?: ListPosition;
  /** Whether an item (with its discard mark read) is wanted. */
  wanted: (item: FailedJobItem) => boolean;
  limit: number;
}

export interface FailedJobsScanPage {
  items: Array<{ item: FailedJobItem; position: ListPosition }>;
  next?: ListPosition;
}

const BATCH = 200;
// A filtered page reads at most this many failed jobs; past it the page ends early with a `next`, so no request reads 50,000 hashes.
const MAX_SCANNED = 5_000;

interface Source {
  queue: QueueName;
  key: string;
  buffer: ScoredMember[];
  after?: ScoredMember;
  done: boolean;
}

/**
 * Pages through the failed jobs of several queues as one list, newest failure first:
 * each queue's failed set (BullMQ scores it by the failure time) read in batches from
 * the cursor, merged by time (ties by queue, then id), and each batch's job hashes and
 * discard marks read in one pipelined round trip. Only ids and the few fields an item
 * shows are read; never a job's whole data or every job.
 */
@Injectable()
export class FailedJobsReader {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly producer: JobProducer,
    private readonly discarded: DiscardedJobsStore,
  ) {}

  async page(scan: FailedJobsScan): Promise<FailedJobsScanPage> {
    const sources: Source[] = [...scan.queues].sort().map((queue) => ({ queue, key: this.producer.queue(queue).toKey('failed'), buffer: [], after: afterFor(queue, scan.after), done: false }));
    const found: FailedJobsScanPage['items'] = [];
    let scanned = 0;
    let last: ListPosition | undefined;
    for (;;) {
      const batch = await this.nextBatch(sources, scan);
      if (batch.length === 0) return { items: found };
      const items = await this.itemsOf(batch);
      for (const [i, position] of batch.entries()) {
        const item = items[i];
        scanned += 1;
        if (item && scan.wanted(item)) {
          // One more than asked for says there is a next page; it starts after the last one shown.
          if (found.length === scan.limit) return { items: found, next: found[found.length - 1].position };
          found.push({ item, position });
        }
        last = position;
      }
      if (scanned >= MAX_SCANNED && last) return { items: found, next: last };
    }
  }

  /** One failed job's item (with its discard mark), or undefined when the job is not in the queue's failed set. */
  async one(queue: QueueName, jobId: string): Promise<FailedJobItem | undefined> {
    const score = await this.redis.zscore(this.producer.queue(queue).toKey('failed'), jobId);
    if (score === null) return undefined;
    return (await this.itemsOf([{ score: Number(score), member: jobId, source: queue }]))[0];
  }

  private async nextBatch(sources: Source[], scan: FailedJobsScan): Promise<ListPosition[]> {
    const batch: ListPosition[] = [];
    while (batch.length < BATCH) {
      await Promise.all(sources.filter((s) => s.buffer.length === 0 && !s.done).map((s) => this.refill(s, scan)));
      const live = sources.filter((s) => s.buffer.length > 0);
      if (live.length === 0) break;
      // Newest first; a tie in time goes to the queue first by name, as the cursor assumes (within a queue, Redis's order).
      const next = live.reduce((best, s) => (comesFirst(s, best) ? s : best));
      const head = next.buffer.shift() as ScoredMember;
      batch.push({ ...head, source: next.queue });
    }
    return batch;
  }

  private async refill(source: Source, scan: FailedJobsScan): Promise<void> {
    const read = await readNewestFirst(this.redis, source.key, { after: source.after, min: scan.min, max: scan.max, count: BATCH });
    if (read.length === 0) source.done = true;
    else source.after = read[read.length - 1];
    source.buffer.push(...read);
  }

  private async itemsOf(batch: ListPosition[]): Promise<Array<FailedJobItem | undefined>> {
    const pipeline = this.redis.pipeline();
    for (const p of batch) pipeline.hmget(this.producer.queue(p.source as QueueName).toKey(p.member), ...FAILED_JOB_FIELDS);
    const [replies, marks] = await Promise.all([pipeline.exec(), this.discarded.marksOf(batch.map((p) => ({ queue: p.source, jobId: p.member })))]);
    return (replies ?? []).map(([error, fields], i) => {
      if (error) throw error;
      const item = failedJobItemOf(batch[i].source, batch[i].member, fields as Array<string | null>, batch[i].score);
      return item && marks[i] ? { ...item, discarded: marks[i] } : item;
    });
  }
}

function comesFirst(a: Source, b: Source): boolean {
  const [x, y] = [a.buffer[0].score, b.buffer[0].score];
  return x !== y ? x > y : a.queue < b.queue;
}

/** Where a queue's reading starts for a merged cursor: ties of the cursor's time are before it in queues sorted earlier, after it in later ones. */
function afterFor(queue: string, cursor: ListPosition | undefined): ScoredMember | undefined {
  if (!cursor) return undefined;
  if (queue === cursor.source) return { score: cursor.score, member: cursor.member };
  return { score: cursor.score, member: queue < cursor.source ? BEFORE_ALL_MEMBERS : AFTER_ALL_MEMBERS };
}
