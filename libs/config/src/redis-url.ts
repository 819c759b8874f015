import type { RedisOptions } from 'ioredis';

/**
 * ioredis options from a redis:// or rediss:// URL, database index honoured
 * (`redis://host:6379/3`). BullMQ needs maxRetriesPerRequest null on worker connections.
 * RESP2 (`protocol: 2`) as with ioredis 5: ioredis 6 would negotiate RESP3 by default,
 * and BullMQ's scripts and our own transactions are run and measured on RESP2.
 * No retryStrategy is set (ioredis's default applies), and the type says so: ioredis 6
 * allows `retryStrategy: null`, BullMQ 6's connection options do not, so without the
 * Omit these options could not be handed to BullMQ directly.
 */
export function redisOptionsFromUrl(url: string): Omit<RedisOptions, 'retryStrategy'> {
  const u = new URL(url);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`REDIS_URL: protocol must be redis: or rediss:`);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new Error('REDIS_URL: the path must be a database index, e.g. /0');
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    db,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    protocol: 2,
  };
}
