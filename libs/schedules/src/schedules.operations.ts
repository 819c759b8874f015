import { Injectable } from '@nestjs/common';
import { type FlowOperations, OperatedFlow, type QuarantineEntry } from '@brygga/flow-kernel';
import { JOB_IDS, JobProducer } from '@brygga/queue';
import { SchedulesStats } from './schedules-stats.store';

/**
 * The schedules flow for operations: its counters and quarantine, and how a quarantined
 * employee goes through `schedule-document.apply` again: the whole stored export it came
 * in (an employee's days are decided with the unit's), which the processor maps anew.
 */
@Injectable()
@OperatedFlow()
export class SchedulesOperations implements FlowOperations {
  readonly flow: string;

  constructor(
    readonly stats: SchedulesStats,
    private readonly producer: JobProducer,
  ) {
    this.flow = stats.flow;
  }

  canRequeue(entry: QuarantineEntry): boolean {
    return entry.documentId !== undefined;
  }

  /** Entries of one export requeued together share `attempt`, so the export is queued once. */
  async requeue(entry: QuarantineEntry, attempt: string): Promise<void> {
    if (entry.documentId === undefined) throw new Error(`quarantine entry ${entry.id} has no stored export to requeue`);
    // `reapply`: the export's revision was applied (its other employees); without it, the same revision is skipped as stale.
    await this.producer.enqueue('schedule-document.apply', { v: 1, documentId: entry.documentId, reapply: true }, { jobId: `${JOB_IDS.scheduleDocumentApply(entry.documentId)}-requeue-${attempt}` });
  }
}
