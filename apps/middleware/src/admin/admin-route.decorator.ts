import { applyDecorators, UseGuards, UsePipes, ValidationPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { type AdminRole, AdminRoleGuard, RequiresRole } from '@brygga/admin-access';

/** The OpenAPI extension naming a route's least role; written from the same value the guard reads, and checked by the access e2e test. */
export const REQUIRED_ROLE_EXTENSION = 'x-required-role';

/**
 * An admin API route: the least role it needs (the guard's `@RequiresRole`), the same in
 * its OpenAPI description, bearer auth and the 401/403 it may answer. One decorator, so a
 * route cannot be guarded one way and documented another.
 */
export function AdminRoute(role: AdminRole, summary: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    RequiresRole(role),
    ApiOperation({ summary }),
    ApiExtension(REQUIRED_ROLE_EXTENSION, role),
    ApiBearerAuth(),
    ApiResponse({ status: 401, description: 'no token, or one that is not configured' }),
    ApiResponse({ status: 403, description: `a role below ${role}` }),
    ApiResponse({ status: 400, description: 'a parameter that is not valid (problem+json naming it)' }),
  );
}

/** Every admin API controller: behind the role guard, its query and body checked by their DTOs (a 400 naming the parameter). */
export function AdminApiController(): ClassDecorator {
  return applyDecorators(UseGuards(AdminRoleGuard), UsePipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true })));
}
