import { Inject, Injectable } from '@nestjs/common';
import type { ChainableCommander } from 'ioredis';
import type Redis from 'ioredis';
import { REDIS } from '@brygga/flow-kernel';
import { JOB_IDS, JobProducer, QueueName } from '@brygga/queue';
import type { ScheduleKeys } from './schedule-keys';
import { SCHEDULE_KEYS } from './schedules.tokens';

/** Job states in which an export is still to be applied. */
const PENDING = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/**
 * Which exports of each unit are queued, by revision, so that a unit's exports queued
 * together are applied oldest first, as the unit published them. An entry whose job is
 * no longer pending (applied, failed for good, or never queued after a crash) is
 * dropped when met, so one bad export never holds back the unit's later ones.
 */
@Injectable()
export class UnitOrderStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SCHEDULE_KEYS) private readonly keys: ScheduleKeys,
    private readonly producer: JobProducer,
  ) {}

  /** Noted in a caller's transaction (the intake's, with the document and its job). */
  queuedIn(multi: ChainableCommander, unitId: string, revision: number, documentId: string): ChainableCommander {
    return multi.zadd(this.keys.unitQueue(unitId), revision, documentId);
  }

  /** True while an export of the unit with a lower revision is still to be applied. */
  async earlierPending(unitId: string, revision: number, documentId: string): Promise<boolean> {
    const earlier = (await this.redis.zrangebyscore(this.keys.unitQueue(unitId), '-inf', `(${revision}`)).filter((id) => id !== documentId);
    const queue = this.producer.queue(QueueName.ScheduleDocuments);
    for (const id of earlier) {
      const job = await queue.getJob(JOB_IDS.scheduleDocumentApply(id));
      if (job && PENDING.has(await job.getState())) return true;
      await this.done(unitId, id);
    }
    return false;
  }

  async done(unitId: string, documentId: string): Promise<void> {
    await this.redis.zrem(this.keys.unitQueue(unitId), documentId);
  }
}
