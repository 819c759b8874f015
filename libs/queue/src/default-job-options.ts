import type { JobsOptions } from 'bullmq';

const DAY_SECONDS = 24 * 3600;

/**
 * How long a job's lock lasts without renewal (BullMQ's default, set explicitly): a worker
 * that died leaves its jobs this long at most before the stalled check may take them. The
 * flows' own business-key locks (LockSet) use the same lease, renewed while held, so a dead
 * worker's lock on an assignment or customer lapses no later than its jobs come back.
 */
export const JOB_LOCK_DURATION_MS = 30_000;
/**
 * How often stalled jobs are looked for: half the lock (BullMQ's default is the whole lock).
 * BullMQ runs one check per interval across all workers (a key with this expiry gates it), a
 * check moves only a job the previous check marked, and a lock renewal unmarks it; so when the
 * worker whose timer ran the checks dies just after renewing, the next check can come an
 * interval late, and its jobs come back within the lock plus two intervals. At 30 s that was up
 * to 90 s (84.9-88.4 s seen in the kill -9 fault test); at 15 s it is 60 s.
 */
export const JOB_STALLED_INTERVAL_MS = 15_000;
/**
 * How often a job may be handed back by the stalled check before BullMQ fails it ("job
 * stalled more than allowable limit", `transient.stalled`). BullMQ's default is 1. A Redis
 * failover or restart can stall the same job twice: its lock lost with the old master, and an
 * answer lost on the cut. Every job here is safe to run again, so that is not a reason to fail
 * it. A job that kills its worker each time still fails, after 3 such deaths.
 */
export const JOB_MAX_STALLED_COUNT = 3;

/**
 * Transient failures are retried with exponential backoff (jitter comes from the
 * worker's backoff strategy); failed jobs are KEPT for two weeks so operations can see
 * and redrive them; completed jobs are kept briefly for the dashboard.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: 'jittered', delay: 1000 },
  removeOnComplete: { age: 3600, count: 10000 },
  removeOnFail: { age: 14 * DAY_SECONDS },
};

/** Exponential backoff with full jitter, capped at 5 minutes. */
export function jitteredBackoff(attemptsMade: number, baseDelayMs = 1000, random: () => number = Math.random): number {
  const ceiling = Math.min(5 * 60_000, baseDelayMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
