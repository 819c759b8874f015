import { Job, JobsOptions, Queue, RepeatOptions } from 'bullmq';
import type { ChainableCommander } from 'ioredis';
import type Redis from 'ioredis';
import { DEFAULT_JOB_OPTIONS } from './default-job-options';
import { JOB_QUEUE, JobName, JobPayloads } from './job-payloads';
import { ALL_QUEUES, QueueName } from './queue-name.enum';
import { currentRequestId, newRequestId } from './request-context';
import { TransactionBatcher } from './transaction.batcher';

/** The connection BullMQ gives a queue's commands. */
type QueueClient = Awaited<ReturnType<Queue['getBackend']>['client']>;

/**
 * The only way to enqueue: the job name picks its queue and types its data, so a
 * producer cannot put a job on the wrong queue or with the wrong shape. Each job is
 * stamped with the request id it was caused by (`rid`, see request-context.ts); a job
 * queued outside any request or job gets a new one, shared by the jobs of that one call.
 */
export class JobProducer {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly batchers = new WeakMap<QueueClient, TransactionBatcher>();

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
    /** Where connection errors of the queues go; an EventEmitter 'error' without a listener would crash the process. */
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      queue.on('error', this.onError);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue<K extends JobName>(name: K, data: JobPayloads[K], opts?: JobsOptions): Promise<string> {
    const job = await this.queue(JOB_QUEUE[name]).add(name, { ...data, rid: currentRequestId() ?? newRequestId() }, opts);
    return job.id ?? '';
  }

  async enqueueBulk<K extends JobName>(name: K, items: Array<{ data: JobPayloads[K]; opts?: JobsOptions }>): Promise<void> {
    if (items.length === 0) return;
    const rid = currentRequestId() ?? newRequestId();
    await this.queue(JOB_QUEUE[name]).addBulk(items.map((i) => ({ name, data: { ...i.data, rid }, opts: i.opts })));
  }

  /**
   * The caller's own writes and these jobs in one MULTI on the queues' connection: one round
   * trip, run by Redis as one step (and none of it when the connection drops before EXEC; a
   * command that fails at run time does not undo the others, so any failure is thrown, for
   * the caller to answer 503 and the sender to resend). `write` adds the caller's commands first; the
   * jobs follow, each added the way BullMQ adds it (`Job.addJob` with the transaction, as its
   * FlowProducer does: its own addJob script, job id, default options and events), stamped
   * with the request id like `enqueueBulk`. The MULTI is shared with the other callers of
   * this turn of the event loop (transaction.batcher.ts); each gets its own replies. Answers
   * the replies of the caller's commands, in order; throws when any command of its
   * transaction, the caller's or a job's, failed.
   */
  async enqueueBulkWith<K extends JobName>(name: K, items: Array<{ data: JobPayloads[K]; opts?: JobsOptions }>, write: (multi: ChainableCommander) => void): Promise<unknown[]> {
    const queue = this.queue(JOB_QUEUE[name]);
    const batcher = this.batcherFor(await queue.getBackend().client);
    const rid = currentRequestId() ?? newRequestId();
    const defaults = queue.defaultJobOptions;
    let mine = 0;
    let jobsAdded: Promise<unknown> = Promise.resolve();
    const replies = await batcher.run((multi) => {
      const before = multi.length;
      write(multi);
      mine = multi.length - before;
      // BullMQ queues each job's command before its first await, so the caller's commands stay together.
      const transaction = multi as unknown as Parameters<Job['addJob']>[0];
      jobsAdded = Promise.all(items.map((i) => new Job(queue, name, { ...i.data, rid }, { ...defaults, ...i.opts, jobId: i.opts?.jobId }, i.opts?.jobId).addJob(transaction)));
      // Awaited below, once the batch has run; handled now so that it is never reported unhandled meanwhile.
      jobsAdded.catch(() => undefined);
    });
    await jobsAdded;
    replies.forEach(([error, reply], i) => {
      if (error) throw error;
      // BullMQ's addJob scripts answer a negative code for a job they refused (a missing parent).
      if (i >= mine && typeof reply === 'number' && reply < 0) throw new Error(`job not added (code ${reply})`);
    });
    return replies.slice(0, mine).map(([, reply]) => reply);
  }

  /** One batcher per connection the queues use (BullMQ hands each queue the one it was given). */
  private batcherFor(client: QueueClient): TransactionBatcher {
    let batcher = this.batchers.get(client);
    if (!batcher) {
      // BullMQ's MULTI is ioredis's own, with BullMQ's scripts defined on it.
      batcher = new TransactionBatcher(() => client.multi() as unknown as ChainableCommander);
      this.batchers.set(client, batcher);
    }
    return batcher;
  }

  /**
   * A repeating job (BullMQ job scheduler): however many processes call this, one
   * scheduler exists per id and one job per tick is created. `null` removes it. No `rid`:
   * every tick is its own cause, and the worker host gives it a new request id.
   */
  async schedule<K extends JobName>(schedulerId: string, name: K, repeat: Omit<RepeatOptions, 'key'> | null, data: JobPayloads[K]): Promise<void> {
    const queue = this.queue(JOB_QUEUE[name]);
    if (repeat === null) {
      await queue.removeJobScheduler(schedulerId);
      return;
    }
    await queue.upsertJobScheduler(schedulerId, repeat, { name, data });
  }

  allQueues(): Queue[] {
    return ALL_QUEUES.map((q) => this.queue(q));
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}
