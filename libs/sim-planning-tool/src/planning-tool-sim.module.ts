import { Module } from '@nestjs/common';
import { ApiDispatcher } from './api-dispatcher.service';
import { BatchRunner } from './batch.service';
import { ConfirmationsController } from './confirmations.controller';
import { ControlController } from './control.controller';
import { FaultsService } from './faults.service';
import { TenantApiController } from './tenant-api.controller';

/** The simulator as a Nest module; `createPlanningToolSimulator` is the usual way in (it adds the SIM_CONTEXT). */
@Module({
  controllers: [ControlController, ConfirmationsController, TenantApiController],
  providers: [FaultsService, BatchRunner, ApiDispatcher],
})
export class PlanningToolSimModule {}
