import { PermanentFailure, type TenantSendOutcome } from '@brygga/domain';
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

/**
 * How a send that threw went for the tenant's circuit breaker: the tool answered as a tool
 * (a refusal of our payload, a 429) or did not (5xx, timeout, network, our token refused).
 */
export function sendOutcomeOf(error: unknown): TenantSendOutcome {
  if (error instanceof PlanningPermanentError) return error.status === 401 ? 'failed' : 'answered';
  if (error instanceof PlanningTransientError) return error.status === 429 ? 'answered' : 'failed';
  return 'failed';
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
