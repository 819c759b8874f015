import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { AdminSessionsModule, type AdminSessionSettings } from '@brygga/admin-access';
import { AdminActionsController } from './admin-actions.controller';
import { MaintenanceActionsController } from './maintenance-actions.controller';
import { AdminPageController } from './admin-page.controller';
import { AdminSessionController } from './admin-session.controller';
import { DashboardLoader } from './dashboard.loader';
import { ReconcilePageController } from './reconcile-page.controller';
import { RulesPageController } from './rules-page.controller';
import { TimelinePageController } from './timeline-page.controller';

/**
 * The operations page at /admin: sign-in and sessions, the dashboard, its actions.
 * `imports` are the API role's own AdminAccessModule and OperationsModule (the same
 * instances the admin API uses, so one registry and one set of services).
 */
@Module({})
export class AdminPageModule {
  static register(sessions: AdminSessionSettings, imports: NonNullable<ModuleMetadata['imports']>): DynamicModule {
    return {
      module: AdminPageModule,
      imports: [AdminSessionsModule.forRoot(sessions), ...imports],
      controllers: [AdminPageController, AdminSessionController, AdminActionsController, MaintenanceActionsController, TimelinePageController, RulesPageController, ReconcilePageController],
      providers: [DashboardLoader],
    };
  }
}
