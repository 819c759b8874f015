import { DynamicModule, Module } from '@nestjs/common';
import { CASE_SYSTEM_SIM_OPTIONS, CaseSystemSimulatorOptions, resolveSimOptions } from './case-system-sim.options';
import { CaseSystemStore } from './case-system.store';
import { ControlController } from './control.controller';
import { DropService } from './drop.service';
import { FeedController } from './feed.controller';
import { FeedFaults } from './feed-faults.service';
import { PushService } from './push.service';

@Module({})
export class CaseSystemSimModule {
  static forRoot(options: CaseSystemSimulatorOptions): DynamicModule {
    return {
      module: CaseSystemSimModule,
      controllers: [FeedController, ControlController],
      providers: [{ provide: CASE_SYSTEM_SIM_OPTIONS, useValue: resolveSimOptions(options) }, CaseSystemStore, FeedFaults, PushService, DropService],
      exports: [CaseSystemStore],
    };
  }
}
