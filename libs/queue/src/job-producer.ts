import { JobsOptions, Queue, RepeatOptions } from 'bullmq';
import type Redis from 'ioredis';
import { DEFAULT_JOB_OPTIONS } from './default-job-options';
import { JOB_QUEUE, JobName, JobPayloads } from './job-payloads';
import { ALL_QUEUES, QueueName } from './queue-name.enum';
import { currentRequestId, newRequestId } from './request-context';

/**
 * The only way to enqueue: the job name picks its queue and types its data, so a
 * producer cannot put a job on the wrong queue or with the wrong shape. Each job is
 * stamped with the request id it was caused by (`rid`, see request-context.ts); a job
 * queued outside any request or job gets a new one, shared by the jobs of that one call.
 */
export class JobProducer {
  private readonly queues = new Map<QueueName, Queue>();

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
