import type Redis from 'ioredis';
import type { KernelKeys } from './kernel-keys';
import { LockSet } from './lock-set';

const POLL_LOCK_MS = 10 * 60_000;

export type GateOutcome<T> = { ran: true; value: T } | { ran: false; waitingMs?: number };

/**
 * What every poller needs: one poller at a time however many workers run (a Redis lock),
 * and a not-before time after the peer said 429/503, honouring its Retry-After.
 */
export class PollGate {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KernelKeys,
    private readonly name: string,
  ) {}

  /** Runs `poll` unless the peer asked us to wait or another poller is running. */
  async run<T>(poll: () => Promise<T>): Promise<GateOutcome<T>> {
    const notBefore = Number((await this.redis.get(this.keys.notBefore(this.name))) ?? 0);
    if (notBefore > Date.now()) return { ran: false, waitingMs: notBefore - Date.now() };
    // Released only by its owner: a poll that outlived the lock must not free the next poller's.
    const held = await new LockSet(this.redis).take([this.keys.lock(this.name)], POLL_LOCK_MS);
    if (!held) return { ran: false };
    try {
      return { ran: true, value: await poll() };
    } finally {
      await held.release();
    }
  }

  /** No poll starts for this long. */
  async waitFor(ms: number): Promise<void> {
    await this.redis.set(this.keys.notBefore(this.name), String(Date.now() + ms), 'PX', Math.max(1, Math.round(ms)));
  }
}
