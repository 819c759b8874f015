import { BadRequestException, Injectable } from '@nestjs/common';
import type { AdminRequestContext } from '@brygga/admin-access';
import { ALL_QUEUES, JobProducer, type QueueName } from '@brygga/queue';
import { OperationsAudit } from './operations-audit';

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  prioritized: number;
  /** Paused: workers take nothing new from it until resumed (waiting jobs stay). */
  paused: boolean;
}

const COUNTED = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const;

/** The queues' depths, and pausing, resuming and draining one; each action audited. */
@Injectable()
export class QueueControlService {
  constructor(
    private readonly producer: JobProducer,
    private readonly audit: OperationsAudit,
  ) {}

  async counts(): Promise<Record<string, QueueCounts>> {
    const entries = await Promise.all(
      ALL_QUEUES.map(async (name) => {
        const queue = this.producer.queue(name);
        const [counts, paused] = await Promise.all([queue.getJobCounts(...COUNTED), queue.isPaused()]);
        return [name, { waiting: counts.waiting ?? 0, active: counts.active ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0, completed: counts.completed ?? 0, prioritized: counts.prioritized ?? 0, paused }] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  async pause(actor: AdminRequestContext, queue: string): Promise<{ queue: string; paused: true }> {
    return this.audit.record(actor, 'queue.pause', queue, async () => {
      await this.queueOf(queue).pause();
      return { queue, paused: true as const };
    });
  }

  async resume(actor: AdminRequestContext, queue: string): Promise<{ queue: string; paused: false }> {
    return this.audit.record(actor, 'queue.resume', queue, async () => {
      await this.queueOf(queue).resume();
      return { queue, paused: false as const };
    });
  }

  /**
   * BullMQ's drain: removes the queue's waiting and prioritized jobs (`removed`: how many fewer there are after; jobs added meanwhile make it an estimate).
   * Delayed, active, completed and failed jobs stay, and so do the repeating jobs'
   * schedulers; what was removed is gone (its stored documents stay, and redelivery or
   * the next poll brings it back).
   */
  async drain(actor: AdminRequestContext, queue: string): Promise<{ queue: string; removed: number }> {
    return this.audit.record(actor, 'queue.drain', queue, async () => {
      const q = this.queueOf(queue);
      const before = await q.getJobCounts('waiting', 'prioritized');
      await q.drain();
      const after = await q.getJobCounts('waiting', 'prioritized');
      const total = (c: Record<string, number>) => (c.waiting ?? 0) + (c.prioritized ?? 0);
      return { queue, removed: Math.max(0, total(before) - total(after)) };
    });
  }

  private queueOf(name: string) {
    return this.producer.queue(checkedQueue(name));
  }
}

export function checkedQueue(name: string): QueueName {
  if (!ALL_QUEUES.includes(name as QueueName)) throw new BadRequestException(`queue must be one of ${ALL_QUEUES.join(', ')}`);
  return name as QueueName;
}
