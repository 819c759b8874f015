import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { BearerTokenGuard } from './bearer-token.guard';
import { ControlController } from './control.controller';
import { PlainTextErrorFilter } from './plain-text-error.filter';
import { PublishService } from './publish.service';
import { SchedulesController } from './schedules.controller';
import { SchedulingSystemStore } from './scheduling-system.store';

/**
 * The scheduling-system simulator: vendor API under /api, test controls under /_sim.
 * `createSchedulingSystemSimulator` adds its options (SCHEDULING_SYSTEM_SIM_OPTIONS).
 */
@Module({
  controllers: [SchedulesController, ControlController],
  providers: [{ provide: APP_FILTER, useClass: PlainTextErrorFilter }, SchedulingSystemStore, PublishService, BearerTokenGuard],
  exports: [SchedulingSystemStore, PublishService],
})
export class SchedulingSystemSimModule {}
