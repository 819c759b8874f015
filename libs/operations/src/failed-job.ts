import { failureReasonOf } from '@brygga/flow-kernel';
import { flowOfJob } from './job-flows';

/** Why and by whom a failed job was set aside; it stays listed under `discarded=true`. */
export interface DiscardMark {
  at: string;
  /** The operator's short reason. Stored and shown, never logged. */
  reason: string;
  by: string;
}

/** A failed job as operations see it: ids, codes and counts, never its data beyond its ids. */
export interface FailedJobItem {
  queue: string;
  jobId: string;
  name: string;
  flow?: string;
  /** The job data's id fields (`assignmentId`, `documentId`, `version`, ...): never the rest. */
  ids: Record<string, string | number>;
  reasonCode: string;
  reason: string;
  attemptsMade: number;
  failedAt: string;
  discarded?: DiscardMark;
}

/** The job hash fields a failed job item is read from, in this order (BullMQ keeps the attempts made as `atm`; older jobs as `attemptsMade`). */
export const FAILED_JOB_FIELDS = ['name', 'data', 'failedReason', 'atm', 'attemptsMade', 'finishedOn', 'opts'] as const;

const ID_FIELD = /^(?:[A-Za-z]+Id|version|rid)$/;

/** The item from a job hash's fields (FAILED_JOB_FIELDS order), or undefined when the job is gone. */
export function failedJobItemOf(queue: string, jobId: string, fields: Array<string | null>, score: number): FailedJobItem | undefined {
  const [name, data, failedReason, atm, attemptsMade, finishedOn, opts] = fields;
  if (name === null) return undefined;
  const attempts = Number((parseJson(opts) as { attempts?: unknown }).attempts ?? 1);
  const made = Number(atm ?? attemptsMade ?? 0);
  const { code, text } = failureReasonOf(failedReason ?? '', made, Number.isFinite(attempts) ? attempts : 1);
  const flow = flowOfJob(name);
  return {
    queue,
    jobId,
    name,
    ...(flow !== undefined && { flow }),
    ids: idsOf(parseJson(data)),
    reasonCode: code,
    reason: text,
    attemptsMade: made,
    failedAt: new Date(finishedOn ? Number(finishedOn) : score).toISOString(),
  };
}

function idsOf(data: unknown): Record<string, string | number> {
  const ids: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (ID_FIELD.test(key) && (typeof value === 'string' || typeof value === 'number')) ids[key] = value;
  }
  return ids;
}

function parseJson(text: string | null): object {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? value : {};
  } catch {
    // A hash BullMQ wrote is JSON; a broken one shows as a job without ids rather than hiding the failure.
    return {};
  }
}
