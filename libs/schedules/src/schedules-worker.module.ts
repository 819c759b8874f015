import { DynamicModule, Module } from '@nestjs/common';
import { flowWorkerModule } from '@brygga/flow-kernel';
import { SchedulingSystemClient } from '@brygga/scheduling-system';
import { ScheduleDocumentProcessor } from './schedule-document.processor';
import { SchedulePoller } from './schedule.poller';
import { SchedulesReconcile } from './schedules.reconcile';
import { SchedulesUpstream } from './schedules.upstream';
import { SchedulesModule } from './schedules.module';
import { SchedulesScheduler } from './schedules.scheduler';
import { POLL_HORIZON_DAYS, SCHEDULES_WORKER_OPTIONS, type SchedulesWorkerOptions } from './schedules.tokens';
import { StaffSkillsProcessor } from './staff-skills.processor';

/**
 * The schedules flow's jobs: its processors and poller (found by the worker host through
 * `@JobHandlers()`), and what schedules them. Only a worker process imports it.
 */
@Module({})
export class SchedulesWorkerModule {
  static forRoot(options: SchedulesWorkerOptions): DynamicModule {
    const { url, token, horizonDays } = options.schedulingApi;
    return flowWorkerModule(SchedulesWorkerModule, {
      flow: SchedulesModule,
      logger: 'Schedules',
      options: { provide: SCHEDULES_WORKER_OPTIONS, useValue: options },
      jobs: [
        { provide: POLL_HORIZON_DAYS, useValue: horizonDays },
        { provide: SchedulingSystemClient, useFactory: () => new SchedulingSystemClient(url, token) },
        ScheduleDocumentProcessor,
        SchedulePoller,
        StaffSkillsProcessor,
        SchedulesScheduler,
        // Reconciliation (run by operations' reconcile jobs): beside the scheduling client it reads upstream with.
        SchedulesUpstream,
        SchedulesReconcile,
      ],
    });
  }
}
