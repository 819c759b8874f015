import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ChainableCommander } from 'ioredis';
import type Redis from 'ioredis';
import { REDIS } from './flow-kernel.tokens';
import { redisScript, runScript } from './redis-script';

/** Extends the keys still holding our token (ARGV: token, ttl); a key lost meanwhile is left to its new owner. */
const RENEW = `
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
end
return 1`;

/**
 * Takes every lock key (SET PX with our token) only if none exists, and reads the keys
 * asked for in the same step. KEYS: the N lock keys, then the keys read, then (ARGV[5] '1')
 * a hash written first; ARGV: token, ttl, N, one letter per key read (v a hash's values, f
 * its fields and values, s a string as a list of none or one), then '1', field, value or ''.
 */
const TAKE = redisScript(`
local n = tonumber(ARGV[3])
local last = #KEYS
if ARGV[5] == '1' then
  redis.call('HSET', KEYS[last], ARGV[6], ARGV[7])
  last = last - 1
end
for i = 1, n do
  if redis.call('EXISTS', KEYS[i]) == 1 then return false end
end
local read = {}
for i = 1, n do redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2]) end
for i = n + 1, last do
  local as = string.sub(ARGV[4], i - n, i - n)
  if as == 'f' then read[i - n] = redis.call('HGETALL', KEYS[i])
  elseif as == 's' then
    local value = redis.call('GET', KEYS[i])
    if value then read[i - n] = {value} else read[i - n] = {} end
  else read[i - n] = redis.call('HVALS', KEYS[i]) end
end
return read`);

/** A key read while the locks are taken: a hash's values (a plain key), its fields and values (`fields`), or a string (`string`). */
export type LockRead = string | { key: string; as: 'fields' | 'string' };
const READ_AS = { fields: 'f', string: 's' } as const;

/** A hash field `take` writes before it tries the locks. */
export interface LockFirstWrite {
  hash: string;
  field: string;
  value: string;
}

const RENEW_SCRIPT = redisScript(RENEW);

/** Deletes only the keys still holding our token: a lock that expired and was taken by another worker stays theirs. */
const RELEASE = `
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then redis.call('DEL', KEYS[i]) end
end
return 1`;

/** Locks held together, what was read while taking them, and how to let go. */
export interface HeldLocks {
  /**
   * What each read key held, in the order asked, as bytes (they may be sealed): a hash's
   * values; its fields and values alternating (`fields`); a string as a list of none or one (`string`).
   */
  readonly read: Buffer[][];
  /**
   * Adds the release to a caller's transaction, so that what was done and the unlock commit
   * together; call `released()` once that transaction ran, after which release() is a no-op.
   */
  releaseIn(multi: ChainableCommander): void;
  released(): void;
  release(): Promise<void>;
}

/** takeWaiting's defaults: a lease as long as a reconciliation repair may take, waited for up to 10 s. */
const WAITING = { ttlMs: 30_000, retryMs: 100, attempts: 100 };

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

  /**
   * Null when another owner holds any of the keys. `first`: a hash field written in the same
   * step whether or not the locks are free (what must be durable before the holder acts, sent
   * with the lock request instead of in a round trip of its own).
   */
  async take(keys: readonly string[], ttlMs: number, reads: readonly LockRead[] = [], first?: LockFirstWrite): Promise<HeldLocks | null> {
    const locks = [...new Set(keys)];
    const token = randomUUID();
    const readKeys = reads.map((r) => (typeof r === 'string' ? r : r.key));
    const readAs = reads.map((r) => (typeof r === 'string' ? 'v' : READ_AS[r.as])).join('');
    const written = first ? { keys: [first.hash], args: ['1', first.field, first.value] } : { keys: [], args: [''] };
    const read =
      locks.length === 0 && reads.length === 0 && !first
        ? []
        : await this.takeScript([...locks, ...readKeys, ...written.keys], [token, String(ttlMs), String(locks.length), readAs, ...written.args]);
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

  /**
   * `take`, tried again every `retryMs` up to `attempts` times while another owner holds a key:
   * for work that must run under the lock rather than be skipped. Past the last attempt it
   * throws `${what} stayed locked`; `what` is the caller's label, so no key (which may name a
   * person) ends up in the error. By default a 30 s lease, waited for up to 10 s (WAITING).
   */
  async takeWaiting(keys: readonly string[], what: string, wait: Partial<typeof WAITING> = {}): Promise<HeldLocks> {
    const { ttlMs, retryMs, attempts } = { ...WAITING, ...wait };
    for (let i = 0; i < attempts; i++) {
      const held = await this.take(keys, ttlMs);
      if (held) return held;
      await new Promise((r) => setTimeout(r, retryMs));
    }
    throw new Error(`${what} stayed locked`);
  }

  /** By its hash, as bytes (what is read may be sealed): the script's text travels once, not with every lock taken. */
  private async takeScript(keys: string[], args: string[]): Promise<unknown> {
    try {
      return await this.redis.callBuffer('EVALSHA', TAKE.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      return this.redis.callBuffer('EVAL', TAKE.text, keys.length, ...keys, ...args);
    }
  }

  private renewWhileHeld(locks: string[], token: string, ttlMs: number): NodeJS.Timeout {
    const timer = setInterval(() => {
      // A renewal Redis did not take is tried again at the next tick; two missed in a row leave
      // the lock a third of its lease, and the holder's own next command fails the same way.
      runScript(this.redis, RENEW_SCRIPT, locks, [token, String(ttlMs)]).catch(() => undefined);
    }, Math.max(10, Math.floor(ttlMs / 3)));
    // A lock never keeps a process alive (its release comes from the work, not this timer).
    timer.unref();
    return timer;
  }
}
