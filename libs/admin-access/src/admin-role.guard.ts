import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { type AdminRole, roleAllows } from './admin-role';
import { attachAdminContext } from './admin-principal';
import { AdminRequestAuthenticator } from './admin-request.authenticator';
import { RequiresRole } from './requires-role.decorator';

const DEFAULT_ROLE: AdminRole = 'viewer';

/**
 * Admin routes' access, by a bearer token (API clients) or the operations page's session
 * cookie (the page, the queue dashboard), with the same role rules for both: no
 * credentials or unknown ones are a 401, a role too weak a 403, and so is a session cookie
 * on a state-changing request from another origin (see AdminRequestAuthenticator).
 * All are thrown as Nest's HTTP exceptions; the app's ProblemJsonFilter answers them as
 * application/problem+json like every other error (this lib cannot use the app's
 * `problemOf`: libs never import apps). On success the caller's name, role and a request
 * id are put on the request (`@AdminContext()`) for the audit log.
 */
@Injectable()
export class AdminRoleGuard implements CanActivate {
  private readonly logger = new Logger('AdminAccess');

  constructor(
    private readonly reflector: Reflector,
    @Inject(AdminRequestAuthenticator) private readonly authenticator: AdminRequestAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const needed = this.reflector.getAllAndOverride(RequiresRole, [context.getHandler(), context.getClass()]) ?? DEFAULT_ROLE;
    const auth = await this.authenticator.authenticate(request);
    // The route pattern, not the URL: no query string, no ids a client made up.
    const route = () => `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? '?'}`;
    if (!auth.ok && auth.problem === 'cross-origin') {
      this.logger.warn(`admin access refused: a session cookie on ${route()} from another origin`);
      throw new ForbiddenException('a signed-in page may change things only from its own origin');
    }
    if (!auth.ok) {
      // RFC 6750: a 401 names the scheme it wants.
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="brygga-admin"');
      throw new UnauthorizedException('admin routes need Authorization: Bearer <token> with a configured admin token, or a signed-in session of the operations page');
    }
    const { principal } = auth;
    if (!roleAllows(principal.role, needed)) {
      this.logger.warn(`admin access refused: ${principal.name} (${principal.role}) on ${route()}, which needs ${needed}`);
      throw new ForbiddenException(`this needs the ${needed} role; the token ${principal.name} has ${principal.role}`);
    }
    attachAdminContext(request, principal);
    return true;
  }
}
