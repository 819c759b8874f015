import type { AdminRole } from '@brygga/admin-access';

/** A state-changing call of bull-board's API that the dashboard allows, and to whom. */
interface AllowedChange {
  method: string;
  /** Matched against the path under the board's base (`/api/queues/...`). */
  path: RegExp;
  role: AdminRole;
  /** The audit action. */
  action: string;
}

const Q = '([A-Za-z0-9._-]+)';
const JOB = '([^/]+)';

/**
 * What the full board (operator and up) may change, mirroring the roles of the admin API:
 * retry and promote jobs, pause and resume queues (operator); empty a queue, which is the
 * API's drain (admin). Everything else bull-board offers that changes state is refused for
 * every role, because the page does it better or it must not be done by hand:
 * - removing or cleaning jobs deletes them; a failed job is discarded on the page, with a
 *   reason, and kept (never silently deleted);
 * - adding a job or editing its data bypasses the JobProducer (typed, versioned, ids only);
 * - obliterating a queue, its schedulers, limits and concurrency are the code's to set.
 * A whitelist: a route a future bull-board adds is refused until it is listed here.
 */
const ALLOWED: readonly AllowedChange[] = [
  { method: 'PUT', path: new RegExp(`^/api/queues/${Q}/retry/(failed|completed)$`), role: 'operator', action: 'queue-board.retry-all' },
  { method: 'PUT', path: new RegExp(`^/api/queues/${Q}/${JOB}/retry$`), role: 'operator', action: 'queue-board.retry' },
  { method: 'PUT', path: new RegExp(`^/api/queues/${Q}/promote$`), role: 'operator', action: 'queue-board.promote-all' },
  { method: 'PUT', path: new RegExp(`^/api/queues/${Q}/${JOB}/promote$`), role: 'operator', action: 'queue-board.promote' },
  { method: 'PUT', path: /^\/api\/queues\/pause$/, role: 'operator', action: 'queue-board.pause-all' },
  { method: 'PUT', path: /^\/api\/queues\/resume$/, role: 'operator', action: 'queue-board.resume-all' },
  { method: 'PUT', path: new RegExp(`^/api/queues/${Q}/pause$`), role: 'operator', action: 'queue-board.pause' },
  { method: 'PUT', path: new RegExp(`^/api/queues/${Q}/resume$`), role: 'operator', action: 'queue-board.resume' },
  { method: 'PUT', path: new RegExp(`^/api/queues/${Q}/empty$`), role: 'admin', action: 'queue-board.drain' },
];

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

export type BoardRequestVerdict =
  /** Reading: anyone signed in. */
  | { kind: 'read' }
  /** A listed change: allowed to `role` and up, audited as `action` on `target`. */
  | { kind: 'change'; role: AdminRole; action: string; target: string }
  /** A change the dashboard never makes. */
  | { kind: 'refused' };

/** What a request to the board is, by its method and its path under the board's base. */
export function judgeBoardRequest(method: string, path: string): BoardRequestVerdict {
  if (SAFE_METHODS.has(method)) return { kind: 'read' };
  for (const allowed of ALLOWED) {
    const match = method === allowed.method ? allowed.path.exec(path) : null;
    // The target: the queue, and the job where there is one (ids, as the audit log takes them).
    if (match) return { kind: 'change', role: allowed.role, action: allowed.action, target: match.slice(1).map(decodeSafely).join('/') || 'all' };
  }
  return { kind: 'refused' };
}

function decodeSafely(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    // A malformed escape is kept as sent; the audit log refuses what is not an id.
    return part;
  }
}
