import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '@brygga/alerts';
import { promtoolCheck } from '@brygga/testing';
import { eventually, harnessPerSpecFile, pushCaseExport, TODAY, TOKENS, VIEWER } from './support/e2e-harness';
import { labelsOf, sample, scrape } from './support/metrics-scrape';
import { example } from './support/planning-state';

const SECRET = 'alerts-e2e-webhook-secret';

interface AlertEvent {
  id: string;
  condition: string;
  subject?: string;
  state: string;
  detail: Record<string, unknown>;
}

describe('alerts (real middleware, Redis, simulators and a webhook receiver over HTTP)', () => {
  const h = harnessPerSpecFile(TODAY);
  const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  let server: Server;
  let hookUrl: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  const alerts = async (): Promise<{ active: AlertEvent[]; recent: AlertEvent[]; webhook: { configured: boolean; pending: number } }> => {
    const res = await h.http.get(`${h.middleware}/admin/api/alerts`, { headers: VIEWER, params: { limit: 100 } });
    if (res.status !== 200) throw new Error(`GET /admin/api/alerts answered ${res.status}`);
    return res.data;
  };
  const kommunen = (events: AlertEvent[]) => events.filter((e) => e.condition === 'tenant-failing' && e.subject === 'kommunen');

  it('a tenant answering 503 raises tenant-failing once (API, gauge, page, signed webhook), and its recovery clears it once', async () => {
    await h.fresh({
      ...TODAY,
      ALERT_EVALUATE_SECONDS: '1',
      ALERT_TENANT_FAILING_MINUTES: '0',
      ALERT_WEBHOOK_URL: hookUrl,
      ALERT_WEBHOOK_SECRET: SECRET,
      // Retries seconds apart, too few to open the tenant's circuit breaker: the tenant fails for several evaluations, then answers.
      RETRY_BASE_DELAY_MS: '2000',
      TENANT_BREAKER_FAILURES: '100',
    });
    const fault = await h.http.post(`${h.planningTool}/_sim/faults`, { tenant: 'kommunen', status: 503, count: 4 });
    expect(fault.status).toBeLessThan(300);
    expect(await pushCaseExport(h, example('uppdrag-ny.xml'))).toBe(202);

    const active = await eventually(async () => kommunen((await alerts()).active)[0], 'tenant-failing raised for kommunen');
    expect(active).toMatchObject({ condition: 'tenant-failing', subject: 'kommunen', detail: { lastErrorCode: '503' } });
    const text = await eventually(async () => {
      const scraped = await scrape(h);
      return sample(scraped, 'brygga_alert_active{condition="tenant-failing"}') === 1 ? scraped : undefined;
    }, 'the gauge to show it');
    expect(promtoolCheck(text)).toEqual({ status: 0, output: '' });
    expect(labelsOf(text)).not.toMatch(/Märta|19380412|5676|Storgatan|4711/);
    // The operations page, signed in as a viewer: the Alerts section lists it.
    const signedIn = await h.http.post(`${h.middleware}/admin/session`, new URLSearchParams({ token: TOKENS.viewer }).toString(), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, maxRedirects: 0 });
    const cookie = String(signedIn.headers['set-cookie']?.[0] ?? '').split(';')[0];
    const page = await h.http.get(`${h.middleware}/admin`, { headers: { Cookie: cookie }, responseType: 'text', transformResponse: (d) => d });
    expect(page.status).toBe(200);
    expect(String(page.data)).toMatch(/<section id="alerts"[^>]*>\s*<h2 id="alerts-title">Alerts \(\d+ active\)<\/h2>[\s\S]*<tr data-test="alert-active">\s*<th scope="row">tenant-failing<\/th><td>kommunen<\/td>/);

    const cleared = await eventually(async () => kommunen((await alerts()).recent).find((e) => e.state === 'cleared'), 'tenant-failing cleared', 90_000);
    expect((await alerts()).active.filter((a) => a.condition === 'tenant-failing')).toEqual([]);
    // Once each: the journal holds one raise and one clear for the tenant, newest first.
    expect(kommunen((await alerts()).recent).map((e) => e.state)).toEqual(['cleared', 'raised']);

    const posted = await eventually(async () => {
      const events = received.map((r) => ({ ...r, event: JSON.parse(r.body) as AlertEvent })).filter((r) => r.event.condition === 'tenant-failing');
      return events.length >= 2 ? events : undefined;
    }, 'both events at the webhook');
    expect(posted.map((p) => [p.event.id, p.event.state])).toEqual([
      [active.id, 'raised'],
      [cleared.id, 'cleared'],
    ]);
    for (const p of posted) {
      expect(verifyWebhook(SECRET, { signature: p.headers['x-brygga-signature'] as string, timestamp: p.headers['x-brygga-timestamp'] as string, body: p.body })).toBe(true);
      expect(p.body).not.toMatch(/Märta|19380412|5676|Storgatan|4711|UPP-/);
    }
    expect((await alerts()).webhook).toEqual({ configured: true, pending: 0 });

    // A bad parameter is a 400 naming it, as problem+json.
    const bad = await h.http.get(`${h.middleware}/admin/api/alerts`, { headers: VIEWER, params: { limit: 0 } });
    expect(bad.status).toBe(400);
    expect(String(bad.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(bad.data)).toContain('limit');
  });
});
