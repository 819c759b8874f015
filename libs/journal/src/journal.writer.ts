import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ChainableCommander } from 'ioredis';
import type { FlowEvent } from '@brygga/flow-kernel';
import { currentRequestId } from '@brygga/queue';
import { JournalStore } from './journal.store';

/**
 * Writes what the flows tell (`FlowOutcomeObserver.event`) to the journal, without making
 * the work wait for it or fail with it. A choice, against "never swallow errors" read
 * literally: the journal is observability, written after the fact (the outcome is already
 * recorded in the flow's own transaction, the planning tool already answered). Failing the
 * job on a journal error would retry work that is done (a retry is then skipped as stale)
 * and make a healthy write look failed; so a journal write error is not thrown into the
 * job but logged (kind and ids, never a value) and counted (`failures`, and the
 * `onFailure` hook the process wires to a metric). Nothing is lost silently.
 * The writes of one process go out in order on one connection, gathered into one
 * pipeline per turn of the event loop (a worker tells several events per assignment: one
 * socket write each was a tenth of its CPU); shutdown waits for them.
 */
@Injectable()
export class JournalWriter implements OnApplicationShutdown {
  private readonly logger = new Logger('Journal');
  private readonly pending = new Set<Promise<void>>();
  private queued: Array<{ event: FlowEvent; at: Date }> = [];
  // Batches go out one after another: the order told is the order written, on one connection.
  private tail: Promise<void> = Promise.resolve();
  private failureCount = 0;
  /** Told of each failed write (a metric's `inc`); set by the process. */
  onFailure?: () => void;

  constructor(private readonly store: JournalStore) {}

  get failures(): number {
    return this.failureCount;
  }

  write(event: FlowEvent): void {
    this.queued.push({ event: withRequestId(event), at: new Date() });
    if (this.queued.length > 1) return;
    // The first event told since the last batch left starts the next batch: what the work tells in the same turn
    // (and while the batch before is still in flight) goes out with it, in one pipeline, after the batch before.
    const write = this.tail.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => this.drain());
    this.tail = write;
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  /**
   * The events appended in a caller's transaction instead (an intake's: the document, its
   * items, their jobs and their entries in one round trip, so its 202 covers the entries).
   * An entry the journal refuses is left out, logged and counted, as in `write`; the
   * transaction's own failure is the caller's.
   */
  writeIn(multi: ChainableCommander, events: readonly FlowEvent[]): void {
    const at = new Date();
    for (const event of events) {
      try {
        this.store.appendIn(multi, withRequestId(event), at);
      } catch (error) {
        this.failed(event, error as Error);
      }
    }
  }

  private failed(event: FlowEvent, error: Error): void {
    this.failureCount++;
    this.onFailure?.();
    this.logger.warn(`could not journal ${event.kind} (${idsOf(event)}): ${error.message}`);
  }

  private async drain(): Promise<void> {
    const batch = this.queued;
    this.queued = [];
    let outcomes: Array<string | Error>;
    try {
      outcomes = await this.store.appendMany(batch);
    } catch (error) {
      outcomes = batch.map(() => error as Error);
    }
    batch.forEach(({ event }, i) => {
      const outcome = outcomes[i];
      if (outcome instanceof Error) this.failed(event, outcome);
    });
  }

  /** Resolves once every write begun so far has ended (a test's wait, the shutdown's). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}

/** The request id of the work that tells it, unless the event names its own. */
function withRequestId(event: FlowEvent): FlowEvent {
  const requestId = event.refs.requestId ?? currentRequestId();
  return requestId === undefined ? event : { ...event, refs: { ...event.refs, requestId } };
}

const SAFE_ID = /^[\p{L}\p{N}._:-]{1,100}$/u;

// Ids of a failed entry for its log line: business ids only (no person key, no reasons), and only those that look like ids (a refused one may not).
function idsOf({ refs }: FlowEvent): string {
  const parts = (['documentId', 'assignmentId', 'unitId', 'jobId', 'requestId'] as const).flatMap((k) => {
    const value = refs[k];
    return value !== undefined && SAFE_ID.test(value) ? [`${k}=${value}`] : [];
  });
  return parts.join(' ') || 'no ids';
}
