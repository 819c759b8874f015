import { Inject, Injectable } from '@nestjs/common';
import { DocumentIntake, DocumentStore, FLOW_OUTCOMES, type FlowEvent, type FlowOutcomeObserver, type IncomingDocument } from '@brygga/flow-kernel';
import { JOB_IDS, JobProducer } from '@brygga/queue';
import { UnitOrderStore } from './unit-order.store';

export const SCHEDULING_SYSTEM = 'scheduling-system';

/** Which unit's export it is and its revision, read when it was parsed at the edge. */
export interface ExportOrder {
  unitId: string;
  revision: number;
}

/**
 * Takes a schedule export from any way in (push, poll): the raw document stored, noted among
 * the unit's queued exports by revision, its apply queued and its journal entries written,
 * in one transaction. The export
 * travels as its document id: a whole export is too big for a job.
 */
@Injectable()
export class ScheduleIntake extends DocumentIntake<ExportOrder> {
  constructor(
    documents: DocumentStore,
    private readonly order: UnitOrderStore,
    private readonly producer: JobProducer,
    @Inject(FLOW_OUTCOMES) outcomes: FlowOutcomeObserver,
  ) {
    super(documents, SCHEDULING_SYSTEM, outcomes);
  }

  protected async acceptDocument(order: ExportOrder, document: IncomingDocument): Promise<void> {
    const documentId = document.id;
    const job = { data: { v: 1 as const, documentId, acceptedAt: Date.now() }, opts: { jobId: JOB_IDS.scheduleDocumentApply(documentId) } };
    const stored: FlowEvent = { kind: 'roster.stored', status: 'stored', refs: { documentId, unitId: order.unitId, version: order.revision } };
    let tell = (): void => undefined;
    await this.producer.enqueueBulkWith('schedule-document.apply', [job], (multi) => {
      document.storeIn(multi);
      this.order.queuedIn(multi, order.unitId, order.revision, documentId);
      tell = this.journalIn(multi, [document.received, stored]);
    });
    tell();
  }
}
