import type { UppdragResult } from '@brygga/case-system';
import { JOB_IDS, type JobProducer } from '@brygga/queue';
import type { InterventionsStores } from './flow-context';

export interface IntakeCounts {
  queued: number;
  quarantined: number;
}

/**
 * Takes parsed assignments from any way in (push, feed, file): a valid one is stored
 * and queued for applying; an invalid one is quarantined with its reasons, and the
 * others go on. Safe to repeat: storage is first-wins and job ids dedupe.
 */
export class AssignmentIntake {
  constructor(
    private readonly stores: InterventionsStores,
    private readonly producer: JobProducer,
  ) {}

  async accept(results: UppdragResult[], documentId?: string): Promise<IntakeCounts> {
    const counts: IntakeCounts = { queued: 0, quarantined: 0 };
    const valid = [];
    for (const result of results) {
      if (result.ok) {
        valid.push(result.assignment);
        continue;
      }
      await this.stores.stats.quarantine({ ref: result.assignmentId ?? '(no valid id)', version: result.version, documentId, reasons: result.reasons });
      counts.quarantined++;
    }
    // Stored before queued: a job never points at content that is not there.
    await this.stores.assignments.storeVersions(valid);
    const jobs = valid.map((a) => ({
      data: { v: 1 as const, assignmentId: a.id, version: a.version, documentId },
      opts: { jobId: JOB_IDS.assignmentApply(a.id, a.version) },
    }));
    await this.producer.enqueueBulk('assignment.apply', jobs);
    counts.queued = jobs.length;
    await this.stores.stats.incrementMany({ received: results.length });
    return counts;
  }
}
