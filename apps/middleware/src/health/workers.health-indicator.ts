import { Inject, Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { WorkersService } from '../workers/workers.service';

/**
 * This process's queue workers are consuming: every worker running, and each one's own
 * blocking connection answered a heartbeat within WORKER_HEARTBEAT_STALE_MS. Not "the
 * process is alive": a worker whose connection died silently is named here as stale.
 */
@Injectable()
export class WorkersHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(MIDDLEWARE_CONFIG) private readonly config: MiddlewareConfig,
    /** Only in the worker role. */
    @Optional() private readonly workers?: WorkersService,
  ) {}

  check(key: 'workers') {
    const indicator = this.indicators.check(key);
    if (!this.workers?.running) return indicator.down({ message: 'the queue workers are not running' });
    const beats = this.workers.beats();
    const heartbeats = Object.fromEntries(beats.map((b) => [b.queue, { lastBeatAt: b.lastBeatAt, ageMs: b.ageMs }]));
    const stale = beats.filter((b) => b.stale).map((b) => b.queue);
    const staleAfterMs = this.config.workers.heartbeat.staleMs;
    if (stale.length > 0) {
      return indicator.down({ message: `no heartbeat within ${staleAfterMs} ms from the ${stale.join(', ')} worker${stale.length > 1 ? 's' : ''}`, stale, staleAfterMs, heartbeats });
    }
    return indicator.up({ staleAfterMs, heartbeats });
  }
}
