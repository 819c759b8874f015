import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { KERNEL_KEYS, REDIS } from './flow-kernel.tokens';
import type { KernelKeys } from './kernel-keys';

// Keeps the later of two times (two workers told different Retry-Afters), and lets the key go when it passes.
const HOLD = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[1]) end
return 1`;

/**
 * A tenant's "not before": set when its planning tool answers 429 (or 503) with a
 * Retry-After, so that no worker of any process sends to that tenant before the time it
 * named, not only the job that got the answer. Kept in Redis because the tenant's other
 * jobs run in other processes.
 */
@Injectable()
export class TenantThrottleStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KERNEL_KEYS) private readonly keys: KernelKeys,
  ) {}

  async hold(tenant: string, until: Date): Promise<void> {
    await this.redis.eval(HOLD, 1, this.keys.tenantNotBefore(tenant), until.getTime());
  }

  /** The time the tenant named, while it is still ahead of `now`. */
  async notBefore(tenant: string, now: Date = new Date()): Promise<Date | undefined> {
    const at = Number(await this.redis.get(this.keys.tenantNotBefore(tenant)));
    return at > now.getTime() ? new Date(at) : undefined;
  }
}
