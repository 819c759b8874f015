import Redis from 'ioredis';

export interface RedisMemory {
  /** INFO memory used_memory: the whole server, other users of this Redis included. */
  usedMiB: number;
  /** MEMORY USAGE summed over the run's own keys (under its prefix). */
  prefixMiB: number;
  prefixKeys: number;
}

const MIB = 2 ** 20;

/** What the run holds in Redis now: its keys' own footprint, and the server's for scale. */
export async function redisMemory(redisUrl: string, prefix: string): Promise<RedisMemory> {
  const redis = new Redis(redisUrl);
  try {
    const info = await redis.info('memory');
    const used = Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? Number.NaN);
    let bytes = 0;
    let keys = 0;
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (batch.length === 0) continue;
      const pipeline = redis.pipeline();
      for (const key of batch) pipeline.memory('USAGE', key);
      for (const [error, size] of (await pipeline.exec()) ?? []) if (!error && typeof size === 'number') bytes += size;
      keys += batch.length;
    } while (cursor !== '0');
    return { usedMiB: Math.round(used / MIB), prefixMiB: Math.round((bytes / MIB) * 10) / 10, prefixKeys: keys };
  } finally {
    redis.disconnect();
  }
}
