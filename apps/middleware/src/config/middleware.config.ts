import { type AdminAccessConfig, readAdminAccessConfig } from '@brygga/admin-access';
import { type AlertsOptions, readAlertsOptions } from '@brygga/alerts';
import { type DataKeyRing, readDataKeyRing } from '@brygga/data-seal';
import type { MiddlewareEnv } from './middleware.env';

export type Role = 'api' | 'worker' | 'all';

/** The typed config the app uses; built once from the validated env. */
export interface MiddlewareConfig {
  env: MiddlewareEnv;
  role: Role;
  runsApi: boolean;
  runsWorkers: boolean;
  port: number;
  /**
   * target: REDIS_URL, or the master of REDIS_SENTINELS/REDIS_SENTINEL_NAME;
   * persistenceAccepted: REDIS_PERSISTENCE=none-accepted (a production boot on a Redis that keeps nothing).
   */
  redis: { url: string; target: RedisTarget; prefix: string; persistenceAccepted: boolean };
  workers: { concurrency: number; nice: number; shutdownTimeoutMs: number; retryBaseDelayMs: number; heartbeat: { intervalMs: number; staleMs: number } };
  mappingRulesFile: string;
  /** Today's Stockholm date; fixed only in tests (BRYGGA_TODAY). */
  today: () => string;
  customerIdKey: string;
  /** The keys personal data in Redis is sealed with (the first seals). */
  dataKeys: DataKeyRing;
  /** Who may use `/admin` (names, roles, token hashes) and how long the audit log is kept. */
  admin: AdminAccessConfig;
  adminSession: { ttlMinutes: number; cookieSecure: boolean };
  metricsToken?: string;
  inbound: { maxBytes: number; parseThreads: number; parseThreadMinBytes: number; caseSystemToken: string; schedulingSystemToken: string };
  caseSystem: { url: string; token: string; pollSeconds: number; dropDir?: string };
  schedulingSystem: { url: string; token: string; pollSeconds: number; horizonDays: number };
  planning: { tenantsJson?: string; timeoutMs: number; batchWindowMs: number };
  /** Each planning tenant's circuit breaker (TENANT_BREAKER_*). */
  tenantBreaker: TenantBreakerOptions;
  /** Thresholds, office hours, evaluation interval and the webhook (ALERT_*). */
  alerts: AlertsOptions;
}

import { ConfigError, type RedisTarget, redisTargetFromEnv } from '@brygga/config';
import { stockholmToday, type TenantBreakerOptions } from '@brygga/flow-kernel';

export const MIDDLEWARE_CONFIG = Symbol('MIDDLEWARE_CONFIG');

export function toMiddlewareConfig(env: MiddlewareEnv): MiddlewareConfig {
  return {
    env,
    role: env.ROLE,
    runsApi: env.ROLE !== 'worker',
    runsWorkers: env.ROLE !== 'api',
    port: env.PORT,
    redis: { url: env.REDIS_URL, target: redisTargetFromEnv(env), prefix: env.QUEUE_PREFIX, persistenceAccepted: env.REDIS_PERSISTENCE === 'none-accepted' },
    workers: {
      concurrency: env.WORKER_CONCURRENCY,
      // The worker role's alone: in ROLE=all the same process answers the pushes.
      nice: env.ROLE === 'worker' ? env.WORKER_NICE : 0,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      retryBaseDelayMs: env.RETRY_BASE_DELAY_MS,
      heartbeat: { intervalMs: env.WORKER_HEARTBEAT_INTERVAL_MS, staleMs: env.WORKER_HEARTBEAT_STALE_MS },
    },
    mappingRulesFile: env.MAPPING_RULES_FILE,
    today: todayOf(env),
    customerIdKey: env.CUSTOMER_ID_KEY,
    dataKeys: readDataKeyRing(env),
    admin: readAdminAccessConfig({
      NODE_ENV: env.NODE_ENV,
      ADMIN_TOKENS_FILE: env.ADMIN_TOKENS_FILE,
      ADMIN_TOKENS: env.ADMIN_TOKENS,
      JOURNAL_RETENTION_DAYS: String(env.JOURNAL_RETENTION_DAYS),
    }),
    adminSession: { ttlMinutes: env.ADMIN_SESSION_TTL_MINUTES, cookieSecure: env.ADMIN_COOKIE_SECURE === 'true' },
    metricsToken: env.METRICS_TOKEN,
    inbound: {
      maxBytes: env.INBOUND_MAX_BYTES,
      parseThreads: env.INBOUND_PARSE_THREADS,
      parseThreadMinBytes: env.INBOUND_PARSE_THREAD_MIN_BYTES,
      caseSystemToken: env.CASE_SYSTEM_INBOUND_TOKEN,
      schedulingSystemToken: env.SCHEDULING_SYSTEM_INBOUND_TOKEN,
    },
    caseSystem: { url: env.CASE_SYSTEM_URL, token: env.CASE_SYSTEM_TOKEN, pollSeconds: env.CASE_SYSTEM_POLL_SECONDS, dropDir: env.CASE_SYSTEM_DROP_DIR },
    schedulingSystem: {
      url: env.SCHEDULING_SYSTEM_URL,
      token: env.SCHEDULING_SYSTEM_TOKEN,
      pollSeconds: env.SCHEDULING_POLL_SECONDS,
      horizonDays: env.SCHEDULING_HORIZON_DAYS,
    },
    planning: { tenantsJson: env.PLANNING_TENANTS, timeoutMs: env.PLANNING_TIMEOUT_MS, batchWindowMs: env.PLANNING_BATCH_WINDOW_MS },
    tenantBreaker: tenantBreakerOf(env),
    alerts: readAlertsOptions({ ...env, feedPolled: env.CASE_SYSTEM_POLL_SECONDS > 0 }),
  };
}

function tenantBreakerOf(env: MiddlewareEnv): TenantBreakerOptions {
  if (env.TENANT_BREAKER_MAX_PROBE_SECONDS < env.TENANT_BREAKER_MIN_PROBE_SECONDS) {
    throw new ConfigError([`TENANT_BREAKER_MAX_PROBE_SECONDS (${env.TENANT_BREAKER_MAX_PROBE_SECONDS}) must be at least TENANT_BREAKER_MIN_PROBE_SECONDS (${env.TENANT_BREAKER_MIN_PROBE_SECONDS})`]);
  }
  return {
    failures: env.TENANT_BREAKER_FAILURES,
    windowMs: env.TENANT_BREAKER_WINDOW_SECONDS * 1000,
    minProbeMs: env.TENANT_BREAKER_MIN_PROBE_SECONDS * 1000,
    maxProbeMs: env.TENANT_BREAKER_MAX_PROBE_SECONDS * 1000,
    // A probe outlives its longest request: a probe whose worker died frees the next one then.
    probeLockMs: env.PLANNING_TIMEOUT_MS + 5_000,
  };
}

function todayOf(env: MiddlewareEnv): () => string {
  if (env.BRYGGA_TODAY === undefined) return () => stockholmToday();
  if (env.NODE_ENV !== 'test') throw new Error('BRYGGA_TODAY: only allowed when NODE_ENV=test');
  const fixed = env.BRYGGA_TODAY;
  return () => fixed;
}
