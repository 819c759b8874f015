import { redisTargetFromEnv, validateEnv } from '@brygga/config';
import { DataSealer, readDataKeyRing, rotateDataKey, type RotationCounts } from '@brygga/data-seal';
import { createRedis } from '@brygga/queue';
import { MiddlewareEnv } from '../config/middleware.env';
import { SEALED_PLACES } from './sealed-places';

export interface RotateOutput {
  out(line: string): void;
  err(line: string): void;
}

/**
 * `npm run rotate-data-key`: re-seals every sealed value under the prefix with the first
 * key of DATA_ENCRYPTION_KEY (or the file), while the service runs. It reads the
 * middleware's own environment (the same validation, so REDIS_URL or the sentinels, QUEUE_PREFIX and the
 * keys mean what they mean to the service). Prints counts, never a value or a key.
 * Exit 0 when every value is under the current key; 1 on an error; 3 when concurrent
 * writes kept some values from it (run it again once every process has the new key first).
 */
export async function runRotateDataKey(env: NodeJS.ProcessEnv, io: RotateOutput): Promise<number> {
  let redis;
  try {
    const config = validateEnv(MiddlewareEnv, env);
    const sealer = new DataSealer(readDataKeyRing(config));
    io.out(`rotating data under ${config.QUEUE_PREFIX}:data: to key "${sealer.currentKeyId}"`);
    redis = createRedis(redisTargetFromEnv(config), 'brygga-rotate-data-key');
    const counts = await rotateDataKey(redis, sealer, config.QUEUE_PREFIX, SEALED_PLACES);
    for (const line of report(counts)) io.out(line);
    return counts.leftToWriter > 0 ? 3 : 0;
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    redis?.disconnect();
  }
}

function report(c: RotationCounts): string[] {
  return [
    `keys with sealed values: ${c.keys} (${Object.entries(c.byPlace).map(([what, n]) => `${what} ${n}`).join(', ') || 'none'})`,
    `values scanned: ${c.scanned}`,
    `re-sealed under the current key: ${c.resealed}`,
    `already under the current key: ${c.alreadyCurrent}`,
    `clear values sealed: ${c.clearSealed}`,
    `changed by a concurrent write (left to it; run again if any): ${c.leftToWriter}`,
  ];
}
