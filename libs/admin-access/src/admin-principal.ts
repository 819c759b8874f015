import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AdminRole } from './admin-role';

/** Who called an admin route: the token's configured name and role, never the token. */
export interface AdminPrincipal {
  name: string;
  role: AdminRole;
}

/** What the guard leaves on the request for the handler and the audit log. */
export interface AdminRequestContext {
  principal: AdminPrincipal;
  /**
   * The request's id, as its log lines and the jobs it queues carry it (the middleware's
   * `req.id`, from a sane `X-Request-Id` or new): ties an audit entry to the logs.
   */
  requestId: string;
}

// A symbol, not a property name: nothing a client sends (a body field, a header) can set it.
const CONTEXT = Symbol('brygga:admin-request-context');
/** The middleware's rule for a caller's id (libs/queue's request context); used only where no `req.id` was set. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

type WithContext = { [CONTEXT]?: AdminRequestContext; id?: unknown; headers?: Record<string, string | string[] | undefined> };

function requestIdOf(request: WithContext): string {
  if (typeof request.id === 'string') return request.id;
  const header = request.headers?.['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

export function attachAdminContext(request: object, principal: AdminPrincipal): AdminRequestContext {
  const context = { principal, requestId: requestIdOf(request as WithContext) };
  (request as WithContext)[CONTEXT] = context;
  return context;
}

/** The context the guard attached; throws when the route is not behind AdminRoleGuard (a wiring mistake, not a client's). */
export function adminContextOf(request: object): AdminRequestContext {
  const context = (request as WithContext)[CONTEXT];
  if (!context) throw new Error('no admin principal on this request: is the route behind AdminRoleGuard?');
  return context;
}

/** The handler parameter `@AdminContext() admin: AdminRequestContext`. */
export const AdminContext = createParamDecorator((_data: unknown, ctx: ExecutionContext) => adminContextOf(ctx.switchToHttp().getRequest<object>()));
