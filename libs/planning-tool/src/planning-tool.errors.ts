import { PermanentFailure } from '@brygga/domain';
import { VendorTransientError } from '@brygga/vendor-http';

/** A failure worth retrying: connection errors, timeouts, 5xx, 429/503 (after Retry-After). */
export class PlanningTransientError extends VendorTransientError {
  constructor(
    message: string,
    retryAfterMs?: number,
    /** The HTTP status, when the tool answered (the journal records it as the answer). */
    readonly status?: number,
  ) {
    super(message, retryAfterMs);
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
