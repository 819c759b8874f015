import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { TenantSendOutcome } from '@brygga/domain';
import { KERNEL_KEYS, REDIS, TENANT_BREAKER_OPTIONS } from './flow-kernel.tokens';
import type { KernelKeys } from './kernel-keys';
import { redisScript, runScript } from './redis-script';
import { ADMIT, SETTLE } from './tenant-breaker.lua';

const ADMIT_SCRIPT = redisScript(ADMIT);
const SETTLE_SCRIPT = redisScript(SETTLE);

export interface TenantBreakerOptions {
  /** TENANT_BREAKER_FAILURES: failed sends in a row (within `windowMs`) that open the breaker. */
  failures: number;
  /** Failures further apart than this from the first of a run start a new run. */
  windowMs: number;
  /** The first probe comes this long after opening; each failed probe doubles it... */
  minProbeMs: number;
  /** ...up to TENANT_BREAKER_MAX_PROBE_SECONDS. */
  maxProbeMs: number;
  /** A probe's lock outlives the longest request (PLANNING_TIMEOUT_MS and a margin): a probe whose worker died frees it then. */
  probeLockMs: number;
}

export const DEFAULT_TENANT_BREAKER: TenantBreakerOptions = { failures: 5, windowMs: 60_000, minProbeMs: 5_000, maxProbeMs: 300_000, probeLockMs: 35_000 };

/** May this process write to the tenant now: yes; yes as the one probe; or not before `at` (the breaker's, or the tenant's own Retry-After). */
export type BreakerAdmission = { kind: 'closed' } | { kind: 'probe'; token: string } | { kind: 'wait' | 'throttled'; at: Date };
export type BreakerTransition = 'opened' | 'closed' | 'reopened';

/** What a send's outcome did: the change it made, if any; and, when it failed and the breaker is open, when the next probe may go. */
export interface BreakerSettled {
  transition?: BreakerTransition;
  openUntil?: Date;
}

export interface TenantBreakerStatus {
  tenant: string;
  state: 'closed' | 'open' | 'probing';
  /** When it last opened or closed (absent: never opened). */
  since?: string;
  /** While open: when the next probe may go, and the interval that led there. */
  nextProbeAt?: string;
  probeIntervalSeconds?: number;
  /** While closed: failed sends in the current run. */
  failures: number;
}

const TTL_SECONDS = 7 * 24 * 3600;

/**
 * One circuit breaker per planning-tool tenant, kept in Redis so every worker process sees
 * the same: closed (writes go), open (writes wait until the next probe time), probing (one
 * writer, holding a Redis lock, tries; the others wait). A run of failed sends opens it; a
 * probe's answer closes it, its failure re-opens it with the probe interval doubled.
 */
@Injectable()
export class TenantBreakerStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KERNEL_KEYS) private readonly keys: KernelKeys,
    @Inject(TENANT_BREAKER_OPTIONS) private readonly options: TenantBreakerOptions,
  ) {}

  /** Also answers `throttled` while the tenant's not-before (TenantThrottleStore) is ahead: one round trip for both. */
  async admit(tenant: string, now: Date = new Date()): Promise<BreakerAdmission> {
    const token = randomBytes(8).toString('hex');
    const keys = [this.keys.tenantBreaker(tenant), this.keys.tenantBreakerProbe(tenant), this.keys.tenantNotBefore(tenant)];
    const [kind, at] = (await runScript(this.redis, ADMIT_SCRIPT, keys, [now.getTime(), token, this.options.probeLockMs, TTL_SECONDS])) as [string, string?];
    if (kind === 'probe') return { kind, token };
    if (kind === 'wait' || kind === 'throttled') return { kind, at: new Date(Number(at)) };
    return { kind: 'closed' };
  }

  /** How an admitted send ended (`probeToken`: the probe's admission token). */
  async settle(tenant: string, outcome: TenantSendOutcome, probeToken: string | undefined, now: Date = new Date()): Promise<BreakerSettled> {
    const { failures, windowMs, minProbeMs, maxProbeMs } = this.options;
    const keys = [this.keys.tenantBreaker(tenant), this.keys.tenantBreakerProbe(tenant), this.keys.tenantBreakerTenants];
    const args = [now.getTime(), outcome, probeToken ?? '', failures, windowMs, minProbeMs, maxProbeMs, TTL_SECONDS, tenant];
    const [transition, openUntil] = (await runScript(this.redis, SETTLE_SCRIPT, keys, args)) as [string, string];
    return { ...(transition !== '' && { transition: transition as BreakerTransition }), ...(openUntil !== '' && { openUntil: new Date(Number(openUntil)) }) };
  }

  /** Every tenant's breaker that was ever touched (others are closed). */
  async readAll(): Promise<Record<string, TenantBreakerStatus>> {
    const tenants = (await this.redis.smembers(this.keys.tenantBreakerTenants)).sort();
    const pipeline = this.redis.pipeline();
    for (const tenant of tenants) pipeline.hgetall(this.keys.tenantBreaker(tenant)).pttl(this.keys.tenantBreakerProbe(tenant));
    const replies = (await pipeline.exec()) ?? [];
    const values = replies.map(([error, value]) => {
      if (error) throw error;
      return value;
    });
    return Object.fromEntries(tenants.map((tenant, i) => [tenant, statusOf(tenant, values[2 * i] as Record<string, string>, values[2 * i + 1] as number)]));
  }
}

export function closedBreaker(tenant: string): TenantBreakerStatus {
  return { tenant, state: 'closed', failures: 0 };
}

function statusOf(tenant: string, hash: Record<string, string>, probeLockMs: number): TenantBreakerStatus {
  const status: TenantBreakerStatus = { ...closedBreaker(tenant), failures: Number(hash.failures ?? 0) };
  if (hash.since) status.since = new Date(Number(hash.since)).toISOString();
  if (hash.state !== 'open') return status;
  return {
    ...status,
    state: probeLockMs > 0 ? 'probing' : 'open',
    nextProbeAt: new Date(Number(hash.nextProbeAt)).toISOString(),
    probeIntervalSeconds: Number(hash.interval) / 1000,
  };
}
