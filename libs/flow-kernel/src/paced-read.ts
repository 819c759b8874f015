import { PermanentFailure } from '@brygga/domain';
import type { ReadPace } from './reconcile';

/** Attempts of one reconciliation read, and the waits between them. */
const READ_ATTEMPTS = 3;
const READ_BACKOFF_MS = [1000, 3000];

/**
 * One read of a reconciliation run, paced, and tried again when it failed for a passing
 * reason (a connection reset, a timeout, a 503): a run reads for half an hour at 20 a
 * second, and one reset must not throw all of it away. Each attempt waits its turn in the
 * pace, so the rate holds; a refusal (a permanent failure) is thrown at once, and so is the
 * last attempt's failure (the run then fails, naming it).
 */
export async function pacedRead<T>(pace: ReadPace, tenant: string, read: () => Promise<T>, backoffMs: readonly number[] = READ_BACKOFF_MS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    await pace(tenant);
    try {
      return await read();
    } catch (error) {
      if (error instanceof PermanentFailure || attempt >= READ_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs[attempt - 1] ?? 0));
    }
  }
}
