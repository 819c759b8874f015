import { Injectable, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AdminRequestAuthenticator, attachAdminContext, AuditLogStore, roleAllows } from '@brygga/admin-access';
import { judgeBoardRequest } from './queue-board.policy';
import { QUEUE_BOARD_ROUTE, ReadOnlyQueueBoard } from './queue-boards';

// What the audit log takes as a target; anything else is left out rather than stored.
const TARGET = /^[A-Za-z0-9._:/@#-]{1,200}$/;

/**
 * In front of the queue dashboard: the same sign-in as the page (its session cookie, or a
 * bearer token), then the board for the caller's role. A viewer is handed to the read-only
 * board; operators and admins go on to the full one. State-changing calls are judged by
 * the dashboard's policy (queue-board.policy.ts) and the ones allowed are audited like the
 * page's and the API's actions. Without a sign-in a browser is sent to the sign-in page.
 */
@Injectable()
export class QueueBoardDispatcher {
  private readonly logger = new Logger('QueueBoard');

  constructor(
    private readonly authenticator: AdminRequestAuthenticator,
    private readonly readOnly: ReadOnlyQueueBoard,
    private readonly audit: AuditLogStore,
  ) {}

  /** The Express middleware. */
  handle(req: Request, res: Response, next: NextFunction): void {
    this.dispatch(req, res, next).catch(next);
  }

  private async dispatch(req: Request, res: Response, next: NextFunction): Promise<void> {
    const path = pathUnderBoard(req);
    const auth = await this.authenticator.authenticate(req);
    if (!auth.ok && auth.problem === 'cross-origin') {
      res.status(403).json({ error: 'the queue dashboard may change things only from its own origin' });
      return;
    }
    if (!auth.ok) {
      // A page of the board: to the sign-in, which brings the browser back to the operations page.
      if (req.method === 'GET' && !path.startsWith('/api/')) return res.redirect(303, '/admin');
      res.status(401).json({ error: 'sign in on /admin first' });
      return;
    }
    const { principal } = auth;
    const verdict = judgeBoardRequest(req.method, path);
    if (verdict.kind === 'refused') {
      this.logger.warn(`queue dashboard: ${principal.name} (${principal.role}) tried ${req.method} …/${lastWordOf(path)}, which the dashboard never does`);
      res.status(403).json({ error: 'not from the queue dashboard: discard failed jobs on the operations page (they are kept, with a reason); jobs are added only by Brygga itself' });
      return;
    }
    if (verdict.kind === 'change') {
      if (!roleAllows(principal.role, verdict.role)) {
        res.status(403).json({ error: `this needs the ${verdict.role} role; the token ${principal.name} has ${principal.role}` });
        return;
      }
      const { requestId } = attachAdminContext(req, principal);
      res.on('finish', () => {
        const entry = { tokenName: principal.name, role: principal.role, action: verdict.action, ...(TARGET.test(verdict.target) && { target: verdict.target }), requestId };
        this.audit.append({ ...entry, outcome: res.statusCode < 400 ? 'ok' : 'failed' }).catch((error: unknown) => {
          this.logger.error(`queue dashboard: the audit entry of ${verdict.action} by ${principal.name} could not be written: ${error instanceof Error ? error.message : String(error)}`);
        });
      });
    }
    if (principal.role === 'viewer') {
      // Whatever the read-only board does not answer ends here, never in the full board behind it.
      this.readOnly.router(req, res, (error?: unknown) => (error ? next(error) : res.status(404).json({ error: 'not found' })));
      return;
    }
    next();
  }
}

/** The request's path under the board's route, whether or not the mount stripped it from `url`. */
function pathUnderBoard(req: Request): string {
  const path = (req.originalUrl || req.url).split('?')[0];
  if (path === QUEUE_BOARD_ROUTE) return '/';
  return path.startsWith(`${QUEUE_BOARD_ROUTE}/`) ? path.slice(QUEUE_BOARD_ROUTE.length) : path;
}

// For a log line: what was tried (`clean`, `add`), without the queue or job ids around it.
function lastWordOf(path: string): string {
  const last = path.split('/').pop() ?? '';
  return /^[a-z-]{1,40}$/.test(last) ? last : '?';
}
