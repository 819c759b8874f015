import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { KERNEL_KEYS, REDIS } from './flow-kernel.tokens';
import type { FlowLogger } from './flow-logger';
import { failPermanentlyOn } from './job-outcome';
import type { KernelKeys } from './kernel-keys';
import { LockSet } from './lock-set';

/** A lease renewed while the poll runs (LockSet): a long poll keeps it, a poller that died frees the feed within it. */
const POLL_LOCK_MS = 30_000;
/** A 429/503 without a Retry-After: the peer said wait, not for how long. */
const DEFAULT_WAIT_MS = 60_000;

/** What every poll reports besides its own counts: when it had to wait, for how long. */
export interface PollReport {
  waiting?: number;
}

/** A peer's 429/503, with its Retry-After where it gave one. */
export interface PeerWait {
  status: number;
  retryAfterMs?: number;
}

export type GateOutcome<T> = { ran: true; value: T } | { ran: false; waitingMs?: number };

/**
 * What every poller needs: one poller at a time however many workers run (a Redis lock),
 * and a not-before time after the peer said 429/503, honouring its Retry-After; and for a
 * poller that pages through a feed, how far it got.
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

  /**
   * A poll job's run: `poll` through the gate. A refused token (any PermanentFailure) fails
   * the job at once, counted by `onRefused`, as no retry can fix it; anything else retries.
   * Held back by the gate, the job reports `idle()` and how long the wait is.
   */
  async poll<T extends PollReport>(poll: () => Promise<T>, idle: () => NoInfer<T> | Promise<NoInfer<T>>, onRefused: () => Promise<void>): Promise<T> {
    const outcome = await failPermanentlyOn(() => this.run(poll), onRefused);
    return outcome.ran ? outcome.value : { ...(await idle()), waiting: outcome.waitingMs };
  }

  /** The peer said 429/503: no poll before its Retry-After (else a minute). Returns the wait. */
  async waitOn(answer: PeerWait, logger: FlowLogger, peer: string): Promise<number> {
    const wait = answer.retryAfterMs ?? DEFAULT_WAIT_MS;
    await this.waitFor(wait);
    logger.warn(`${peer} answered ${answer.status}; next poll in ${Math.ceil(wait / 1000)} s`);
    return wait;
  }

  /** Where this poller got to in a peer's feed (0 before its first page). */
  async cursor(): Promise<number> {
    return Number((await this.redis.get(this.keys.cursor(this.name))) ?? 0);
  }

  /** Moves the cursor on, once everything up to it is stored. */
  async advance(cursor: number): Promise<void> {
    await this.redis.set(this.keys.cursor(this.name), String(cursor));
  }

  /** No poll starts for this long. */
  async waitFor(ms: number): Promise<void> {
    await this.redis.set(this.keys.notBefore(this.name), String(Date.now() + ms), 'PX', Math.max(1, Math.round(ms)));
  }
}

/** Where a poller gets its gate: on the process's Redis and kernel keys, under the poller's name. */
@Injectable()
export class PollGates {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KERNEL_KEYS) private readonly keys: KernelKeys,
  ) {}

  named(name: string): PollGate {
    return new PollGate(this.redis, this.keys, name);
  }
}
