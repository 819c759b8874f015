import { createHash } from 'node:crypto';
import type { UppdragResult } from '@brygga/case-system';
import type { JobProducer } from '@brygga/queue';
import type { InterventionsStores } from './flow-context';

export interface IntakeCounts {
  queued: number;
  quarantined: number;
}

/** A BullMQ job id per assignment version: a second delivery of the same version is a no-op while the first is kept. */
export function assignmentJobId(assignmentId: string, version: number): string {
  return `asg-${createHash('sha256').update(assignmentId).digest('hex').slice(0, 24)}-v${version}`;
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
      opts: { jobId: assignmentJobId(a.id, a.version) },
    }));
    await this.producer.enqueueBulk('assignment.apply', jobs);
    counts.queued = jobs.length;
    await this.stores.stats.incrementMany({ received: results.length });
    return counts;
  }
}
