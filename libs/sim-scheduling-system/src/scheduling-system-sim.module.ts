import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { BearerTokenGuard } from './bearer-token.guard';
import { ControlController } from './control.controller';
import { PlainTextErrorFilter } from './plain-text-error.filter';
import { PublishService } from './publish.service';
import { SCHEDULING_SYSTEM_SIM_OPTIONS, SchedulingSystemSimOptions } from './scheduling-system-sim.options';
import { SchedulesController } from './schedules.controller';
import { SchedulingSystemStore } from './scheduling-system.store';

/** The scheduling-system simulator: vendor API under /api, test controls under /_sim. */
@Module({})
export class SchedulingSystemSimModule {
  static forRoot(options: SchedulingSystemSimOptions): DynamicModule {
    return {
      module: SchedulingSystemSimModule,
      controllers: [SchedulesController, ControlController],
      providers: [
        { provide: SCHEDULING_SYSTEM_SIM_OPTIONS, useValue: options },
        { provide: APP_FILTER, useClass: PlainTextErrorFilter },
        SchedulingSystemStore,
        PublishService,
        BearerTokenGuard,
      ],
      exports: [SchedulingSystemStore, PublishService],
    };
  }
}
