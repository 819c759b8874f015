import { IsIn, IsOptional, IsString, IsUrl, Matches, MinLength } from 'class-validator';
import { DemoDefault, IntSetting, PortSetting, REDIS_SENTINEL_NAME_PATTERN, REDIS_SENTINELS_PATTERN, Secret, SecretToken } from '@brygga/config';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
/** Shorter bearer tokens are refused: a typo or a placeholder must not pass for a secret. */
const MIN_TOKEN_LENGTH = 8;

/**
 * Every environment variable the middleware reads. Validated at boot; a wrong value
 * stops the process with a message naming the variable. See README "Configuration".
 */
export class MiddlewareEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsIn(['api', 'worker', 'all'], { message: 'ROLE must be one of api, worker, all' })
  ROLE: 'api' | 'worker' | 'all' = 'all';

  @PortSetting()
  PORT = 3000;

  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'REDIS_URL must look like redis://host:6379/0' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /**
   * Sentinel mode (README "Redis highly available"): the sentinels, `host:port` comma-separated,
   * with REDIS_SENTINEL_NAME; both or neither (redisTargetFromEnv). REDIS_URL then gives only
   * the password, database and TLS; the sentinels name the master.
   */
  @IsOptional()
  @Matches(REDIS_SENTINELS_PATTERN, { message: 'REDIS_SENTINELS must be host:port[,host:port...], e.g. sentinel-1:26379,sentinel-2:26379' })
  REDIS_SENTINELS?: string;

  /** The master group name the sentinels monitor (`sentinel monitor <name> ...`). */
  @IsOptional()
  @Matches(REDIS_SENTINEL_NAME_PATTERN, { message: 'REDIS_SENTINEL_NAME must be 1-64 of A-Z a-z 0-9 . _ -' })
  REDIS_SENTINEL_NAME?: string;

  /** The sentinels' own password (`requirepass` in sentinel.conf), when they have one; the master's is REDIS_URL's. */
  @IsOptional()
  @IsString()
  @Secret()
  REDIS_SENTINEL_PASSWORD?: string;

  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1-64 of A-Z a-z 0-9 : _ -' })
  QUEUE_PREFIX = 'brygga';

  /**
   * `none-accepted`: start in production although Redis keeps neither an append-only file nor
   * snapshots (the boot refuses that otherwise; see redis-persistence.check.ts).
   */
  @IsOptional()
  @IsIn(['none-accepted'], { message: 'REDIS_PERSISTENCE must be none-accepted or unset' })
  REDIS_PERSISTENCE?: 'none-accepted';

  @IsIn(['error', 'warn', 'log', 'debug'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' = 'log';

  /** JSON lines (the default, for Loki/ELK); `pretty` for a terminal (needs the dev dependency pino-pretty, else JSON). */
  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' })
  LOG_FORMAT: 'json' | 'pretty' = 'json';

  /**
   * 64, not BullMQ's 1 or the 16 it was: more jobs at once share more of each planning
   * batch and Redis round trip, so a busy worker spends less CPU per assignment (README
   * "Benchmarks": 9-27 % more assignments a second than 16 in four side-by-side pairs).
   */
  @IntSetting(1, 256)
  WORKER_CONCURRENCY = 64;

  /**
   * The nice value (0-19) a worker process (ROLE=worker) runs at: on a host it shares with
   * an API process, the pushes are answered first (workers/worker-priority.ts). 0, the
   * default, leaves it: a worker starved of CPU may send a write it was admitted for after a
   * tenant's Retry-After hold began (README "CPU priority").
   */
  @IntSetting(0, 19)
  WORKER_NICE = 0;

  @IntSetting(0)
  SHUTDOWN_TIMEOUT_MS = 25000;

  /** First retry delay of a failed job; doubles per attempt (with jitter), capped at 5 min. */
  @IntSetting(10)
  RETRY_BASE_DELAY_MS = 1000;

  /** How often each queue worker's own blocking Redis connection is pinged (its heartbeat, for /health/ready). */
  @IntSetting(100)
  WORKER_HEARTBEAT_INTERVAL_MS = 5000;

  /**
   * A worker whose last heartbeat is older than this is not ready. Keep it above 10 s (BullMQ's
   * longest blocking wait, which a ping waits behind) plus the interval, or idle workers flap.
   */
  @IntSetting(1000)
  WORKER_HEARTBEAT_STALE_MS = 30000;

  @IsString()
  MAPPING_RULES_FILE = 'config/mapping-rules.yaml';

  /** Tests only: the date the flows take as today (YYYY-MM-DD). Refused unless NODE_ENV=test. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'BRYGGA_TODAY must be YYYY-MM-DD' })
  BRYGGA_TODAY?: string;

  @IsString()
  @MinLength(16, { message: 'CUSTOMER_ID_KEY must be at least 16 characters' })
  @DemoDefault('brygga-demo-customer-id-key')
  CUSTOMER_ID_KEY!: string;

  /**
   * The data keys that seal personal data at rest in Redis: `<id>:<32 bytes as base64 or hex>`,
   * several separated by commas during a rotation (the first seals, every one opens), or
   * DATA_ENCRYPTION_KEY_FILE with one a line; one of them, not both. Neither: the documented
   * demo key, refused when NODE_ENV=production. Read by readDataKeyRing (libs/data-seal).
   */
  @IsOptional()
  @IsString()
  @Secret()
  DATA_ENCRYPTION_KEY?: string;

  @IsOptional()
  @IsString()
  DATA_ENCRYPTION_KEY_FILE?: string;

  // Case system
  @SecretToken('case-push-demo-token', MIN_TOKEN_LENGTH)
  CASE_SYSTEM_INBOUND_TOKEN!: string;

  @SecretToken('case-feed-demo-token', MIN_TOKEN_LENGTH)
  CASE_SYSTEM_TOKEN!: string;

  @IsUrl(URL_OPTIONS, { message: 'CASE_SYSTEM_URL must be an http(s) URL' })
  CASE_SYSTEM_URL = 'http://localhost:4010';

  @IntSetting(0)
  CASE_SYSTEM_POLL_SECONDS = 30;

  @IsOptional()
  @IsString()
  CASE_SYSTEM_DROP_DIR?: string;

  @IntSetting(1024)
  INBOUND_MAX_BYTES = 10 * 1024 * 1024;

  /** Threads that read large pushes off the API's event loop; 0 reads every push inline. */
  @IntSetting(0, 16)
  INBOUND_PARSE_THREADS = 1;

  /** Pushes of this many bytes and more are read in a parse thread. */
  @IntSetting(0)
  INBOUND_PARSE_THREAD_MIN_BYTES = 128 * 1024;

  // Scheduling system
  @SecretToken('schedule-push-demo-token', MIN_TOKEN_LENGTH)
  SCHEDULING_SYSTEM_INBOUND_TOKEN!: string;

  @SecretToken('schedule-api-demo-token', MIN_TOKEN_LENGTH)
  SCHEDULING_SYSTEM_TOKEN!: string;

  @IsUrl(URL_OPTIONS, { message: 'SCHEDULING_SYSTEM_URL must be an http(s) URL' })
  SCHEDULING_SYSTEM_URL = 'http://localhost:4030';

  @IntSetting(0)
  SCHEDULING_POLL_SECONDS = 300;

  @IntSetting(0, 365)
  SCHEDULING_HORIZON_DAYS = 28;

  // Planning tool tenants. Each tenant's token is in the variable its rule names (`tokenEnv`),
  // read by the planning clients, not here: the tenants are the rules' to name, not this class's.
  @IsOptional()
  @IsString()
  PLANNING_TENANTS?: string;

  @IntSetting(100)
  PLANNING_TIMEOUT_MS = 10000;

  /** Writes of concurrently applied assignments within this window share one batch request (0 = off). */
  @IntSetting(0, 1000)
  PLANNING_BATCH_WINDOW_MS = 5;

  /** A tenant's circuit breaker opens after this many failed sends in a row (5xx, timeout, network, 401; all workers counted together). */
  @IntSetting(1, 1000)
  TENANT_BREAKER_FAILURES = 5;

  /** ...within this many seconds of the first of them (failures further apart start a new run). */
  @IntSetting(1, 3600)
  TENANT_BREAKER_WINDOW_SECONDS = 60;

  /** The first probe after opening comes this many seconds later; each failed probe doubles the wait... */
  @IntSetting(1, 3600)
  TENANT_BREAKER_MIN_PROBE_SECONDS = 5;

  /** ...up to this many seconds. */
  @IntSetting(1, 86400)
  TENANT_BREAKER_MAX_PROBE_SECONDS = 300;

  /**
   * The admin tokens (`/admin`): a YAML (or `.json`) file of `{name, role, hash}` entries
   * (`npm run admin-token` prints a new token and its line), or the same list as JSON in
   * ADMIN_TOKENS; one of them, not both. Neither: the documented demo tokens, refused when
   * NODE_ENV=production. Read by readAdminAccessConfig (libs/admin-access).
   */
  @IsOptional()
  @IsString()
  ADMIN_TOKENS_FILE?: string;

  /** Hashes are not secrets, but a token pasted here by mistake would be: redacted like one. */
  @IsOptional()
  @IsString()
  @Secret()
  ADMIN_TOKENS?: string;

  /** How long the journal, the audit log and discard records are kept, and raw documents and assignment versions for redrive (and no longer). */
  @IntSetting(1, 3650)
  JOURNAL_RETENTION_DAYS = 30;

  /** A rules replay over at most this many stored items (assignments and staff) answers at once; a larger store runs it as a job (202 and a run id). */
  @IntSetting(0, 10_000_000)
  RULES_REPLAY_SYNC_MAX = 5000;

  /** Planning-tool reads a second per tenant during a reconciliation run (its GETs spaced in the worker running it). */
  @IntSetting(1, 1000)
  RECONCILE_MAX_RPS = 20;

  /** When the nightly reconciliation runs: a five-field cron pattern in Europe/Stockholm time, or `off`. */
  @Matches(/^(off|(\S+\s+){4}\S+)$/, { message: 'RECONCILE_CRON must be a five-field cron pattern (minute hour day month weekday) or off' })
  RECONCILE_CRON = '30 2 * * *';

  /** `true`: the nightly run re-sends its drifted items at once (an operator's repair is always available). */
  @IsIn(['true', 'false'], { message: 'RECONCILE_REPAIR must be true or false' })
  RECONCILE_REPAIR: 'true' | 'false' = 'false';

  /** How long a sign-in to the operations page (`/admin`) lasts, from sign-in (a working day by default). */
  @IntSetting(1, 7 * 24 * 60)
  ADMIN_SESSION_TTL_MINUTES = 480;

  /** `true` marks the page's session cookie `Secure` (sent over https only): set it wherever the page is behind TLS. */
  @IsIn(['true', 'false'], { message: 'ADMIN_COOKIE_SECURE must be true or false' })
  ADMIN_COOKIE_SECURE: 'true' | 'false' = 'false';

  /** When set, `GET /metrics` wants it as a bearer token (Prometheus's `authorization` setting); unset, the metrics are open. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  @Secret()
  METRICS_TOKEN?: string;

  // Alerts (libs/alerts): evaluated in the API role; see README "Alerts".
  /** Office minutes (ALERT_OFFICE_HOURS, weekdays) without a change from the case feed before feed-silent. */
  @IntSetting(1)
  ALERT_FEED_SILENT_MINUTES = 120;

  /** Weekday office hours in Stockholm, `HH-HH` (checked by readAlertsOptions). */
  @IsString()
  ALERT_OFFICE_HOURS = '07-17';

  /** From this Stockholm time of day (`HH:MM`) a served unit must have tomorrow's roster. */
  @IsString()
  ALERT_ROSTER_DEADLINE = '16:00';

  /** Minutes a failed job or quarantined entry may wait before unhandled-items (0: at once). */
  @IntSetting(0)
  ALERT_UNHANDLED_MINUTES = 60;

  /** Minutes the oldest waiting job of a queue may wait before queue-age (0: at once). */
  @IntSetting(0)
  ALERT_QUEUE_AGE_MINUTES = 15;

  /** Minutes a tenant may fail (5xx, timeouts, 401) without an answer before tenant-failing (0: at once). */
  @IntSetting(0)
  ALERT_TENANT_FAILING_MINUTES = 10;

  @IntSetting(1, 3600)
  ALERT_EVALUATE_SECONDS = 30;

  /** Where each alert event is posted as JSON (signed); unset, none is posted. */
  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'ALERT_WEBHOOK_URL must be an http(s) URL' })
  @Secret()
  ALERT_WEBHOOK_URL?: string;

  /** The webhook's HMAC key; required with ALERT_WEBHOOK_URL in production (readAlertsOptions), else the documented demo value. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'ALERT_WEBHOOK_SECRET must be at least 16 characters' })
  @Secret()
  ALERT_WEBHOOK_SECRET?: string;
}
