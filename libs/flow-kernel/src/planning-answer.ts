import { PermanentFailure, TenantUnavailable } from '@brygga/domain';

/**
 * A failed planning write as the journal's status and the planning tool's answer: a refusal
 * (a `PermanentFailure`) or anything else (5xx, 429, timeout, network: retried, `failed`), by
 * the HTTP status when the error carries one (else `no-answer`) and a code (the reason code, or
 * the error's class name).
 * Codes only: a Problem's title and an error's message may quote what was sent.
 */
export function planningAnswerOf(error: unknown): [string, { status: string; code?: string }] {
  const status = (error as { status?: unknown } | undefined)?.status;
  const answered = typeof status === 'number' && Number.isInteger(status) ? String(status) : undefined;
  // Not sent at all: the tenant's maintenance window or open breaker; the job waits and sends later.
  if (error instanceof TenantUnavailable) return error.failure !== undefined ? planningAnswerOf(error.failure) : ['waiting', { status: 'not-sent', code: error.cause }];
  if (error instanceof PermanentFailure) return ['refused', { status: answered ?? 'refused', code: error.reasonCode }];
  return ['failed', { status: answered ?? 'no-answer', code: error instanceof Error ? error.name : 'error' }];
}
