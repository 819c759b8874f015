import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { FlowKernelModule } from '@brygga/flow-kernel';
import type { MiddlewareConfig } from './config/middleware.config';
import { HealthController } from './health/health.controller';
import { healthIndicators } from './health/health.providers';
import { MetricsController } from './metrics/metrics.controller';
import { infrastructureProviders } from './infrastructure/infrastructure.providers';
import { RulesService } from './infrastructure/rules.service';
import { ApiRoleModule } from './roles/api-role.module';
import { WorkerRoleModule } from './roles/worker-role.module';

/** The middleware, assembled for its role: api (HTTP in), worker (queues), or all; health and metrics in every role. */
@Module({})
export class AppModule {
  static forConfig(config: MiddlewareConfig, rules: RulesService): DynamicModule {
    return {
      module: AppModule,
      imports: [
        FlowKernelModule.forRoot(infrastructureProviders(config, rules)),
        // One JSON line naming what is down when a readiness check fails.
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
        ...(config.runsApi ? [ApiRoleModule.forConfig(config)] : []),
        ...(config.runsWorkers ? [WorkerRoleModule.forConfig(config)] : []),
      ],
      controllers: [HealthController, MetricsController],
      providers: healthIndicators,
    };
  }
}
