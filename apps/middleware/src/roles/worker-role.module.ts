import { DynamicModule, Module } from '@nestjs/common';
import { InterventionsWorkerModule } from '@brygga/interventions';
import { JobHandlersModule } from '@brygga/queue';
import { SchedulesWorkerModule } from '@brygga/schedules';
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
        JobHandlersModule,
      ],
      providers: [WorkersService],
      exports: [WorkersService],
    };
  }
}
