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
  /** The caller's `X-Request-Id` when it is a plain id, else a new one: ties an audit entry to the caller's logs. */
  requestId: string;
}

// A symbol, not a property name: nothing a client sends (a body field, a header) can set it.
const CONTEXT = Symbol('brygga:admin-request-context');
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type WithContext = { [CONTEXT]?: AdminRequestContext; headers?: Record<string, string | string[] | undefined> };

export function attachAdminContext(request: object, principal: AdminPrincipal): AdminRequestContext {
  const header = (request as WithContext).headers?.['x-request-id'];
  const given = typeof header === 'string' && REQUEST_ID.test(header) ? header : undefined;
  const context = { principal, requestId: given ?? randomUUID() };
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
