import { promtoolCheck } from '@brygga/testing';
import { createBryggaMetrics, type MetricReaders } from './brygga-metrics';

function observed(readers?: MetricReaders) {
  const m = createBryggaMetrics(readers);
  m.jobDuration.observe({ queue: 'assignments', outcome: 'completed' }, 0.042);
  m.inboundDocuments.inc({ source: 'push', answer: 'accepted' });
  m.inboundDocuments.inc({ source: 'push', answer: 'refused' });
  m.planningRequests.inc({ tenant: 'kommunen', status_class: '2xx' }, 3);
  m.planningRequests.inc({ tenant: 'kommunen', status_class: 'timeout' });
  m.planningRequestDuration.observe({ tenant: 'kommunen' }, 0.012);
  m.endToEndLatency.observe({ flow: 'interventions' }, 0.08);
  m.applyOutcomes.inc({ flow: 'interventions', outcome: 'quarantined', reason: 'identity-number.check-digit' });
  m.rulesReloads.inc({ outcome: 'accepted' });
  m.rulesInfo.set({ version: 'demo-2026-11' }, 1);
  return m;
}

describe('createBryggaMetrics', () => {
  it('an exposition with every metric observed passes promtool check metrics', async () => {
    const m = observed({
      queueCounts: async () => ({ assignments: { waiting: 2, active: 1 }, scheduler: { delayed: 2 } }),
      lastSyncs: async () => ({ feed: 1_796_000_000, oldestRoster: 1_795_999_000, tenants: { kommunen: 1_796_000_100 } }),
    });
    const text = await m.registry.metrics();
    for (const name of ['brygga_queue_jobs', 'brygga_job_duration_seconds', 'brygga_inbound_documents_total', 'brygga_planning_requests_total', 'brygga_planning_request_duration_seconds', 'brygga_end_to_end_latency_seconds', 'brygga_apply_outcomes_total', 'brygga_last_sync_timestamp_seconds', 'brygga_rules_reloads_total', 'brygga_rules_info', 'process_cpu_seconds_total', 'nodejs_heap_size_used_bytes', 'nodejs_active_handles']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(promtoolCheck(text)).toEqual({ status: 0, output: '' });
  });

  it('promtool does catch a bad exposition (the check can fail)', () => {
    const bad = '# TYPE brygga_things counter\nbrygga_things 1\n';
    expect(promtoolCheck(bad)).toMatchObject({ status: 3, output: expect.stringMatching(/counter metrics should have "_total" suffix/) });
  });

  it('queue depths are read at each scrape, every state of every queue, zero when absent', async () => {
    let waiting = 5;
    const m = createBryggaMetrics({ queueCounts: async () => ({ assignments: { waiting } }) });
    expect(await m.registry.getSingleMetricAsString('brygga_queue_jobs')).toContain('brygga_queue_jobs{queue="assignments",state="waiting"} 5');
    waiting = 0;
    const text = await m.registry.getSingleMetricAsString('brygga_queue_jobs');
    expect(text).toContain('brygga_queue_jobs{queue="assignments",state="waiting"} 0');
    expect(text).toContain('brygga_queue_jobs{queue="assignments",state="failed"} 0');
  });

  it('last syncs are read at each scrape: the feed, the oldest roster, each tenant; a source not synced yet is absent', async () => {
    let tenants: Record<string, number> = {};
    const m = createBryggaMetrics({ lastSyncs: async () => ({ oldestRoster: 1_795_999_000, tenants }) });
    let text = await m.registry.getSingleMetricAsString('brygga_last_sync_timestamp_seconds');
    expect(text).toContain('brygga_last_sync_timestamp_seconds{source="roster"} 1795999000');
    expect(text).not.toMatch(/source="(feed|tenant)"/);
    tenants = { kommunen: 1_796_000_100 };
    text = await m.registry.getSingleMetricAsString('brygga_last_sync_timestamp_seconds');
    expect(text).toContain('brygga_last_sync_timestamp_seconds{source="tenant",tenant="kommunen"} 1796000100');
  });

  it('alerts are read at each scrape: active subjects per condition (0 when none) and the webhook backlog, in an exposition promtool accepts', async () => {
    let active: Record<string, number> = { 'feed-silent': 0, 'tenant-failing': 2 };
    const m = createBryggaMetrics({ alerts: async () => ({ active, webhookPending: 3 }) });
    let text = await m.registry.metrics();
    expect(text).toContain('brygga_alert_active{condition="tenant-failing"} 2');
    expect(text).toContain('brygga_alert_active{condition="feed-silent"} 0');
    expect(text).toContain('brygga_alert_webhook_pending 3');
    expect(promtoolCheck(text)).toEqual({ status: 0, output: '' });
    active = { 'feed-silent': 1, 'tenant-failing': 0 };
    text = await m.registry.getSingleMetricAsString('brygga_alert_active');
    expect(text).toContain('brygga_alert_active{condition="feed-silent"} 1');
    expect(text).toContain('brygga_alert_active{condition="tenant-failing"} 0');
  });

  it('reconciliation is read at each scrape: the last run\'s drift per kind and its duration; nothing before a first run', async () => {
    const read: { last?: { drift: Record<string, number>; durationSeconds: number } } = {};
    const m = createBryggaMetrics({ reconcile: async () => read.last });
    expect(await m.registry.getSingleMetricAsString('brygga_reconcile_drift_items')).not.toContain('kind=');
    read.last = { drift: { customerMissing: 1, staffDayDiffers: 0 }, durationSeconds: 12.5 };
    expect(await m.registry.getSingleMetricAsString('brygga_reconcile_drift_items')).toContain('brygga_reconcile_drift_items{kind="customerMissing"} 1');
    expect(await m.registry.getSingleMetricAsString('brygga_reconcile_drift_items')).toContain('brygga_reconcile_drift_items{kind="staffDayDiffers"} 0');
    expect(await m.registry.getSingleMetricAsString('brygga_reconcile_duration_seconds')).toContain('brygga_reconcile_duration_seconds 12.5');
  });

  it('rules reloads start at zero for both outcomes, so a first reload is an increase', async () => {
    const text = await createBryggaMetrics().registry.getSingleMetricAsString('brygga_rules_reloads_total');
    expect(text).toContain('brygga_rules_reloads_total{outcome="accepted"} 0');
    expect(text).toContain('brygga_rules_reloads_total{outcome="refused"} 0');
  });

  it('two instances share nothing (each app in a test process has its own registry)', async () => {
    const a = createBryggaMetrics();
    const b = createBryggaMetrics();
    a.inboundDocuments.inc({ source: 'push', answer: 'accepted' });
    expect(await b.registry.getSingleMetricAsString('brygga_inbound_documents_total')).not.toContain('answer="accepted"');
  });
});
