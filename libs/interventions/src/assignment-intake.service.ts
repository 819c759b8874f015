import { Injectable } from '@nestjs/common';
import type { ParsedExport, UppdragResult } from '@brygga/case-system';
import { DocumentSource, DocumentStore } from '@brygga/flow-kernel';
import { JOB_IDS, JobProducer } from '@brygga/queue';
import { AssignmentStateStore } from './assignment-state.store';
import { InterventionsStats } from './interventions-stats.store';

export interface IntakeCounts {
  queued: number;
  quarantined: number;
}

/**
 * Takes parsed assignments from any way in (push, feed, file): a valid one is stored
 * and queued for applying; an invalid one is quarantined with its reasons, and the
 * others go on. Safe to repeat: storage is first-wins and job ids dedupe.
 */
@Injectable()
export class AssignmentIntake {
  constructor(
    private readonly documents: DocumentStore,
    private readonly assignments: AssignmentStateStore,
    private readonly stats: InterventionsStats,
    private readonly producer: JobProducer,
  ) {}

  /**
   * A whole document (pushed or fetched): the raw bytes stored first, for audit and
   * redrive, then its assignments accepted. The sender may be acknowledged after this.
   */
  async receiveDocument(bytes: Buffer, parsed: ParsedExport, source: DocumentSource): Promise<string> {
    const documentId = await this.documents.put(bytes, { source, system: 'case-system' });
    await this.accept(parsed.results, documentId);
    return documentId;
  }

  async accept(results: UppdragResult[], documentId?: string): Promise<IntakeCounts> {
    const counts: IntakeCounts = { queued: 0, quarantined: 0 };
    const valid = [];
    for (const result of results) {
      if (result.ok) {
        valid.push(result.assignment);
        continue;
      }
      await this.stats.quarantine({ ref: result.assignmentId ?? '(no valid id)', version: result.version, documentId, reasons: result.reasons });
      counts.quarantined++;
    }
    // Stored before queued: a job never points at content that is not there.
    await this.assignments.storeVersions(valid);
    const jobs = valid.map((a) => ({
      data: { v: 1 as const, assignmentId: a.id, version: a.version, documentId },
      opts: { jobId: JOB_IDS.assignmentApply(a.id, a.version) },
    }));
    await this.producer.enqueueBulk('assignment.apply', jobs);
    counts.queued = jobs.length;
    await this.stats.incrementMany({ received: results.length });
    return counts;
  }
}
