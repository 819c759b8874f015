import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { RedisService } from '../infrastructure/redis.provider';

/** Long enough for a busy Redis, short enough that a probe never hangs on a dead one. */
export const REDIS_PING_TIMEOUT_MS = 1000;

/** Redis answers a PING on this process's own connection within the timeout. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisService,
  ) {}

  async check(key: 'redis') {
    const indicator = this.indicators.check(key);
    // persistence: as read at boot (aof, snapshots, both, none, unknown), so a probe shows what a restart of Redis would keep.
    const { persistence } = this.redis;
    return (await this.redis.ping(REDIS_PING_TIMEOUT_MS)) ? indicator.up({ persistence }) : indicator.down({ message: `no PONG within ${REDIS_PING_TIMEOUT_MS} ms`, persistence });
  }
}
