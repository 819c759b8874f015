import { Controller, Get, HttpCode, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { RedisHealthIndicator } from './redis.health-indicator';
import { TenantsHealthIndicator } from './tenants.health-indicator';
import { WorkersHealthIndicator } from './workers.health-indicator';

/**
 * Liveness: the process answers. Readiness (terminus): Redis answers and, in a worker
 * role, every queue worker's heartbeat is fresh; each tenant's reachability is a detail
 * (degraded at worst), never a reason to be not ready.
 */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(MIDDLEWARE_CONFIG) private readonly config: MiddlewareConfig,
    private readonly health: HealthCheckService,
    private readonly redis: RedisHealthIndicator,
    private readonly workers: WorkersHealthIndicator,
    private readonly tenants: TenantsHealthIndicator,
  ) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const role = this.config.role;
    try {
      return { ...(await this.health.check(this.checks())), role };
    } catch (error) {
      // Terminus's 503 carries what is down; answered as it is, not flattened into a problem by the global filter.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return { ...(error.getResponse() as Record<string, unknown>), role };
    }
  }

  private checks() {
    return [
      () => this.redis.check('redis'),
      ...(this.config.runsWorkers ? [() => this.workers.check('workers')] : []),
      () => this.tenants.check('tenants'),
    ];
  }
}
