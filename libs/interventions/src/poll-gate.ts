import type Redis from 'ioredis';
import type { DataKeys } from './redis-keys';

const POLL_LOCK_MS = 10 * 60_000;

export type GateOutcome<T> = { ran: true; value: T } | { ran: false; waitingMs?: number };

/**
 * What every poller needs: one poller at a time however many workers run (a Redis lock),
 * and a not-before time after the peer said 429/503, honouring its Retry-After.
 */
export class PollGate {
  constructor(
    private readonly redis: Redis,
    private readonly keys: DataKeys,
    private readonly name: string,
  ) {}

  /** Runs `poll` unless the peer asked us to wait or another poller is running. */
  async run<T>(owner: string, poll: () => Promise<T>): Promise<GateOutcome<T>> {
    const notBefore = Number((await this.redis.get(this.keys.notBefore(this.name))) ?? 0);
    if (notBefore > Date.now()) return { ran: false, waitingMs: notBefore - Date.now() };
    const lock = await this.redis.set(this.keys.lock(this.name), owner, 'PX', POLL_LOCK_MS, 'NX');
    if (lock !== 'OK') return { ran: false };
    try {
      return { ran: true, value: await poll() };
    } finally {
      await this.redis.del(this.keys.lock(this.name));
    }
  }

  /** No poll starts for this long. */
  async waitFor(ms: number): Promise<void> {
    await this.redis.set(this.keys.notBefore(this.name), String(Date.now() + ms), 'PX', Math.max(1, Math.round(ms)));
  }
}
