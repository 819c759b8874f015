import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AlertsOptions } from './alerts.tokens';
import { alertsRig, type AlertsRig, MONDAY_10 } from './alerts.test-harness';
import { verifyWebhook } from './webhook-signature';

const SECRET = 'a-test-secret-of-the-receiver';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on a local port: answers what `answer` says, keeps every request. */
async function receiver(): Promise<{ url: string; received: Received[]; answer: { status: number }; close(): Promise<void> }> {
  const received: Received[] = [];
  const answer = { status: 204 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = answer.status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/brygga`, received, answer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('AlertWebhookDeliverer (real Redis, a local receiver)', () => {
  let rig: AlertsRig;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let options: Partial<AlertsOptions>;

  beforeEach(async () => {
    rig = await alertsRig('alert-webhook');
    hook = await receiver();
    options = { webhook: { url: hook.url, secret: SECRET, timeoutMs: 5000, retryBaseMs: 60_000 } };
  });
  afterEach(async () => {
    await rig.close();
    await hook.close();
  });

  const minutes = (n: number) => (rig.clock.now = new Date(MONDAY_10.getTime() + n * 60_000));
  const failing = async () => {
    await rig.tenantHealth.record({ tenant: 'omsorgshuset', outcome: '5xx', status: 503, at: MONDAY_10 });
    minutes(10);
  };
  const tenantEvents = () => hook.received.map((r) => JSON.parse(r.body) as { condition: string; state: string }).filter((e) => e.condition === 'tenant-failing');

  it('posts each event once, as JSON with a signature over the timestamp and body that the receiver verifies', async () => {
    const process = await rig.evaluatorProcess(options);
    await failing();
    const [raised] = (await process.evaluator.evaluate()).filter((e) => e.condition === 'tenant-failing');
    const round = await process.deliverer.deliverDue();
    expect(round).toMatchObject({ failed: 0, expired: 0 });
    const request = hook.received.find((r) => JSON.parse(r.body).id === raised.id);
    expect(request).toBeDefined();
    const { headers, body } = request as Received;
    expect(JSON.parse(body)).toEqual({ id: raised.id, condition: 'tenant-failing', subject: 'omsorgshuset', state: 'raised', at: new Date(MONDAY_10.getTime() + 10 * 60_000).toISOString(), detail: { failingMinutes: 10, lastErrorCode: '503', errors: 0, breaker: 'closed' } });
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-brygga-event-id']).toBe(raised.id);
    const signed = { signature: headers['x-brygga-signature'] as string, timestamp: headers['x-brygga-timestamp'] as string, body };
    expect(signed.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook(SECRET, signed)).toBe(true);
    // Another secret, a changed body, or the same request replayed ten minutes later: refused.
    expect(verifyWebhook('another-secret-entirely', signed)).toBe(false);
    expect(verifyWebhook(SECRET, { ...signed, body: body.replace('raised', 'cleared') })).toBe(false);
    expect(verifyWebhook(SECRET, signed, Number(signed.timestamp) + 600)).toBe(false);
    // Nothing left to post: a second round sends nothing again.
    const before = hook.received.length;
    expect(await process.deliverer.deliverDue()).toEqual({ delivered: 0, failed: 0, expired: 0 });
    expect(hook.received.length).toBe(before);
  });

  it('a 500 from the receiver is retried after the backoff and delivered then; the raise and the clear both arrive', async () => {
    const process = await rig.evaluatorProcess(options);
    await failing();
    await process.evaluator.evaluate();
    hook.answer.status = 500;
    const first = await process.deliverer.deliverDue();
    expect(first.failed).toBeGreaterThan(0);
    expect(first.delivered).toBe(0);
    expect((await process.service.overview()).webhook).toEqual({ configured: true, pending: first.failed });
    hook.answer.status = 204;
    // Not before its backoff (half to all of 60 s on the first retry)...
    expect(await process.deliverer.deliverDue()).toEqual({ delivered: 0, failed: 0, expired: 0 });
    minutes(12);
    expect(await process.deliverer.deliverDue()).toMatchObject({ delivered: first.failed, failed: 0 });
    await rig.tenantHealth.record({ tenant: 'omsorgshuset', outcome: 'ok', status: 200, at: minutes(13) });
    await process.evaluator.evaluate();
    await process.deliverer.deliverDue();
    // The raise twice (the 500, then the retry), then the clear.
    expect(tenantEvents().map((e) => e.state)).toEqual(['raised', 'raised', 'cleared']);
    expect((await process.service.overview()).webhook.pending).toBe(0);
  });

  it('nothing is lost across a restart: events raised while the receiver is down are posted by the next process', async () => {
    const first = await rig.evaluatorProcess(options);
    await failing();
    await first.evaluator.evaluate();
    hook.answer.status = 503;
    await first.deliverer.deliverDue();
    await first.close();
    hook.answer.status = 204;
    const second = await rig.evaluatorProcess(options);
    minutes(20);
    const round = await second.deliverer.deliverDue();
    expect(round.delivered).toBeGreaterThan(0);
    const ok = hook.received.slice(-round.delivered).map((r) => JSON.parse(r.body) as { condition: string; subject?: string; state: string });
    expect(ok).toContainEqual(expect.objectContaining({ condition: 'tenant-failing', subject: 'omsorgshuset', state: 'raised' }));
    expect((await second.service.overview()).webhook.pending).toBe(0);
  });

  it('without a webhook, nothing is put in the outbox', async () => {
    const process = await rig.evaluatorProcess();
    await failing();
    expect((await process.evaluator.evaluate()).length).toBeGreaterThan(0);
    expect(await process.deliverer.deliverDue()).toEqual({ delivered: 0, failed: 0, expired: 0 });
    expect((await process.service.overview()).webhook).toEqual({ configured: false, pending: 0 });
    expect(hook.received).toEqual([]);
  });
});
