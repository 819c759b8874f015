import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ChainableCommander } from 'ioredis';
import type Redis from 'ioredis';
import { REDIS } from './flow-kernel.tokens';

/** Extends the keys still holding our token (ARGV: token, ttl); a key lost meanwhile is left to its new owner. */
const RENEW = `
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
end
return 1`;

/**
 * Takes every lock key (SET PX with our token) only if none exists, and reads the hashes
 * asked for in the same step. KEYS: the N lock keys, then the hashes; ARGV: token, ttl, N.
 */
const TAKE = `
local n = tonumber(ARGV[3])
for i = 1, n do
  if redis.call('EXISTS', KEYS[i]) == 1 then return false end
end
local read = {}
for i = 1, n do redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2]) end
for i = n + 1, #KEYS do read[i - n] = redis.call('HVALS', KEYS[i]) end
return read`;

/** Deletes only the keys still holding our token: a lock that expired and was taken by another worker stays theirs. */
const RELEASE = `
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then redis.call('DEL', KEYS[i]) end
end
return 1`;

/** Locks held together, what was read while taking them, and how to let go. */
export interface HeldLocks {
  /** The values of each hash asked for, in the order asked, as bytes (they may be sealed). */
  readonly read: Buffer[][];
  /**
   * Adds the release to a caller's transaction, so that what was done and the unlock commit
   * together; call `released()` once that transaction ran, after which release() is a no-op.
   */
  releaseIn(multi: ChainableCommander): void;
  released(): void;
  release(): Promise<void>;
}

/**
 * The one Redis lock of the flows: a set of keys taken whole or not at all (two workers
 * that each need a key the other holds both back off rather than each holding half),
 * released only by its owner, optionally reading the state it guards in the same round
 * trip. Hand-written: BullMQ's own job locks guard jobs, not the business keys (an
 * assignment, a customer, a unit, an employee) that different jobs share.
 *
 * `ttlMs` is a lease, renewed every third of it while the lock is held: a holder working
 * longer keeps its lock, and a holder that died (kill -9) leaves it for at most `ttlMs`,
 * so its jobs, returned by BullMQ's stalled check, are not blocked past that.
 */
@Injectable()
export class LockSet {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Null when another owner holds any of the keys. */
  async take(keys: readonly string[], ttlMs: number, readHashes: readonly string[] = []): Promise<HeldLocks | null> {
    const locks = [...new Set(keys)];
    const token = randomUUID();
    const read = locks.length === 0 && readHashes.length === 0 ? [] : await this.redis.callBuffer('EVAL', TAKE, locks.length + readHashes.length, ...locks, ...readHashes, token, String(ttlMs), String(locks.length));
    if (!Array.isArray(read)) return null;
    // Open until a release is known to have run: a transaction that failed must not leave the locks behind for their whole TTL.
    let open = locks.length > 0;
    const renewal = open ? this.renewWhileHeld(locks, token, ttlMs) : undefined;
    const closed = (): void => {
      open = false;
      clearInterval(renewal);
    };
    const releaseIn = (multi: ChainableCommander): void => {
      if (open) multi.eval(RELEASE, locks.length, ...locks, token);
    };
    return {
      read: read as Buffer[][],
      releaseIn,
      released: closed,
      release: async () => {
        if (!open) return;
        try {
          const multi = this.redis.multi();
          releaseIn(multi);
          await multi.exec();
          closed();
        } finally {
          // A release that failed stops the renewal all the same: the lock then lapses within its lease instead of being kept alive for as long as this process runs.
          clearInterval(renewal);
        }
      },
    };
  }

  private renewWhileHeld(locks: string[], token: string, ttlMs: number): NodeJS.Timeout {
    const timer = setInterval(() => {
      // A renewal Redis did not take is tried again at the next tick; two missed in a row leave
      // the lock a third of its lease, and the holder's own next command fails the same way.
      this.redis.eval(RENEW, locks.length, ...locks, token, String(ttlMs)).catch(() => undefined);
    }, Math.max(10, Math.floor(ttlMs / 3)));
    // A lock never keeps a process alive (its release comes from the work, not this timer).
    timer.unref();
    return timer;
  }
}
