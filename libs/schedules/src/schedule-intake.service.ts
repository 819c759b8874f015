import type { DocumentSource } from '@brygga/flow-kernel';
import { JOB_IDS, type JobProducer } from '@brygga/queue';
import { SCHEDULING_SYSTEM, SchedulesStores } from './schedules-flow-context';
import { UnitOrderStore } from './unit-order.store';

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
export class ScheduleIntake {
  constructor(
    private readonly stores: SchedulesStores,
    private readonly producer: JobProducer,
  ) {}

  async accept(bytes: Buffer, source: DocumentSource, order: ExportOrder): Promise<string> {
    const documentId = await this.stores.documents.put(bytes, { source, system: SCHEDULING_SYSTEM });
    await new UnitOrderStore(this.stores.redis, this.stores.scheduleKeys, this.producer).queued(order.unitId, order.revision, documentId);
    await this.producer.enqueue('schedule-document.apply', { v: 1, documentId }, { jobId: JOB_IDS.scheduleDocumentApply(documentId) });
    return documentId;
  }
}
