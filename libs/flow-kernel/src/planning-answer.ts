import { PermanentFailure } from '@brygga/domain';

/**
 * A failed planning write as the journal's status and the planning tool's answer: a refusal
 * (a `PermanentFailure`) by its HTTP status when it carries one and its reason code;
 * anything else (5xx, timeout, network: retried) as `failed` with the error's class name.
 * Codes only: a Problem's title and an error's message may quote what was sent.
 */
export function planningAnswerOf(error: unknown): [string, { status: string; code?: string }] {
  if (error instanceof PermanentFailure) {
    const status = (error as { status?: unknown }).status;
    return ['refused', { status: typeof status === 'number' ? String(status) : 'refused', code: error.reasonCode }];
  }
  return ['failed', { status: 'failed', code: error instanceof Error ? error.name : 'error' }];
}
