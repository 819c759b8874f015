import { PermanentFailure } from '@brygga/domain';

/** A failure worth retrying: connection errors, timeouts, 5xx, 429/503 (after Retry-After). */
export class PlanningTransientError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PlanningTransientError';
  }
}

/** A 4xx other than 429: sending the same again fails again. Carries the Problem's title and field names only. */
export class PlanningPermanentError extends PermanentFailure {
  readonly reasonCode = 'planning-refused';

  constructor(
    readonly status: number,
    readonly title: string,
    readonly fields: string[],
    readonly where: string,
  ) {
    super(`planning tool answered ${status} to ${where}: ${title}${fields.length ? ` (fields: ${fields.join(', ')})` : ''}`);
    this.name = 'PlanningPermanentError';
  }
}

const DELTA_SECONDS = /^\s*\d{1,9}\s*$/;
// IMF-fixdate only: V8's Date.parse reads almost any junk ('soon 2', '-1') as some date.
const HTTP_DATE = /^\s*[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT\s*$/;

/** Retry-After as milliseconds: delta-seconds or an HTTP date; anything else is no hint. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value * 1000 : undefined;
  if (typeof value !== 'string') return undefined;
  if (DELTA_SECONDS.test(value)) return Number(value) * 1000;
  if (!HTTP_DATE.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface ProblemLike {
  title?: unknown;
  errors?: Array<{ field?: unknown }>;
}

/** Title and field names of a Problem body; never the detail (it may echo the values sent). */
export function summariseProblem(body: unknown): { title: string; fields: string[] } {
  const problem = (body && typeof body === 'object' ? body : {}) as ProblemLike;
  const title = typeof problem.title === 'string' ? problem.title.slice(0, 200) : 'no problem title';
  const fields = Array.isArray(problem.errors)
    ? [...new Set(problem.errors.map((e) => (typeof e?.field === 'string' ? e.field : '')).filter(Boolean))]
    : [];
  return { title, fields };
}
