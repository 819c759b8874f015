import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Label values are closed sets or operator-chosen names (queues, tenants, sources), never
 * a person's data or an id of one: the types below admit nothing else.
 */
export type JobOutcome = 'completed' | 'retried' | 'failed';
export type InboundAnswer = 'accepted' | 'refused' | 'too-large' | 'unauthorized' | 'unavailable';
export type PlanningStatusClass = '2xx' | '4xx' | '5xx' | 'timeout' | 'network';
export type ApplyOutcome = 'applied' | 'skipped' | 'quarantined';
export type JobState = 'waiting' | 'active' | 'delayed' | 'failed' | 'prioritized';

/** Where Nest provides this process's metrics. */
export const BRYGGA_METRICS = Symbol('BRYGGA_METRICS');

export const JOB_STATES: readonly JobState[] = ['waiting', 'active', 'delayed', 'failed', 'prioritized'];
export const RELOAD_OUTCOMES = ['accepted', 'refused'] as const;

/** Seconds: a job, a planning request and a document's way through span milliseconds to minutes. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

const MISNAMED_DEFAULTS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/** Reads every queue's counts at scrape time (BullMQ's own `getJobCounts`), so they are never stale. */
export type QueueCountsReader = () => Promise<Record<string, Partial<Record<JobState, number>>>>;

/**
 * Last successful syncs (Unix seconds) at scrape time: the case feed's poll, the OLDEST of
 * the served units' rosters (so one stale unit shows), each tenant's last accepted write.
 */
export interface LastSyncSeconds {
  feed?: number;
  oldestRoster?: number;
  tenants: Record<string, number>;
}
export type LastSyncsReader = () => Promise<LastSyncSeconds>;
/** Each configured tenant's circuit breaker at scrape time: true while open (or probing). */
export type TenantBreakersReader = () => Promise<Record<string, boolean>>;

/**
 * The alerts at scrape time: active subjects per condition (every condition of the alerts'
 * closed table, 0 when none) and the webhook's events not yet delivered.
 */
export type AlertsReader = () => Promise<{ active: Record<string, number>; webhookPending: number }>;

/** The last finished reconciliation run: drift items per kind (every kind, 0 when none) and how long it took; undefined before the first. */
export type ReconcileReader = () => Promise<{ drift: Record<string, number>; durationSeconds: number } | undefined>;

/** What the metrics read from Redis when Prometheus scrapes. */
export interface MetricReaders {
  reconcile?: ReconcileReader;
  alerts?: AlertsReader;
  queueCounts?: QueueCountsReader;
  lastSyncs?: LastSyncsReader;
  tenantBreakers?: TenantBreakersReader;
}

export interface BryggaMetrics {
  registry: Registry;
  jobDuration: Histogram<'queue' | 'outcome'>;
  inboundDocuments: Counter<'source' | 'answer'>;
  planningRequests: Counter<'tenant' | 'status_class'>;
  planningRequestDuration: Histogram<'tenant'>;
  endToEndLatency: Histogram<'flow'>;
  applyOutcomes: Counter<'flow' | 'outcome' | 'reason'>;
  journalWriteFailures: Counter;
  rulesReloads: Counter<'outcome'>;
  rulesInfo: Gauge<'version'>;
}

/**
 * Every metric Brygga exposes, on a registry of its own (never prom-client's global one,
 * so two apps in one test process do not share counters), with Node's default process
 * metrics. Queue depths are read when Prometheus scrapes.
 */
export function createBryggaMetrics(readers: MetricReaders = {}): BryggaMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // prom-client names three gauges `*_total`, which promtool rejects (prometheus/client_js
  // issue 283, open); each is only the sum of its per-type gauge, which stays.
  for (const misnamed of MISNAMED_DEFAULTS) registry.removeSingleMetric(misnamed);
  const registers = [registry];
  new Gauge({
    name: 'brygga_queue_jobs',
    help: 'Jobs in each queue by state, read from Redis at scrape time.',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      if (!readers.queueCounts) return;
      this.reset();
      for (const [queue, counts] of Object.entries(await readers.queueCounts())) {
        for (const state of JOB_STATES) this.set({ queue, state }, counts[state] ?? 0);
      }
    },
  });
  new Gauge({
    name: 'brygga_last_sync_timestamp_seconds',
    help: 'When each source last synced successfully (Unix time): feed (case feed poll), roster (the oldest served unit), tenant (last accepted planning write, per tenant).',
    labelNames: ['source', 'tenant'] as const,
    registers,
    async collect() {
      if (!readers.lastSyncs) return;
      this.reset();
      const { feed, oldestRoster, tenants } = await readers.lastSyncs();
      if (feed !== undefined) this.set({ source: 'feed' }, feed);
      if (oldestRoster !== undefined) this.set({ source: 'roster' }, oldestRoster);
      for (const [tenant, at] of Object.entries(tenants)) this.set({ source: 'tenant', tenant }, at);
    },
  });
  new Gauge({
    name: 'brygga_tenant_breaker_open',
    help: "1 while a planning tenant's circuit breaker is open (its writes wait for a probe), else 0; read from Redis at scrape time.",
    labelNames: ['tenant'] as const,
    registers,
    async collect() {
      if (!readers.tenantBreakers) return;
      this.reset();
      for (const [tenant, open] of Object.entries(await readers.tenantBreakers())) this.set({ tenant }, open ? 1 : 0);
    },
  });
  new Gauge({
    name: 'brygga_alert_active',
    help: 'Alerts active now, per condition: the number of subjects (units, queues, tenants; 1 for a condition without subjects), 0 when none.',
    labelNames: ['condition'] as const,
    registers,
    async collect() {
      if (!readers.alerts) return;
      this.reset();
      for (const [condition, count] of Object.entries((await readers.alerts()).active)) this.set({ condition }, count);
    },
  });
  new Gauge({
    name: 'brygga_alert_webhook_pending',
    help: 'Alert events not yet delivered to ALERT_WEBHOOK_URL (waiting for a retry); 0 without a webhook.',
    registers,
    async collect() {
      if (!readers.alerts) return;
      this.set((await readers.alerts()).webhookPending);
    },
  });
  new Gauge({
    name: 'brygga_reconcile_drift_items',
    help: 'Drift items the last finished reconciliation run found, by kind (planning tool against what Brygga would send; source systems against what it stored).',
    labelNames: ['kind'] as const,
    registers,
    async collect() {
      if (!readers.reconcile) return;
      this.reset();
      for (const [kind, count] of Object.entries((await readers.reconcile())?.drift ?? {})) this.set({ kind }, count);
    },
  });
  new Gauge({
    name: 'brygga_reconcile_duration_seconds',
    help: 'How long the last finished reconciliation run took (its reads are paced at RECONCILE_MAX_RPS per tenant).',
    registers,
    async collect() {
      const last = await readers.reconcile?.();
      if (last) this.set(last.durationSeconds);
    },
  });
  const rulesReloads = new Counter({ name: 'brygga_rules_reloads_total', help: 'Mapping-rules reloads, by outcome.', labelNames: ['outcome'] as const, registers });
  // Both outcomes from zero, so that a first reload shows as an increase rather than a new series.
  for (const outcome of RELOAD_OUTCOMES) rulesReloads.inc({ outcome }, 0);
  return {
    registry,
    jobDuration: new Histogram({ name: 'brygga_job_duration_seconds', help: 'Time a job ran, by queue and outcome.', labelNames: ['queue', 'outcome'] as const, buckets: DURATION_BUCKETS, registers }),
    inboundDocuments: new Counter({ name: 'brygga_inbound_documents_total', help: 'Documents offered to Brygga, by way in and answer.', labelNames: ['source', 'answer'] as const, registers }),
    planningRequests: new Counter({ name: 'brygga_planning_requests_total', help: 'Requests to the planning tool, by tenant and status class.', labelNames: ['tenant', 'status_class'] as const, registers }),
    planningRequestDuration: new Histogram({ name: 'brygga_planning_request_duration_seconds', help: 'Time the planning tool took to answer, by tenant.', labelNames: ['tenant'] as const, buckets: DURATION_BUCKETS, registers }),
    endToEndLatency: new Histogram({ name: 'brygga_end_to_end_latency_seconds', help: 'From a document accepted to the planning tool confirming its writes, by flow.', labelNames: ['flow'] as const, buckets: DURATION_BUCKETS, registers }),
    applyOutcomes: new Counter({ name: 'brygga_apply_outcomes_total', help: 'Items applied, skipped or quarantined, by flow, outcome and reason code.', labelNames: ['flow', 'outcome', 'reason'] as const, registers }),
    journalWriteFailures: new Counter({ name: 'brygga_journal_write_failures_total', help: 'Journal entries that could not be written (each also logged with its ids).', registers }),
    rulesReloads,
    rulesInfo: new Gauge({ name: 'brygga_rules_info', help: 'The mapping rules in force (1 for the version in force).', labelNames: ['version'] as const, registers }),
  };
}
