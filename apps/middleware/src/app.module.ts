import { DynamicModule, Module, Provider } from '@nestjs/common';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from './config/middleware.config';
import { HealthController } from './health/health.controller';
import { redisServiceProvider } from './infrastructure/redis.provider';
import { JOB_HANDLER_PROVIDERS, WorkersService } from './workers/workers.service';
import { AdminController } from './admin/admin.controller';
import { InterventionsFlow } from './flows/interventions.flow';
import { SchedulesFlow } from './flows/schedules.flow';
import { RulesService } from './flows/rules.service';
import { CaseSystemInboundController } from './inbound/case-system-inbound.controller';
import { SchedulingSystemInboundController } from './inbound/scheduling-system-inbound.controller';
import { PushParsePool } from './inbound/push-parse.pool';

/** The middleware, assembled for its role: api (HTTP), worker (queues), or all. */
@Module({})
export class AppModule {
  static forConfig(config: MiddlewareConfig, rules: RulesService): DynamicModule {
    const providers: Provider[] = [
      { provide: MIDDLEWARE_CONFIG, useValue: config },
      { provide: RulesService, useValue: rules },
      redisServiceProvider,
      InterventionsFlow,
      SchedulesFlow,
      WorkersService,
      PushParsePool,
      {
        provide: JOB_HANDLER_PROVIDERS,
        inject: [InterventionsFlow, SchedulesFlow],
        useFactory: (interventions: InterventionsFlow, schedules: SchedulesFlow) => [...interventions.handlerProviders(), ...schedules.handlerProviders()],
      },
    ];
    // The worker role serves health only; inbound and admin belong to the API.
    const controllers = config.runsApi ? [HealthController, CaseSystemInboundController, SchedulingSystemInboundController, AdminController] : [HealthController];
    return { module: AppModule, controllers, providers };
  }
}
