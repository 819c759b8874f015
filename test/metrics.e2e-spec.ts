import { promtoolCheck } from '@brygga/testing';
import { drained, harnessPerSpecFile, pushCaseExport, TODAY } from './support/e2e-harness';
import { labelsOf, sample, scrape, syncForMetrics } from './support/metrics-scrape';
import { example } from './support/planning-state';

const METRICS_TOKEN = 'metrics-test-token-0123456789';

describe('GET /metrics (real middleware, Redis and simulators over HTTP)', () => {
  const h = harnessPerSpecFile(TODAY);

  it('after a sync: queue depths, job durations and inbound answers, in an exposition promtool accepts, naming nobody', async () => {
    await h.fresh(TODAY);
    expect(await pushCaseExport(h, example('uppdrag-ny.xml'))).toBe(202);
    expect(await pushCaseExport(h, Buffer.from('not xml'))).toBe(400);
    await drained(h);
    const res = await h.http.get(`${h.middleware}/metrics`, { responseType: 'text', transformResponse: (d) => d });
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = String(res.data);
    expect(sample(text, 'brygga_inbound_documents_total{source="case-system-push",answer="accepted"}')).toBe(1);
    expect(sample(text, 'brygga_inbound_documents_total{source="case-system-push",answer="refused"}')).toBe(1);
    expect(sample(text, 'brygga_queue_jobs{queue="assignments",state="waiting"}')).toBe(0);
    expect(sample(text, 'brygga_job_duration_seconds_count{queue="assignments",outcome="completed"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^brygga_rules_info\{version="[^"]+"\} 1$/m);
    expect(promtoolCheck(text)).toEqual({ status: 0, output: '' });
    // Märta of the example: neither her name, identity number, street nor door code in any label.
    const labels = labelsOf(text);
    expect(labels).toContain('case-system-push');
    expect(labels).not.toMatch(/Märta|19380412|5676|Storgatan|4711/);
  });

  it('after a feed poll, pushes, a roster and a planning-tool failure: planning requests, latency, outcomes by reason and last syncs', async () => {
    const { started } = await syncForMetrics(h);
    const text = await scrape(h);
    const at = (series: string) => sample(text, series) ?? Number.NaN;

    // Outbound: the 503 answered, and retried to 2xx; every request timed.
    expect(at('brygga_planning_requests_total{tenant="kommunen",status_class="5xx"}')).toBe(1);
    expect(at('brygga_planning_requests_total{tenant="kommunen",status_class="2xx"}')).toBeGreaterThanOrEqual(3);
    expect(at('brygga_planning_request_duration_seconds_count{tenant="kommunen"}')).toBeGreaterThanOrEqual(4);
    expect(at('brygga_planning_request_duration_seconds_sum{tenant="kommunen"}')).toBeGreaterThan(0);

    // Accepted → confirmed: the feed's and the push's applied assignments, and the roster.
    expect(at('brygga_end_to_end_latency_seconds_count{flow="interventions"}')).toBe(2);
    expect(at('brygga_end_to_end_latency_seconds_count{flow="schedules"}')).toBe(1);
    const latency = at('brygga_end_to_end_latency_seconds_sum{flow="interventions"}');
    expect(latency).toBeGreaterThan(0);
    expect(latency).toBeLessThan(Date.now() / 1000 - started);

    // Outcomes by reason code: at intake (check digit) and in the job (unknown code).
    expect(at('brygga_apply_outcomes_total{flow="interventions",outcome="applied",reason="none"}')).toBe(2);
    expect(at('brygga_apply_outcomes_total{flow="interventions",outcome="quarantined",reason="mapping.unknown-intervention-code"}')).toBe(1);
    expect(at('brygga_apply_outcomes_total{flow="interventions",outcome="quarantined",reason="identity-number.check-digit"}')).toBe(1);
    expect(at('brygga_apply_outcomes_total{flow="schedules",outcome="applied",reason="none"}')).toBe(1);

    // Last syncs: now-ish for the feed, the (only) roster, and the tenant written to.
    const now = Date.now() / 1000;
    for (const series of ['{source="feed"}', '{source="roster"}', '{source="tenant",tenant="kommunen"}']) {
      const value = at(`brygga_last_sync_timestamp_seconds${series}`);
      expect(value).toBeGreaterThanOrEqual(Math.floor(started));
      expect(value).toBeLessThanOrEqual(now + 1);
    }
    expect(text).not.toContain('brygga_last_sync_timestamp_seconds{source="tenant",tenant="omsorgshuset"}');

    expect(promtoolCheck(text)).toEqual({ status: 0, output: '' });
    expect(labelsOf(text)).not.toMatch(/Märta|19380412|5676|Storgatan|4711|UPP-|E8000|194001/);

    // The same requests, as the tenant's health any process reads: reachable again after the 503, which counts.
    const ready = await h.http.get(`${h.middleware}/health/ready`);
    expect(ready.status).toBe(200);
    const kommunen = ready.data.info.tenants.tenants.kommunen;
    expect(kommunen).toMatchObject({ reachability: 'reachable', lastErrorCode: '503' });
    expect(kommunen.errorRate).toBeGreaterThan(0);
    expect(kommunen.errorRate).toBeLessThan(1);
  });

  it('with METRICS_TOKEN set, a scrape without it is 401 and one with it is answered', async () => {
    await h.fresh({ ...TODAY, METRICS_TOKEN });
    expect((await h.http.get(`${h.middleware}/metrics`)).status).toBe(401);
    expect((await h.http.get(`${h.middleware}/metrics`, { headers: { Authorization: 'Bearer wrong-token-0123456789xx' } })).status).toBe(401);
    expect((await h.http.get(`${h.middleware}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
  });
});
