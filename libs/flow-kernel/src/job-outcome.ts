import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { PermanentFailure, TenantUnavailable } from '@brygga/domain';

/**
 * Another worker holds what this job needs (its assignment, customer, unit or employee):
 * come back in about `retryMs` without spending an attempt. BullMQ's own way, so the job
 * keeps its id, data and attempts; jittered so waiting jobs do not return in step.
 */
export async function comeBackLater(job: Job, token: string | undefined, retryMs: number): Promise<never> {
  await job.moveToDelayed(Date.now() + retryMs + Math.floor(Math.random() * retryMs), token);
  throw new DelayedError();
}

/** At most this much is added to a tenant's wake-up time, so that its waiting jobs do not all return at once. */
const MAX_TENANT_JITTER_MS = 5_000;
/**
 * A waiting job looks again at least this often: a window ended early or dropped from the
 * rules by a reload lets its writes go within this time even if nobody promotes them.
 */
export const MAX_TENANT_WAIT_MS = 60_000;

/**
 * Runs a job's `work`; when a tenant takes no writes now (its maintenance window, its
 * breaker open: `TenantUnavailable`), the job waits until then (at most MAX_TENANT_WAIT_MS) plus a jitter, without
 * spending an attempt and without failing (BullMQ's moveToDelayed, as `comeBackLater`).
 * What the job recorded before stays recorded; its retry resends only what is not.
 */
export async function waitOutUnavailableTenant<T>(job: Job, token: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof TenantUnavailable)) throw error;
    const wait = Math.min(MAX_TENANT_WAIT_MS, Math.max(0, error.until.getTime() - Date.now()));
    const jitter = Math.floor(Math.random() * Math.min(MAX_TENANT_JITTER_MS, Math.max(250, wait / 10)));
    await job.moveToDelayed(Date.now() + wait + jitter, token);
    throw new DelayedError();
  }
}

/**
 * Runs `work`: a PermanentFailure fails the job at once (UnrecoverableError, kept with its
 * reason; `onPermanent` counts it), anything else is rethrown for the queue's retry with
 * backoff. Never swallowed either way. The failed job's reason starts with the failure's
 * code in brackets (`[planning-refused] ...`, see `failedReasonCode`): BullMQ keeps only a
 * message, and operations filter failed jobs by code.
 */
export async function failPermanentlyOn<T>(work: () => Promise<T>, onPermanent: (failure: PermanentFailure) => Promise<void>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PermanentFailure) {
      await onPermanent(error);
      throw new UnrecoverableError(`[${error.reasonCode}] ${error.message}`);
    }
    throw error;
  }
}

/** What BullMQ's message for a job that stalled too often starts with. */
const STALLED = 'job stalled more than allowable limit';
const CODED = /^\[([a-z0-9][a-z0-9.-]{0,63})\] ([\s\S]*)$/;

export interface FailureReason {
  /**
   * The PermanentFailure's code (`planning-refused`, ...); `transient.stalled` for a job
   * whose worker kept dying under it; `transient.exhausted` for a job that spent all its
   * attempts on failures worth retrying; `unknown` for one that failed at once without a
   * code (a payload version this worker does not know, a stored document gone).
   */
  code: string;
  /** The reason's words, without the code. */
  text: string;
}

/** The code and text of a failed job's reason, as `failPermanentlyOn` wrote it. */
export function failureReasonOf(failedReason: string, attemptsMade: number, attempts: number): FailureReason {
  const coded = CODED.exec(failedReason);
  if (coded) return { code: coded[1], text: coded[2] };
  if (failedReason.startsWith(STALLED)) return { code: 'transient.stalled', text: failedReason };
  return { code: attemptsMade >= attempts ? 'transient.exhausted' : 'unknown', text: failedReason };
}
