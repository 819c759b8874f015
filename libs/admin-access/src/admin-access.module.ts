import { type DynamicModule, Module } from '@nestjs/common';
import { AdminRequestAuthenticator } from './admin-request.authenticator';
import { AdminRoleGuard } from './admin-role.guard';
import { AdminTokenRegistry } from './admin-token.registry';
import type { AdminTokenEntry } from './admin-tokens.config';

/**
 * The registry, the authenticator and the guard for a module whose controllers use
 * `@UseGuards(AdminRoleGuard)`; the page's sessions too when AdminSessionsModule is
 * registered. Tokens come in already validated (readAdminAccessConfig), so a bad
 * configuration stops the boot before Nest starts.
 */
@Module({})
export class AdminAccessModule {
  static register(tokens: readonly AdminTokenEntry[]): DynamicModule {
    return {
      module: AdminAccessModule,
      providers: [{ provide: AdminTokenRegistry, useFactory: () => new AdminTokenRegistry(tokens) }, AdminRequestAuthenticator, AdminRoleGuard],
      exports: [AdminTokenRegistry, AdminRequestAuthenticator, AdminRoleGuard],
    };
  }
}
