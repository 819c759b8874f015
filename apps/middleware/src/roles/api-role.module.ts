import { Module } from '@nestjs/common';
import { InterventionsModule } from '@brygga/interventions';
import { SchedulesModule } from '@brygga/schedules';
import { AdminController } from '../admin/admin.controller';
import { InboundController } from '../inbound/inbound.controller';
import { PushParsePool } from '../inbound/push-parse.pool';

/** The API role: the vendors' pushes in, and the admin endpoints; each flow's intake and stats, none of its jobs. */
@Module({
  imports: [InterventionsModule, SchedulesModule],
  controllers: [InboundController, AdminController],
  providers: [PushParsePool],
})
export class ApiRoleModule {}
