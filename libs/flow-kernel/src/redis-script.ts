import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

/** A Lua script run by its hash: its text travels only when Redis does not know it yet (first use, after a restart or SCRIPT FLUSH). */
export interface RedisScript {
  readonly text: string;
  readonly sha: string;
}

export function redisScript(text: string): RedisScript {
  return { text, sha: createHash('sha1').update(text).digest('hex') };
}

/**
 * EVALSHA, then EVAL with the text on NOSCRIPT. A script on a hot path (one or more per
 * assignment) otherwise sends its whole text with every call. Not for a MULTI: there a
 * NOSCRIPT would fail one command of a transaction whose others ran.
 */
export async function runScript(redis: Redis, script: RedisScript, keys: readonly (string | Buffer)[], args: readonly (string | number | Buffer)[]): Promise<unknown> {
  try {
    return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
    return redis.eval(script.text, keys.length, ...keys, ...args);
  }
}
