import type Redis from 'ioredis';
import type { DataSealer } from './data.sealer';
import type { SealedPlace } from './sealed-place';

/** What a rotation did, in values (a hash field is a value); never a value itself. */
export interface RotationCounts {
  /** Keys under the prefix that hold sealed values, read. */
  keys: number;
  scanned: number;
  /** Sealed under an older key, now under the current one. */
  resealed: number;
  alreadyCurrent: number;
  /** Written in clear before sealing, now sealed. */
  clearSealed: number;
  /** Changed by a concurrent write between read and re-seal (that write stands), or gone. */
  leftToWriter: number;
  byPlace: Record<string, number>;
}

// Compare-and-set: the re-sealed value replaces only the exact bytes it was made from, so a
// worker's newer write between the read and this never loses to an older re-seal.
const CAS_STRING = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
return 1`;
const CAS_FIELD = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1`;

const SCAN_COUNT = 500;

/**
 * Re-seals every sealed value under `${prefix}:data:` with the current (first) key while
 * the service runs: SCAN, then per value a compare-and-set. Values already under the
 * current key are left alone, so a rotation cut short is simply run again.
 */
export async function rotateDataKey(redis: Redis, sealer: DataSealer, prefix: string, places: readonly SealedPlace[]): Promise<RotationCounts> {
  const base = `${prefix}:data:`;
  const counts: RotationCounts = { keys: 0, scanned: 0, resealed: 0, alreadyCurrent: 0, clearSealed: 0, leftToWriter: 0, byPlace: {} };
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${base}*`, 'COUNT', SCAN_COUNT);
    cursor = next;
    for (const key of keys) {
      const place = places.find((p) => p.key.test(key.slice(base.length)));
      if (!place) continue;
      counts.keys += 1;
      counts.byPlace[place.what] = (counts.byPlace[place.what] ?? 0) + 1;
      if (place.type === 'string') await rotateString(redis, sealer, key, counts);
      else await rotateHash(redis, sealer, key, counts);
    }
  } while (cursor !== '0');
  return counts;
}

async function rotateString(redis: Redis, sealer: DataSealer, key: string, counts: RotationCounts): Promise<void> {
  const stored = await redis.getBuffer(key);
  if (stored === null) return void (counts.leftToWriter += 1);
  await rotateValue(sealer, stored, counts, (resealed) => redis.eval(CAS_STRING, 1, key, stored, resealed));
}

async function rotateHash(redis: Redis, sealer: DataSealer, key: string, counts: RotationCounts): Promise<void> {
  const fields = await redis.hgetallBuffer(key);
  for (const [field, stored] of Object.entries(fields)) {
    await rotateValue(sealer, stored, counts, (resealed) => redis.eval(CAS_FIELD, 1, key, field, stored, resealed));
  }
}

async function rotateValue(sealer: DataSealer, stored: Buffer, counts: RotationCounts, swap: (resealed: Buffer) => Promise<unknown>): Promise<void> {
  counts.scanned += 1;
  const state = sealer.stateOf(stored);
  if (state === 'current') return void (counts.alreadyCurrent += 1);
  const swapped = Number(await swap(sealer.seal(sealer.open(stored))));
  if (swapped !== 1) return void (counts.leftToWriter += 1);
  if (state === 'clear') counts.clearSealed += 1;
  else counts.resealed += 1;
}
