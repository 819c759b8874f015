import { Inject, Injectable } from '@nestjs/common';
import { DocumentIntake, DocumentStore, FLOW_OUTCOMES, type FlowOutcomeObserver } from '@brygga/flow-kernel';
import { JOB_IDS, JobProducer } from '@brygga/queue';
import { UnitOrderStore } from './unit-order.store';

export const SCHEDULING_SYSTEM = 'scheduling-system';

/** Which unit's export it is and its revision, read when it was parsed at the edge. */
export interface ExportOrder {
  unitId: string;
  revision: number;
}

/**
 * Takes a schedule export from any way in (push, poll): the raw document stored first,
 * then noted among the unit's queued exports by revision and its apply queued. The export
 * travels as its document id: a whole export is too big for a job.
 */
@Injectable()
export class ScheduleIntake extends DocumentIntake<ExportOrder> {
  constructor(
    documents: DocumentStore,
    private readonly order: UnitOrderStore,
    private readonly producer: JobProducer,
    @Inject(FLOW_OUTCOMES) private readonly outcomes: FlowOutcomeObserver,
  ) {
    super(documents, SCHEDULING_SYSTEM, outcomes);
  }

  protected async acceptDocument(order: ExportOrder, documentId: string): Promise<void> {
    await this.order.queued(order.unitId, order.revision, documentId);
    await this.producer.enqueue('schedule-document.apply', { v: 1, documentId, acceptedAt: Date.now() }, { jobId: JOB_IDS.scheduleDocumentApply(documentId) });
    this.outcomes.event?.({ kind: 'roster.stored', status: 'stored', refs: { documentId, unitId: order.unitId, version: order.revision } });
  }
}
