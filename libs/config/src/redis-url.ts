import type { RedisOptions } from 'ioredis';
import { ConfigError } from './env.validation';

/** One Redis Sentinel's address. */
export interface SentinelAddress {
  host: string;
  port: number;
}

/**
 * Where Redis is: REDIS_URL alone, or (sentinel mode) the master of a Sentinel group. In
 * sentinel mode REDIS_URL still gives the credentials, database index and TLS (`rediss:`);
 * its host and port are not used (the sentinels name the master).
 */
export interface RedisTarget {
  url: string;
  sentinel?: { sentinels: SentinelAddress[]; name: string; password?: string };
}

/** The env variables a RedisTarget is read from (the middleware's env class declares and validates them). */
export interface RedisTargetEnv {
  REDIS_URL: string;
  REDIS_SENTINELS?: string;
  REDIS_SENTINEL_NAME?: string;
  REDIS_SENTINEL_PASSWORD?: string;
}

/** `host:port[,host:port...]`; a host is a name, an IPv4 address or a bracketed IPv6 address. */
export const REDIS_SENTINELS_PATTERN = /^\s*(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):\d{1,5}\s*(,\s*(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):\d{1,5}\s*)*$/;
/** A Sentinel master group name as `sentinel monitor` takes it. */
export const REDIS_SENTINEL_NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** Reads REDIS_SENTINELS; every problem names the variable (never a password: there is none in it). */
export function parseRedisSentinels(value: string): SentinelAddress[] {
  if (!REDIS_SENTINELS_PATTERN.test(value)) throw new ConfigError(['REDIS_SENTINELS must be host:port[,host:port...], e.g. sentinel-1:26379,sentinel-2:26379']);
  return value.split(',').map((entry) => {
    const at = entry.trim().lastIndexOf(':');
    const host = entry.trim().slice(0, at).replace(/^\[(.*)\]$/, '$1');
    const port = Number(entry.trim().slice(at + 1));
    if (port < 1 || port > 65535) throw new ConfigError([`REDIS_SENTINELS: port ${port} of ${host} is not 1-65535`]);
    return { host, port };
  });
}

/**
 * REDIS_URL, plus the Sentinel group when REDIS_SENTINELS and REDIS_SENTINEL_NAME are set:
 * both or neither (one alone is a half-made change, refused naming the missing one), and the
 * sentinel password only with them.
 */
export function redisTargetFromEnv(env: RedisTargetEnv): RedisTarget {
  const { REDIS_URL: url, REDIS_SENTINELS: list, REDIS_SENTINEL_NAME: name, REDIS_SENTINEL_PASSWORD: password } = env;
  const problems: string[] = [];
  if (list && !name) problems.push('REDIS_SENTINEL_NAME is required with REDIS_SENTINELS (the master group name of `sentinel monitor`)');
  if (name && !list) problems.push('REDIS_SENTINELS is required with REDIS_SENTINEL_NAME (the sentinels as host:port[,host:port...])');
  if (password && !list) problems.push('REDIS_SENTINEL_PASSWORD is set but REDIS_SENTINELS is not');
  if (name && !REDIS_SENTINEL_NAME_PATTERN.test(name)) problems.push('REDIS_SENTINEL_NAME must be 1-64 of A-Z a-z 0-9 . _ -');
  if (problems.length > 0) throw new ConfigError(problems);
  if (!list || !name) return { url };
  return { url, sentinel: { sentinels: parseRedisSentinels(list), name, password: password || undefined } };
}

/**
 * After a failover a connection may still reach the old master, now a replica, which answers
 * every write with READONLY: reconnect (in sentinel mode that asks the sentinels again, and
 * the connection lands on the master) and send the command again (2), instead of failing it.
 */
export function reconnectOnReadonly(error: Error): 2 | false {
  return error.message.startsWith('READONLY') ? 2 : false;
}

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
    reconnectOnError: reconnectOnReadonly,
  };
}

/**
 * The options of every connection to `target`. Sentinel mode: the master of the named group
 * (`role: 'master'`: ioredis checks the role of the node it reaches and tries again when it is
 * not the master), the sentinels' password, and `failoverDetector` (each connection listens
 * for `+switch-master` and reconnects at once, rather than at its next write's READONLY or
 * never, for a blocked worker connection on a demoted master). `rediss:` means TLS to the
 * master and to the sentinels alike.
 */
export function redisOptionsFor(target: RedisTarget): Omit<RedisOptions, 'retryStrategy'> {
  const fromUrl = redisOptionsFromUrl(target.url);
  if (!target.sentinel) return fromUrl;
  const { host: _host, port: _port, ...kept } = fromUrl;
  const tls = fromUrl.tls !== undefined;
  return {
    ...kept,
    sentinels: target.sentinel.sentinels.map((s) => ({ ...s })),
    name: target.sentinel.name,
    role: 'master',
    sentinelPassword: target.sentinel.password,
    failoverDetector: true,
    ...(tls && { enableTLSForSentinelMode: true, sentinelTLS: {} }),
  };
}

/** Where a target is, for a message an operator reads: no password, the variables to look at named. */
export function describeRedisTarget(target: RedisTarget): string {
  if (target.sentinel) {
    const list = target.sentinel.sentinels.map((s) => (s.host.includes(':') ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`)).join(',');
    return `the master '${target.sentinel.name}' of the sentinels ${list} (REDIS_SENTINELS, REDIS_SENTINEL_NAME)`;
  }
  const { hostname, port, pathname } = new URL(target.url);
  return `Redis at ${hostname}:${port || 6379}${pathname || ''} (REDIS_URL)`;
}
