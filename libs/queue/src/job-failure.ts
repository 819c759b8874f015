import type { Job } from 'bullmq';

/** What a failed job's event says of it beside its message: a code and the ids its data names. */
export interface JobFailure {
  /** The error's reason code (a `PermanentFailure`'s) when it has one, else its class name. */
  reasonCode: string;
  /** The business ids in the job's data (payloads hold ids only); for the journal. */
  ids: { assignmentId?: string; documentId?: string; version?: number };
}

const CODE = /^[A-Za-z0-9._-]{1,100}$/;

export function jobFailureOf(job: Job, error: Error): JobFailure {
  const code = (error as { reasonCode?: unknown }).reasonCode;
  const reasonCode = typeof code === 'string' && CODE.test(code) ? code : CODE.test(error.name) ? error.name : 'Error';
  const data = (job.data ?? {}) as Record<string, unknown>;
  const ids: JobFailure['ids'] = {};
  if (typeof data.assignmentId === 'string') ids.assignmentId = data.assignmentId;
  if (typeof data.documentId === 'string') ids.documentId = data.documentId;
  if (typeof data.version === 'number') ids.version = data.version;
  return { reasonCode, ids };
}
