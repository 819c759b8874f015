import { DynamicModule, Module } from '@nestjs/common';
import { InterventionsRulesModule, InterventionsWorkerModule } from '@brygga/interventions';
import { ReconcileJobModule, RULES_CONTROL, RulesReplayJobModule } from '@brygga/operations';
import { JobHandlersModule } from '@brygga/queue';
import { SchedulesRulesModule, SchedulesWorkerModule } from '@brygga/schedules';
import { RulesService } from '../infrastructure/rules.service';
import type { MiddlewareConfig } from '../config/middleware.config';
import { WorkersService } from '../workers/workers.service';

/** The worker role: each flow's jobs and what schedules them, and the queue workers that run them. */
@Module({})
export class WorkerRoleModule {
  static forConfig(config: MiddlewareConfig): DynamicModule {
    const { caseSystem, schedulingSystem } = config;
    return {
      module: WorkerRoleModule,
      imports: [
        InterventionsWorkerModule.forRoot({
          customerIdKey: config.customerIdKey,
          caseFeed: { url: caseSystem.url, token: caseSystem.token, pollSeconds: caseSystem.pollSeconds },
          dropDir: caseSystem.dropDir,
        }),
        SchedulesWorkerModule.forRoot({ schedulingApi: schedulingSystem }),
        // The rules replay's job: over both flows' stores, under the rules this process holds.
        InterventionsRulesModule.register(config.customerIdKey),
        SchedulesRulesModule,
        RulesReplayJobModule.register({ provide: RULES_CONTROL, useExisting: RulesService }),
        // Reconciliation's jobs: over both flows' `@ReconciledFlow()` providers (in their worker modules, beside the source clients they read).
        ReconcileJobModule.register({ maxRps: config.env.RECONCILE_MAX_RPS, cron: config.env.RECONCILE_CRON === 'off' ? null : config.env.RECONCILE_CRON, autoRepair: config.env.RECONCILE_REPAIR === 'true' }),
        JobHandlersModule,
      ],
      providers: [WorkersService],
      exports: [WorkersService],
    };
  }
}
