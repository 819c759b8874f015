import { Job, UnrecoverableError } from 'bullmq';
import { DocumentRejectedError, parseUppdragsexport } from '@brygga/case-system';
import type { JobHandlerProvider, JobPayloads } from '@brygga/queue';
import { AssignmentIntake, IntakeCounts } from './assignment-intake.service';
import type { InterventionsStores } from './flow-context';

/** Splits a stored document (push or feed) into per-assignment jobs. */
export class CaseDocumentProcessor implements JobHandlerProvider {
  constructor(
    private readonly stores: InterventionsStores,
    private readonly intake: AssignmentIntake,
  ) {}

  handlers() {
    return { 'case-document.split': (job: Job<JobPayloads['case-document.split']>) => this.split(job) };
  }

  async split(job: Job<JobPayloads['case-document.split']>): Promise<IntakeCounts> {
    const { v, documentId } = job.data;
    if (v !== 1) throw new UnrecoverableError(`case-document.split payload version ${String(v)} is not known`);
    const bytes = await this.stores.documents.get(documentId);
    if (!bytes) throw new UnrecoverableError(`document ${documentId}: stored content expired or missing`);
    try {
      const parsed = parseUppdragsexport(bytes);
      return await this.intake.accept(parsed.results, documentId);
    } catch (error) {
      if (error instanceof DocumentRejectedError) throw new UnrecoverableError(`document ${documentId} rejected: ${error.message}`);
      throw error;
    }
  }
}
