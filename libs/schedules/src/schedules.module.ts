import { Module } from '@nestjs/common';
import { KEY_PREFIX } from '@brygga/flow-kernel';
import { scheduleKeys } from './schedule-keys';
import { ScheduleIntake } from './schedule-intake.service';
import { ScheduleStateStore } from './schedule-state.store';
import { SchedulesStats } from './schedules-stats.store';
import { SCHEDULE_KEYS } from './schedules.tokens';
import { UnitOrderStore } from './unit-order.store';
import { SchedulesOperations } from './schedules.operations';

/**
 * The schedules flow's state and its way in: what a process that takes documents (the
 * API) needs, and what its worker side builds on. `SchedulesOperations` shows it to operations. Stands on FlowKernelModule's providers
 * (Redis, key prefix, job producer, document store, locks).
 */
@Module({
  providers: [{ provide: SCHEDULE_KEYS, inject: [KEY_PREFIX], useFactory: scheduleKeys }, ScheduleStateStore, UnitOrderStore, SchedulesStats, ScheduleIntake, SchedulesOperations],
  exports: [SCHEDULE_KEYS, ScheduleStateStore, UnitOrderStore, SchedulesStats, ScheduleIntake],
})
export class SchedulesModule {}
