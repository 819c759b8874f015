import { type DynamicModule, Module } from '@nestjs/common';
import { AdminAccessModule } from '@brygga/admin-access';
import { JournalReadModule } from '@brygga/journal';
import { OperationsModule, RULES_CONTROL, RULES_PROPAGATION } from '@brygga/operations';
import type { MiddlewareConfig } from '../config/middleware.config';
import { RulesPropagationService } from '../infrastructure/rules-propagation.service';
import { RulesService } from '../infrastructure/rules.service';
import { AlertsController } from './alerts.controller';
import { AuditController } from './audit.controller';
import { FailedJobsController } from './failed-jobs.controller';
import { FlowsController } from './flows.controller';
import { JournalController } from './journal.controller';
import { MaintenanceController } from './maintenance.controller';
import { QuarantineController } from './quarantine.controller';
import { QueuesController } from './queues.controller';
import { ReconcileController } from './reconcile.controller';
import { RulesController } from './rules.controller';
import { RulesToolsController } from './rules-tools.controller';
import { TenantsController } from './tenants.controller';
import { TimelineController } from './timeline.controller';

/**
 * The admin API (`/admin/api`): thin controllers on the operations services, behind the
 * role guard. Its own module so the OpenAPI document covers exactly it. The operations
 * services are global (OperationsModule), so the operations page injects the same ones.
 */
@Module({})
export class AdminApiModule {
  static forConfig(config: MiddlewareConfig): DynamicModule {
    return {
      module: AdminApiModule,
      imports: [
        AdminAccessModule.register(config.admin.tokens),
        OperationsModule.register({ journalRetentionDays: config.admin.auditRetentionDays, rulesControl: { provide: RULES_CONTROL, useExisting: RulesService }, rulesPropagation: { provide: RULES_PROPAGATION, useExisting: RulesPropagationService }, rulesReplaySyncMax: config.env.RULES_REPLAY_SYNC_MAX }),
        JournalReadModule,
      ],
      controllers: [FlowsController, QueuesController, FailedJobsController, QuarantineController, RulesController, RulesToolsController, TenantsController, MaintenanceController, AuditController, TimelineController, JournalController, AlertsController, ReconcileController],
      // The operations page and the queue dashboard import this module for the same token registry and guard.
      exports: [AdminAccessModule],
    };
  }
}
