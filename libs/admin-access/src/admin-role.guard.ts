import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { type AdminRole, roleAllows } from './admin-role';
import { attachAdminContext } from './admin-principal';
import { AdminTokenRegistry } from './admin-token.registry';
import { RequiresRole } from './requires-role.decorator';

const DEFAULT_ROLE: AdminRole = 'viewer';

/**
 * Admin routes' access: no token or an unknown one is a 401, a role too weak a 403.
 * Both are thrown as Nest's HTTP exceptions; the app's ProblemJsonFilter answers them as
 * application/problem+json like every other error (this lib cannot use the app's
 * `problemOf`: libs never import apps). On success the caller's name, role and a request
 * id are put on the request (`@AdminContext()`) for the audit log.
 */
@Injectable()
export class AdminRoleGuard implements CanActivate {
  private readonly logger = new Logger('AdminAccess');

  constructor(
    private readonly reflector: Reflector,
    @Inject(AdminTokenRegistry) private readonly registry: AdminTokenRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const needed = this.reflector.getAllAndOverride(RequiresRole, [context.getHandler(), context.getClass()]) ?? DEFAULT_ROLE;
    const principal = this.registry.authenticate(request.headers.authorization);
    if (!principal) {
      // RFC 6750: a 401 names the scheme it wants.
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="brygga-admin"');
      throw new UnauthorizedException('admin routes need Authorization: Bearer <token> with a configured admin token');
    }
    if (!roleAllows(principal.role, needed)) {
      // The route pattern, not the URL: no query string, no ids a client made up.
      const route = (request.route as { path?: string } | undefined)?.path ?? '?';
      this.logger.warn(`admin access refused: ${principal.name} (${principal.role}) on ${request.method} ${route}, which needs ${needed}`);
      throw new ForbiddenException(`this needs the ${needed} role; the token ${principal.name} has ${principal.role}`);
    }
    attachAdminContext(request, principal);
    return true;
  }
}
