import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { readNewestFirst, REDIS, type ScoredMember } from '@brygga/flow-kernel';
import type { FailedJobItem } from './failed-job';
import type { OperationsKeys } from './operations-keys';
import { JOURNAL_RETENTION_DAYS, OPERATIONS_KEYS } from './operations.tokens';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Failed jobs an operator discarded: each job's item as it was, with the mark, by
 * `<queue>:<jobId>` and by discard time. The job stays in its queue's failed set (BullMQ
 * removes failed jobs after two weeks); this record is kept the journal's retention
 * whatever BullMQ does, so a discard is never silently lost. Past retention, the next
 * discard removes the old records, and idle keys expire after a retention.
 */
@Injectable()
export class DiscardedJobsStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(OPERATIONS_KEYS) private readonly keys: OperationsKeys,
    @Inject(JOURNAL_RETENTION_DAYS) private readonly retentionDays: number,
  ) {}

  async add(item: FailedJobItem & { discarded: NonNullable<FailedJobItem['discarded']> }, now: Date = new Date()): Promise<void> {
    const member = memberOf(item.queue, item.jobId);
    const cutoff = now.getTime() - this.retentionDays * DAY_MS;
    const expired = await this.redis.zrangebyscore(this.keys.discardedByTime, '-inf', cutoff);
    const multi = this.redis.multi();
    if (expired.length > 0) multi.hdel(this.keys.discarded, ...expired).zrem(this.keys.discardedByTime, ...expired);
    multi
      .hset(this.keys.discarded, member, JSON.stringify(item))
      .zadd(this.keys.discardedByTime, now.getTime(), member)
      .pexpire(this.keys.discarded, this.retentionDays * DAY_MS)
      .pexpire(this.keys.discardedByTime, this.retentionDays * DAY_MS);
    for (const [error] of (await multi.exec()) ?? []) if (error) throw error;
  }

  /** Clears the mark (the job was redriven: it is in play again). */
  async remove(queue: string, jobId: string): Promise<void> {
    const member = memberOf(queue, jobId);
    await this.redis.multi().hdel(this.keys.discarded, member).zrem(this.keys.discardedByTime, member).exec();
  }

  /** The marks of these jobs, undefined where there is none. */
  async marksOf(jobs: ReadonlyArray<{ queue: string; jobId: string }>): Promise<Array<FailedJobItem['discarded']>> {
    if (jobs.length === 0) return [];
    const raw = await this.redis.hmget(this.keys.discarded, ...jobs.map((j) => memberOf(j.queue, j.jobId)));
    return raw.map((json) => (json === null ? undefined : (JSON.parse(json) as FailedJobItem).discarded));
  }

  /** Newest discards first, after `after`, `count` at a time; the positions are the cursor. */
  async read(after: ScoredMember | undefined, count: number): Promise<Array<{ position: ScoredMember; item?: FailedJobItem }>> {
    const positions = await readNewestFirst(this.redis, this.keys.discardedByTime, { after, count });
    if (positions.length === 0) return [];
    const raw = await this.redis.hmget(this.keys.discarded, ...positions.map((p) => p.member));
    return positions.map((position, i) => ({ position, ...(raw[i] !== null && { item: JSON.parse(raw[i] as string) as FailedJobItem }) }));
  }
}

function memberOf(queue: string, jobId: string): string {
  return `${queue}:${jobId}`;
}
