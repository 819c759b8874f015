import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { KERNEL_KEYS, REDIS } from './flow-kernel.tokens';
import type { KernelKeys } from './kernel-keys';

/**
 * How one planning-tool request ended: `ok` (2xx), refused (`4xx`, or `401`: our token),
 * the tool failing (`5xx`), or never answering (`timeout`, `network`).
 */
export type TenantRequestOutcome = 'ok' | '4xx' | '401' | '5xx' | 'timeout' | 'network';
export type TenantErrorClass = Exclude<TenantRequestOutcome, 'ok'>;
export type Reachability = 'reachable' | 'failing' | 'unknown';

export interface TenantRequestSample {
  tenant: string;
  outcome: TenantRequestOutcome;
  /** The HTTP status, when there was one (for the last error's code). */
  status?: number;
  at?: Date;
}

export interface TenantHealth {
  /** From the newest request: `failing` when it got no usable answer (5xx, timeout, network, 401); `unknown` before any. */
  reachability: Reachability;
  /** Requests and errors in the last WINDOW_MINUTES minutes; the rate is null without requests. */
  requests: number;
  errors: number;
  errorRate: number | null;
  errorsByClass: Record<TenantErrorClass, number>;
  lastOkAt?: string;
  lastErrorAt?: string;
  /** The last error's HTTP status, or `timeout` / `network`. */
  lastErrorCode?: string;
  /** While `failing`: the first failure since the tool last answered. */
  failingSince?: string;
}

/** The error rate's window. */
export const TENANT_HEALTH_WINDOW_MINUTES = 5;
const MINUTE_MS = 60_000;
/** Buckets outlive the window a little, then go: memory stays bounded however long it runs. */
const BUCKET_TTL_SECONDS = 2 * TENANT_HEALTH_WINDOW_MINUTES * 60;
/** A tenant not asked for a week is forgotten (the rules no longer name it, say). */
const LAST_TTL_SECONDS = 7 * 24 * 3600;
const ERROR_CLASSES: readonly TenantErrorClass[] = ['4xx', '401', '5xx', 'timeout', 'network'];
/** Outcomes that say the tool answered as a tool: its refusals of our payloads too. */
const ANSWERED: ReadonlySet<TenantRequestOutcome> = new Set(['ok', '4xx']);

/**
 * Per tenant, the outcomes of the planning-tool requests every worker makes, in one-minute
 * buckets in Redis so that any process (the API's health and admin answers) reads what
 * the workers saw. Ids of tenants only: they are configuration, never a person's.
 */
@Injectable()
export class TenantHealthStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KERNEL_KEYS) private readonly keys: KernelKeys,
  ) {}

  async record(sample: TenantRequestSample): Promise<void> {
    const { tenant, outcome } = sample;
    const at = (sample.at ?? new Date()).getTime();
    const bucket = this.keys.tenantHealthMinute(tenant, Math.floor(at / MINUTE_MS));
    const last = this.keys.tenantHealthLast(tenant);
    const multi = this.redis.multi().hincrby(bucket, 'requests', 1);
    if (outcome !== 'ok') multi.hincrby(bucket, outcome, 1).hset(last, { errorAt: at, errorCode: sample.status !== undefined ? String(sample.status) : outcome });
    if (outcome === 'ok') multi.hset(last, 'okAt', at);
    multi.hset(last, ANSWERED.has(outcome) ? 'answeredAt' : 'failedAt', at);
    // Since when it has failed without an answer in between (the tenant-failing alert's start): kept by the first failure, dropped by an answer.
    if (ANSWERED.has(outcome)) multi.hdel(last, 'failingSince');
    else multi.hsetnx(last, 'failingSince', at);
    await multi
      .expire(bucket, BUCKET_TTL_SECONDS)
      .expire(last, LAST_TTL_SECONDS)
      .sadd(this.keys.tenantHealthTenants, tenant)
      .expire(this.keys.tenantHealthTenants, LAST_TTL_SECONDS)
      .exec();
  }

  async readAll(now: Date = new Date()): Promise<Record<string, TenantHealth>> {
    const tenants = (await this.redis.smembers(this.keys.tenantHealthTenants)).sort();
    const current = Math.floor(now.getTime() / MINUTE_MS);
    const minutes = Array.from({ length: TENANT_HEALTH_WINDOW_MINUTES }, (_, i) => current - i);
    const pipeline = this.redis.pipeline();
    for (const tenant of tenants) {
      pipeline.hgetall(this.keys.tenantHealthLast(tenant));
      for (const minute of minutes) pipeline.hgetall(this.keys.tenantHealthMinute(tenant, minute));
    }
    const replies = (await pipeline.exec()) ?? [];
    const hashes = replies.map(([error, value]) => {
      if (error) throw error;
      return value as Record<string, string>;
    });
    const stride = minutes.length + 1;
    return Object.fromEntries(tenants.map((tenant, i) => [tenant, healthOf(hashes[i * stride], hashes.slice(i * stride + 1, (i + 1) * stride))]));
  }
}

function healthOf(last: Record<string, string>, buckets: Array<Record<string, string>>): TenantHealth {
  const sum = (field: string) => buckets.reduce((n, b) => n + Number(b[field] ?? 0), 0);
  const errorsByClass = Object.fromEntries(ERROR_CLASSES.map((c) => [c, sum(c)])) as Record<TenantErrorClass, number>;
  const requests = sum('requests');
  const errors = ERROR_CLASSES.reduce((n, c) => n + errorsByClass[c], 0);
  const health: TenantHealth = { reachability: reachabilityOf(last), requests, errors, errorRate: requests > 0 ? errors / requests : null, errorsByClass };
  if (last.okAt) health.lastOkAt = iso(last.okAt);
  if (last.errorAt) health.lastErrorAt = iso(last.errorAt);
  if (last.errorCode) health.lastErrorCode = last.errorCode;
  if (health.reachability === 'failing' && last.failingSince) health.failingSince = iso(last.failingSince);
  return health;
}

function reachabilityOf(last: Record<string, string>): Reachability {
  if (last.answeredAt === undefined && last.failedAt === undefined) return 'unknown';
  return Number(last.failedAt ?? 0) > Number(last.answeredAt ?? 0) ? 'failing' : 'reachable';
}

function iso(epochMs: string): string {
  return new Date(Number(epochMs)).toISOString();
}
