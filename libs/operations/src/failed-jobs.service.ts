import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Job } from 'bullmq';
import type { AdminRequestContext } from '@brygga/admin-access';
import { ALL_QUEUES, JobProducer, type QueueName } from '@brygga/queue';
import { DiscardedJobsStore } from './discarded-jobs.store';
import type { FailedJobItem } from './failed-job';
import { FailedJobsReader } from './failed-jobs.reader';
import { queuesOfFlow } from './job-flows';
import { decodeCursor, encodeCursor } from './list-cursor';
import { type AgeFilter, ageBounds, checkedCode, checkedLimit } from './list-query';
import { OperationsAudit } from './operations-audit';
import { checkedQueue } from './queue-control.service';

export interface FailedJobsFilter extends AgeFilter {
  queue?: string;
  flow?: string;
  /** A reason code (`planning-refused`, `transient.exhausted`, ...). */
  reason?: string;
}

export interface FailedJobsQuery extends FailedJobsFilter {
  /** Only discarded jobs (newest discard first); without it, discarded jobs are left out. */
  discarded?: boolean;
  cursor?: string;
  limit?: number;
}

export interface FailedJobsPage {
  items: FailedJobItem[];
  /** The `cursor` of the next page, when there may be one. */
  next?: string;
}

const REDRIVE_BATCH = 200;
const JOB_ID = /^[A-Za-z0-9._:@#-]{1,200}$/;
// Letters of any language, digits, spaces and a little punctuation: a short reason, not a note.
const DISCARD_REASON = /^[\p{L}\p{N}][\p{L}\p{N} ._:/#@,()'-]{0,199}$/u;

/**
 * Failed jobs: listed and filtered server-side, redriven (one, or every one a filter
 * matches, with fresh attempts) and discarded (kept, marked, listed apart). Redrive and
 * discard are audited.
 */
@Injectable()
export class FailedJobsService {
  constructor(
    private readonly producer: JobProducer,
    private readonly reader: FailedJobsReader,
    private readonly discards: DiscardedJobsStore,
    private readonly audit: OperationsAudit,
  ) {}

  async list(query: FailedJobsQuery, now: Date = new Date()): Promise<FailedJobsPage> {
    const limit = checkedLimit(query.limit);
    const after = decodeCursor(query.cursor);
    const filter = checkedFilter(query);
    if (query.discarded) return this.listDiscarded(filter, limit, after, now);
    const { min, max } = ageBounds(filter, now);
    const page = await this.reader.page({ queues: queuesFor(filter), min, max, after, limit, wanted: (item) => !item.discarded && matches(item, filter) });
    return { items: page.items.map((i) => i.item), ...(page.next && { next: encodeCursor(page.next) }) };
  }

  /** Back to waiting with fresh attempts; a discard mark goes (the job is in play again). */
  async redriveOne(actor: AdminRequestContext, queue: string, jobId: string): Promise<{ redriven: number }> {
    return this.audit.record(actor, 'jobs.redrive', `${queue}/${jobId}`, async () => {
      const item = await this.failedItem(queue, jobId);
      if (!(await this.retryIfFailed(item.queue as QueueName, jobId))) throw new NotFoundException(`no failed job ${jobId} in ${queue}`);
      if (item.discarded) await this.discards.remove(queue, jobId);
      return { redriven: 1 };
    });
  }

  /** Every failed job the filter matches (none discarded), page by page; `skipped`: left the failed set meanwhile (another redrive, its worker). */
  async redriveMatching(actor: AdminRequestContext, filter: FailedJobsFilter, now: Date = new Date()): Promise<{ redriven: number; skipped: number }> {
    return this.audit.record(actor, 'jobs.redrive', filterTarget(filter), async () => {
      const checked = checkedFilter(filter);
      const { min, max } = ageBounds(checked, now);
      const result = { redriven: 0, skipped: 0 };
      let after;
      do {
        const page = await this.reader.page({ queues: queuesFor(checked), min, max, after, limit: REDRIVE_BATCH, wanted: (item) => !item.discarded && matches(item, checked) });
        const outcomes = await Promise.all(page.items.map(({ item }) => this.retryIfFailed(item.queue as QueueName, item.jobId)));
        for (const redriven of outcomes) result[redriven ? 'redriven' : 'skipped'] += 1;
        after = page.next;
      } while (after);
      return result;
    });
  }

  /** Sets a failed job aside with a reason: it stays (in its queue and in the discard record) and leaves the default list. */
  async discard(actor: AdminRequestContext, queue: string, jobId: string, reason: string, now: Date = new Date()): Promise<FailedJobItem> {
    return this.audit.record(actor, 'jobs.discard', `${queue}/${jobId}`, async () => {
      if (typeof reason !== 'string' || !DISCARD_REASON.test(reason)) throw new BadRequestException("reason must be 1 to 200 letters, digits, spaces and . _ : / # @ , ( ) ' -, starting with a letter or digit");
      const item = await this.failedItem(queue, jobId);
      if (item.discarded) throw new ConflictException(`job ${jobId} of ${queue} is already discarded`);
      const marked = { ...item, discarded: { at: now.toISOString(), reason, by: actor.principal.name } };
      await this.discards.add(marked, now);
      return marked;
    });
  }

  private async listDiscarded(filter: FailedJobsFilter, limit: number, after: ReturnType<typeof decodeCursor>, now: Date): Promise<FailedJobsPage> {
    const { min, max } = ageBounds(filter, now);
    const items: FailedJobItem[] = [];
    let position = after;
    for (;;) {
      const batch = await this.discards.read(position, REDRIVE_BATCH);
      if (batch.length === 0) return { items };
      for (const { position: p, item } of batch) {
        const failedAt = item ? Date.parse(item.failedAt) : NaN;
        if (item && matches(item, filter) && (min === undefined || failedAt >= min) && (max === undefined || failedAt <= max)) {
          if (items.length === limit) return { items, next: encodeCursor(position as NonNullable<typeof position>) };
          items.push(item);
        }
        position = { ...p, source: 'discarded' };
      }
    }
  }

  private async failedItem(queue: string, jobId: string): Promise<FailedJobItem> {
    const name = checkedQueue(queue);
    if (typeof jobId !== 'string' || !JOB_ID.test(jobId)) throw new BadRequestException('jobId must be a job id');
    const item = await this.reader.one(name, jobId);
    if (!item) throw new NotFoundException(`no failed job ${jobId} in ${queue}`);
    return item;
  }

  private async retryIfFailed(queue: QueueName, jobId: string): Promise<boolean> {
    const job = await Job.fromId(this.producer.queue(queue), jobId);
    if (!job) return false;
    try {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return true;
    } catch (error) {
      // BullMQ says why it did not move the job: only "no longer failed" (-2) or "gone" (0) is a skip; anything else is an error.
      if (isNotInFailedSet(error)) return false;
      throw error;
    }
  }
}

function isNotInFailedSet(error: unknown): boolean {
  return error instanceof Error && /\b(?:is not in the failed state|Missing key for job|not in failed)\b/i.test(error.message);
}

function checkedFilter<F extends FailedJobsFilter>(filter: F): F {
  if (filter.queue !== undefined) checkedQueue(filter.queue);
  checkedCode('flow', filter.flow);
  checkedCode('reason', filter.reason);
  return filter;
}

function queuesFor(filter: FailedJobsFilter): QueueName[] {
  const byFlow = filter.flow === undefined ? ALL_QUEUES : queuesOfFlow(filter.flow);
  return byFlow.filter((q) => filter.queue === undefined || q === filter.queue);
}

function matches(item: FailedJobItem, filter: FailedJobsFilter): boolean {
  return (filter.queue === undefined || item.queue === filter.queue) && (filter.flow === undefined || item.flow === filter.flow) && (filter.reason === undefined || item.reasonCode === filter.reason);
}

/** The audit target of a filtered action: its filter as a code (`filter/queue:assignments/reason:planning-refused`). */
export function filterTarget(filter: object): string {
  const parts = Object.entries(filter)
    .filter(([, v]) => v !== undefined && (typeof v === 'string' || typeof v === 'number'))
    .map(([k, v]) => `${k}:${String(v)}`);
  return ['filter', ...parts].join('/');
}
