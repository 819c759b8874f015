import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@brygga/flow-kernel';
import type { AlertKeys } from './alert-keys';
import { ALERT_KEYS } from './alerts.tokens';

/** Takes the due entries and pushes each one's due time past the lease at once, so two processes never post the same one together. */
const CLAIM = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], 'XX', ARGV[2], id) end
return ids`;

/**
 * The webhook's outbox: events still to post, by when the next attempt is due. It lives in
 * Redis, so a restart (or a crash mid-post, once the lease lapses) loses nothing: delivery
 * is at least once, and receivers deduplicate by event id.
 */
@Injectable()
export class AlertOutboxStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(ALERT_KEYS) private readonly keys: AlertKeys,
  ) {}

  /** Up to `count` due event ids, oldest due first, leased until `leaseUntil`. */
  async claimDue(now: Date, leaseUntil: Date, count: number): Promise<string[]> {
    return (await this.redis.eval(CLAIM, 1, this.keys.outbox, now.getTime(), leaseUntil.getTime(), count)) as string[];
  }

  async delivered(id: string): Promise<void> {
    await this.redis.multi().zrem(this.keys.outbox, id).hdel(this.keys.outboxAttempts, id).exec();
  }

  /** Counts a failed attempt and sets the next one; answers the attempts made so far. */
  async failed(id: string, nextAt: (attempts: number) => Date): Promise<number> {
    const attempts = await this.redis.hincrby(this.keys.outboxAttempts, id, 1);
    await this.redis.zadd(this.keys.outbox, 'XX', nextAt(attempts).getTime(), id);
    return attempts;
  }

  async pending(): Promise<number> {
    return this.redis.zcard(this.keys.outbox);
  }
}
