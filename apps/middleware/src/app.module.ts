import { DynamicModule, Module, Provider } from '@nestjs/common';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from './config/middleware.config';
import { HealthController } from './health/health.controller';
import { redisServiceProvider } from './infrastructure/redis.provider';
import { JOB_HANDLER_PROVIDERS, WorkersService } from './workers/workers.service';

/** The middleware, assembled for its role: api (HTTP), worker (queues), or all. */
@Module({})
export class AppModule {
  static forConfig(config: MiddlewareConfig): DynamicModule {
    const providers: Provider[] = [
      { provide: MIDDLEWARE_CONFIG, useValue: config },
      redisServiceProvider,
      WorkersService,
      { provide: JOB_HANDLER_PROVIDERS, useValue: [] },
    ];
    return { module: AppModule, controllers: [HealthController], providers };
  }
}
