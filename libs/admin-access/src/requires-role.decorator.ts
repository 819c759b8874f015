import { Reflector } from '@nestjs/core';
import type { AdminRole } from './admin-role';

/**
 * The least role a route (or every route of a controller) needs: `@RequiresRole('operator')`.
 * On a handler it overrides the controller's. A route without it needs `viewer`: behind
 * AdminRoleGuard nothing is open by omission.
 */
export const RequiresRole = Reflector.createDecorator<AdminRole>();
