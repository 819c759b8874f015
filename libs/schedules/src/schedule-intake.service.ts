import type { DocumentSource } from '@brygga/flow-kernel';
import type { JobProducer } from '@brygga/queue';
import { SCHEDULING_SYSTEM, SchedulesStores } from './schedules-flow-context';

/** One apply job per stored export: a second queueing of the same document is a no-op. */
export function scheduleDocumentJobId(documentId: string): string {
  return `sdoc-${documentId}`;
}

/**
 * Takes a schedule export from any way in (push, poll): stores the raw document, then
 * queues its apply. The export travels as its document id: a whole export is too big
 * for a job. After this the sender may be acknowledged.
 */
export class ScheduleIntake {
  constructor(
    private readonly stores: SchedulesStores,
    private readonly producer: JobProducer,
  ) {}

  async accept(bytes: Buffer, source: DocumentSource): Promise<string> {
    const documentId = await this.stores.documents.put(bytes, { source, system: SCHEDULING_SYSTEM });
    await this.producer.enqueue('schedule-document.apply', { v: 1, documentId }, { jobId: scheduleDocumentJobId(documentId) });
    return documentId;
  }
}
