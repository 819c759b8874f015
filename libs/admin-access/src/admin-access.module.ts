import { type DynamicModule, Module } from '@nestjs/common';
import { AdminRoleGuard } from './admin-role.guard';
import { AdminTokenRegistry } from './admin-token.registry';
import type { AdminTokenEntry } from './admin-tokens.config';

/**
 * The registry and the guard for a module whose controllers use
 * `@UseGuards(AdminRoleGuard)`. Tokens come in already validated (readAdminAccessConfig),
 * so a bad configuration stops the boot before Nest starts.
 */
@Module({})
export class AdminAccessModule {
  static register(tokens: readonly AdminTokenEntry[]): DynamicModule {
    return {
      module: AdminAccessModule,
      providers: [{ provide: AdminTokenRegistry, useFactory: () => new AdminTokenRegistry(tokens) }, AdminRoleGuard],
      exports: [AdminTokenRegistry, AdminRoleGuard],
    };
  }
}
