import type { ChainableCommander } from 'ioredis';

/** One command's reply in a MULTI: its error (a command that failed at run time) or its value. */
export type TransactionReply = [Error | null, unknown];

interface OpenBatch {
  multi: ChainableCommander;
  /** Commands the MULTI holds before any caller's (ioredis counts the MULTI itself; EXEC does not answer it). */
  base: number;
  replies: Promise<TransactionReply[]>;
  /** Set when a caller's commands threw while being added: the batch is not run at all. */
  failed?: unknown;
}

/**
 * Transactions begun in one turn of the event loop, run as one MULTI/EXEC. Under a burst of
 * pushes each push's MULTI cost the API a pipeline of its own, a socket write and an EXEC,
 * and Redis a read, an EXEC and a reply: shared, they are paid once per turn (README,
 * Benchmarks). Nothing else changes for a caller:
 * - its commands run in the order it added them, after the commands of callers before it,
 *   all of them as one step of Redis (a MULTI is atomic);
 * - it gets back only its own commands' replies: a command that fails at run time is its
 *   caller's alone (Redis runs every command of a MULTI whatever another one answered);
 * - when the MULTI does not run (the connection lost before EXEC, EXECABORT), none of it
 *   ran and every caller in it fails, as each would have alone;
 * - when a caller's commands throw while being added (a bug, not a Redis answer), what it
 *   added may be half, so the batch is not run and every caller in it fails.
 * Hand-written: ioredis pipelines one connection's commands but has no way to join
 * separate MULTIs, and BullMQ adds a job to whichever MULTI it is handed.
 */
export class TransactionBatcher {
  private open?: OpenBatch;

  /** `openMulti`: a new MULTI on the one connection the batches go to. */
  constructor(private readonly openMulti: () => ChainableCommander) {}

  /** Adds the caller's commands (`add` must add them synchronously) and answers their replies, in order. */
  async run(add: (multi: ChainableCommander) => void): Promise<TransactionReply[]> {
    const batch = this.open ?? this.begin();
    const start = batch.multi.length - batch.base;
    try {
      add(batch.multi);
    } catch (error) {
      batch.failed = error;
      // Callers later in this turn start a batch of their own, not one that will not run.
      if (this.open === batch) this.open = undefined;
      throw error;
    }
    const end = batch.multi.length - batch.base;
    const replies = await batch.replies;
    return replies.slice(start, end);
  }

  private begin(): OpenBatch {
    const multi = this.openMulti();
    let settle: { resolve: (replies: TransactionReply[]) => void; reject: (error: unknown) => void } | undefined;
    const replies = new Promise<TransactionReply[]>((resolve, reject) => (settle = { resolve, reject }));
    const batch: OpenBatch = { multi, base: multi.length, replies };
    // A caller whose own add threw has its error already; the batch's rejection is for the others.
    replies.catch(() => undefined);
    this.open = batch;
    // After every callback of this turn's I/O (setImmediate runs in the check phase): all the
    // requests read in this turn join the batch, and none waits for a later turn.
    setImmediate(() => {
      if (this.open === batch) this.open = undefined;
      if (batch.failed !== undefined) return settle?.reject(new Error('the transaction was not run: the commands of another caller in it could not be added'));
      multi.exec().then(
        (result) => (result ? settle?.resolve(result as TransactionReply[]) : settle?.reject(new Error('the transaction was discarded'))),
        (error: unknown) => settle?.reject(error),
      );
    });
    return batch;
  }
}
