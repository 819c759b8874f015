import type Redis from 'ioredis';

/**
 * What Redis keeps of what it acknowledged across a restart. `unknown`: CONFIG is disabled
 * or renamed (common on managed Redis), so the settings could not be read.
 */
export type RedisPersistence = 'aof+snapshots' | 'aof' | 'snapshots' | 'none' | 'unknown';

/** What the boot does about it: go on quietly, go on with a loud warning, or refuse to start. */
export interface PersistenceVerdict {
  action: 'ok' | 'warn' | 'refuse';
  message: string;
}

/** The only value REDIS_PERSISTENCE takes: the operator knows Redis keeps nothing and accepts it. */
export const NONE_ACCEPTED = 'none-accepted';

/** CONFIG GET answers a flat [name, value] list; a missing name (an old Redis) reads as empty. */
async function configValue(redis: Redis, name: string): Promise<string> {
  const reply = (await redis.call('CONFIG', 'GET', name)) as string[];
  return reply[1] ?? '';
}

/** Reads `appendonly` and `save`; a CONFIG Redis refuses is `unknown`, with Redis's reason (it names no data). */
export async function readRedisPersistence(redis: Redis): Promise<{ persistence: RedisPersistence; refusal?: string }> {
  let appendonly: string;
  let save: string;
  try {
    [appendonly, save] = await Promise.all([configValue(redis, 'appendonly'), configValue(redis, 'save')]);
  } catch (error) {
    // Only Redis's own refusal means "cannot tell"; a connection that broke is a boot failure like any other.
    if (error instanceof Error && error.name === 'ReplyError') return { persistence: 'unknown', refusal: error.message };
    throw error;
  }
  const aof = appendonly.trim() === 'yes';
  const snapshots = save.trim().length > 0;
  const persistence: RedisPersistence = aof && snapshots ? 'aof+snapshots' : aof ? 'aof' : snapshots ? 'snapshots' : 'none';
  return { persistence };
}

const LOSES_EVERYTHING =
  'Redis keeps neither an append-only file nor snapshots (appendonly no, save ""): a restart of Redis loses every accepted document and queued job that is not yet applied';

/**
 * The decision table (README "Redis persistence"): persistence on is fine; none refuses a
 * production boot unless REDIS_PERSISTENCE=none-accepted says the operator chose it, and
 * warns anywhere else; unknown warns, since refusing a Redis we cannot read would refuse
 * every managed Redis.
 */
export function persistenceVerdict(persistence: RedisPersistence, nodeEnv: string, accepted: boolean, refusal?: string): PersistenceVerdict {
  if (persistence === 'unknown') {
    return { action: 'warn', message: `Redis refused CONFIG GET (${refusal ?? 'no reason given'}): its persistence is unknown; make sure it keeps an append-only file or snapshots, or what it acknowledged can be lost on a restart` };
  }
  if (persistence !== 'none') return { action: 'ok', message: `Redis persistence: ${persistence}` };
  if (accepted) return { action: 'warn', message: `${LOSES_EVERYTHING}; accepted by REDIS_PERSISTENCE=${NONE_ACCEPTED}` };
  if (nodeEnv === 'production') {
    return { action: 'refuse', message: `${LOSES_EVERYTHING}. Turn on appendonly yes (or snapshots) in Redis, or set REDIS_PERSISTENCE=${NONE_ACCEPTED} to start anyway` };
  }
  return { action: 'warn', message: `${LOSES_EVERYTHING} (allowed as NODE_ENV=${nodeEnv}; a production boot refuses it unless REDIS_PERSISTENCE=${NONE_ACCEPTED})` };
}
