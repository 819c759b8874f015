import { Injectable } from '@nestjs/common';
import { type FlowOperations, OperatedFlow, type QuarantineEntry } from '@brygga/flow-kernel';
import { JOB_IDS, JobProducer } from '@brygga/queue';
import { InterventionsStats } from './interventions-stats.store';

/**
 * The interventions flow for operations: its counters and quarantine, and how a
 * quarantined assignment goes through `assignment.apply` again from its stored version.
 */
@Injectable()
@OperatedFlow()
export class InterventionsOperations implements FlowOperations {
  readonly flow: string;

  constructor(
    readonly stats: InterventionsStats,
    private readonly producer: JobProducer,
  ) {
    this.flow = stats.flow;
  }

  /**
   * Only the apply job quarantines with the rules' version, and it runs on a stored
   * version; an assignment refused at intake (broken XML, a bad identity number) was
   * never stored, and is fixed by the case system sending it again.
   */
  canRequeue(entry: QuarantineEntry): boolean {
    return entry.version !== undefined && entry.rulesVersion !== undefined;
  }

  async requeue(entry: QuarantineEntry, attempt: string): Promise<void> {
    if (entry.version === undefined) throw new Error(`quarantine entry ${entry.id} has no stored version to requeue`);
    await this.producer.enqueue(
      'assignment.apply',
      { v: 1, assignmentId: entry.ref, version: entry.version, ...(entry.documentId !== undefined && { documentId: entry.documentId }) },
      { jobId: `${JOB_IDS.assignmentApply(entry.ref, entry.version)}-requeue-${attempt}` },
    );
  }
}
