import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The request id of what is running now: an HTTP request, or a job (which carries the id of
 * the request or poll that caused it). Hand-written because nothing installed carries it
 * across a queue: pino-http's context ends with the HTTP request and a job runs later, often
 * in another process; BullMQ only moves the job's data. So the producer stamps the id into
 * the job (`rid`) and the worker host runs the handler inside it again.
 */
const storage = new AsyncLocalStorage<string>();

/** What a caller may send as `X-Request-Id`; anything else is replaced by a new id, never echoed. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export function isSaneRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID_PATTERN.test(value);
}

export function newRequestId(): string {
  return randomUUID();
}

/** The id of the request or job running now, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore();
}

/** Runs `fn` (and everything it awaits or schedules) under `requestId`. */
export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run(requestId, fn);
}
