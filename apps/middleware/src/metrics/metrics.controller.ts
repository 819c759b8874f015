import { Controller, Get, Headers, Inject, Res, UnauthorizedException } from '@nestjs/common';
import type { Response } from 'express';
import { bearerTokenMatches } from '@brygga/config';
import { BRYGGA_METRICS, type BryggaMetrics } from '@brygga/metrics';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';

/** `GET /metrics`: Prometheus text, in every role; open unless METRICS_TOKEN is set. */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(MIDDLEWARE_CONFIG) private readonly config: MiddlewareConfig,
    @Inject(BRYGGA_METRICS) private readonly metrics: BryggaMetrics,
  ) {}

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    const token = this.config.metricsToken;
    if (token !== undefined && !bearerTokenMatches(authorization, token)) throw new UnauthorizedException('the metrics need Authorization: Bearer $METRICS_TOKEN');
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.send(await this.metrics.registry.metrics());
  }
}
