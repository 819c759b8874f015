import { DynamicModule, Module } from '@nestjs/common';
import { ApiDispatcher } from './api-dispatcher.service';
import { BatchRunner } from './batch.service';
import { ControlController } from './control.controller';
import { FaultsService } from './faults.service';
import { SIM_CONTEXT, type SimContext } from './sim-context';
import { TenantApiController } from './tenant-api.controller';

/** The simulator as a Nest module; `createPlanningToolSimulator` is the usual way in. */
@Module({})
export class PlanningToolSimModule {
  static forContext(context: SimContext): DynamicModule {
    return {
      module: PlanningToolSimModule,
      controllers: [ControlController, TenantApiController],
      providers: [{ provide: SIM_CONTEXT, useValue: context }, FaultsService, BatchRunner, ApiDispatcher],
    };
  }
}
