import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { PermanentFailure } from '@brygga/domain';

/**
 * Another worker holds what this job needs (its assignment, customer, unit or employee):
 * come back in about `retryMs` without spending an attempt. BullMQ's own way, so the job
 * keeps its id, data and attempts; jittered so waiting jobs do not return in step.
 */
export async function comeBackLater(job: Job, token: string | undefined, retryMs: number): Promise<never> {
  await job.moveToDelayed(Date.now() + retryMs + Math.floor(Math.random() * retryMs), token);
  throw new DelayedError();
}

/**
 * Runs `work`: a PermanentFailure fails the job at once (UnrecoverableError, kept with its
 * reason; `onPermanent` counts it), anything else is rethrown for the queue's retry with
 * backoff. Never swallowed either way.
 */
export async function failPermanentlyOn<T>(work: () => Promise<T>, onPermanent: (failure: PermanentFailure) => Promise<void>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PermanentFailure) {
      await onPermanent(error);
      throw new UnrecoverableError(error.message);
    }
    throw error;
  }
}
