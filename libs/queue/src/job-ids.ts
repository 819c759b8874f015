import { createHash } from 'node:crypto';

/**
 * The job ids, beside the payloads they name: BullMQ keeps one job per id, so a second
 * queueing of the same thing is a no-op while the first is kept. Persisted in Redis:
 * change a form only with a migration.
 */
export const JOB_IDS = {
  /** One per assignment version: a second delivery of the same version is a no-op. */
  assignmentApply: (assignmentId: string, version: number) => `asg-${createHash('sha256').update(assignmentId).digest('hex').slice(0, 24)}-v${version}`,
  /** The daily re-apply of an ended assignment's applied version, once per day. */
  assignmentEndedReapply: (assignmentId: string, version: number, day: string) => `${JOB_IDS.assignmentApply(assignmentId, version)}-ended-${day}`,
  /** One apply per stored schedule export. */
  scheduleDocumentApply: (documentId: string) => `sdoc-${documentId}`,
};
