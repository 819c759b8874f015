import { Injectable } from '@nestjs/common';
import { DocumentSource, DocumentStore } from '@brygga/flow-kernel';
import { JOB_IDS, JobProducer } from '@brygga/queue';
import { UnitOrderStore } from './unit-order.store';

export const SCHEDULING_SYSTEM = 'scheduling-system';

/** Which unit's export it is and its revision, read when it was parsed at the edge. */
export interface ExportOrder {
  unitId: string;
  revision: number;
}

/**
 * Takes a schedule export from any way in (push, poll): stores the raw document, notes
 * it among the unit's queued exports by revision, then queues its apply. The export
 * travels as its document id: a whole export is too big for a job. After this the
 * sender may be acknowledged.
 */
@Injectable()
export class ScheduleIntake {
  constructor(
    private readonly documents: DocumentStore,
    private readonly order: UnitOrderStore,
    private readonly producer: JobProducer,
  ) {}

  async receiveDocument(bytes: Buffer, source: DocumentSource, order: ExportOrder): Promise<string> {
    const documentId = await this.documents.put(bytes, { source, system: SCHEDULING_SYSTEM });
    await this.order.queued(order.unitId, order.revision, documentId);
    await this.producer.enqueue('schedule-document.apply', { v: 1, documentId }, { jobId: JOB_IDS.scheduleDocumentApply(documentId) });
    return documentId;
  }
}
