import { Controller, Get, HttpCode, Inject, Optional, Res } from '@nestjs/common';
import type { Response } from 'express';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { RedisService } from '../infrastructure/redis.provider';
import { WorkersService } from '../workers/workers.service';

/** Liveness: the process answers. Readiness: Redis answers (and, in a worker, the workers run). */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(MIDDLEWARE_CONFIG) private readonly config: MiddlewareConfig,
    private readonly redis: RedisService,
    /** Only in the worker role. */
    @Optional() private readonly workers?: WorkersService,
  ) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const redisUp = await this.redis.ping();
    const workersUp = !this.config.runsWorkers || (this.workers?.running ?? false);
    const ready = redisUp && workersUp;
    res.status(ready ? 200 : 503);
    return {
      status: ready ? 'ready' : 'not ready',
      role: this.config.role,
      redis: redisUp ? 'up' : 'down',
      workers: this.config.runsWorkers ? (workersUp ? 'running' : 'stopped') : 'not in this role',
    };
  }
}
