import { promtoolCheck } from '@brygga/testing';
import { drained, harnessPerSpecFile, pushCaseExport, TODAY } from './support/e2e-harness';
import { example } from './support/planning-state';

const METRICS_TOKEN = 'metrics-test-token-0123456789';

const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

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
    const labels = text.split('\n').filter((l) => !l.startsWith('#')).map((l) => /\{.*\}/.exec(l)?.[0] ?? '').join('\n');
    expect(labels).toContain('case-system-push');
    expect(labels).not.toMatch(/Märta|19380412|5676|Storgatan|4711/);
  });

  it('with METRICS_TOKEN set, a scrape without it is 401 and one with it is answered', async () => {
    await h.fresh({ ...TODAY, METRICS_TOKEN });
    expect((await h.http.get(`${h.middleware}/metrics`)).status).toBe(401);
    expect((await h.http.get(`${h.middleware}/metrics`, { headers: { Authorization: 'Bearer wrong-token-0123456789xx' } })).status).toBe(401);
    expect((await h.http.get(`${h.middleware}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
  });
});
