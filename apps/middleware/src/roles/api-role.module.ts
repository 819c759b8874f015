import { type DynamicModule, Module } from '@nestjs/common';
import { AlertsModule } from '@brygga/alerts';
import { InterventionsModule, InterventionsRulesModule } from '@brygga/interventions';
import { SchedulesModule, SchedulesRulesModule } from '@brygga/schedules';
import { AdminApiModule } from '../admin/admin-api.module';
import { AdminPageModule } from '../admin-page/admin-page.module';
import type { MiddlewareConfig } from '../config/middleware.config';
import { InboundController } from '../inbound/inbound.controller';
import { PushParsePool } from '../inbound/push-parse.pool';
import { QueueBoardModule } from '../queue-board/queue-board.module';

/** The API role: the vendors' pushes in; the admin API, the operations page and the queue dashboard (one admin access for all three); each flow's intake and stats, none of its jobs; the alerts. */
@Module({})
export class ApiRoleModule {
  static forConfig(config: MiddlewareConfig): DynamicModule {
    const adminApi = AdminApiModule.forConfig(config);
    return {
      module: ApiRoleModule,
      // Alerts are evaluated here, on a timer: the API role runs even when every worker is down (see AlertsTicker).
      imports: [InterventionsModule, SchedulesModule, InterventionsRulesModule.register(config.customerIdKey), SchedulesRulesModule, AlertsModule.register({ options: config.alerts }), adminApi, AdminPageModule.register(config.adminSession, [adminApi]), QueueBoardModule.register([adminApi])],
      controllers: [InboundController],
      providers: [PushParsePool],
    };
  }
}
