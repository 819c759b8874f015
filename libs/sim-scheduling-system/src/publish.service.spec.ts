import { IncomingHttpHeaders, Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readScheduleXml } from './schedule-xml.reader';
import { RunningSim, startSim } from './scheduling-system-sim.test-helper';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stand-in for the middleware's inbound endpoint: answers from a script, then 202. */
class Receiver {
  readonly received: Received[] = [];
  script: number[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = this.script.shift() ?? 202;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/inbound/schedules`;
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  }
}

type Published = { published: Array<{ unitId: string; revision: number; status: number; attempts: number; period?: { from: string; to: string } }> };

describe('POST /_sim/publish', () => {
  let sim: RunningSim;
  let receiver: Receiver;

  beforeEach(async () => {
    receiver = new Receiver();
    await receiver.start();
    sim = await startSim({ publishBackoffMs: 10, generate: { seed: 9, from: '2026-10-01', days: 90 } });
  });
  afterEach(async () => {
    await sim.close();
    await receiver.stop();
  });

  async function publish(body: Record<string, unknown>): Promise<Published> {
    const res = await sim.call('POST', '/_sim/publish', { json: { url: receiver.url, token: 'inbound-token', ...body } });
    expect(res.status).toBe(200);
    return JSON.parse(res.text) as Published;
  }

  it('pushes one unit with the token, as UTF-8 XML, at a higher revision each time', async () => {
    const first = await publish({ unitId: 'NORR-1' });
    const second = await publish({ unitId: 'NORR-1' });
    expect(first.published).toEqual([{ unitId: 'NORR-1', revision: expect.any(Number), status: 202, attempts: 1 }]);
    expect(second.published[0].revision).toBeGreaterThan(first.published[0].revision);
    expect(receiver.received).toHaveLength(2);
    for (const [i, r] of receiver.received.entries()) {
      expect(r.headers.authorization).toBe('Bearer inbound-token');
      expect(r.headers['content-type']).toBe('application/xml; charset=UTF-8');
      const doc = readScheduleXml(r.body);
      expect(doc.unit.id).toBe('NORR-1');
      expect(doc.revision).toBe([first, second][i].published[0].revision);
    }
    const pulled = readScheduleXml((await sim.call('GET', '/api/schedules/NORR-1?from=2026-10-01&to=2026-10-07')).text);
    expect(pulled.revision).toBe(second.published[0].revision);
  });

  it('publishes every unit when none is named, capping the default period at 62 days', async () => {
    const result = await publish({});
    expect(result.published.map((p) => p.unitId)).toEqual(['NORR-1', 'NORR-2', 'VAST-1', 'NATT', 'OH-1']);
    expect(result.published.every((p) => p.status === 202)).toBe(true);
    const docs = receiver.received.map((r) => readScheduleXml(r.body));
    expect(docs.map((d) => [d.periodStart, d.periodEnd])).toEqual(Array(5).fill(['2026-10-01', '2026-12-01']));
  });

  it('sends the requested period and refuses one over 62 days without bumping a revision', async () => {
    await publish({ unitId: 'NATT', from: '2026-10-20', to: '2026-10-27' });
    expect(readScheduleXml(receiver.received[0].body)).toMatchObject({ periodStart: '2026-10-20', periodEnd: '2026-10-27' });
    const revision = readScheduleXml(receiver.received[0].body).revision;
    const tooLong = await sim.call('POST', '/_sim/publish', { json: { unitId: 'NATT', url: receiver.url, token: 't', from: '2026-10-01', to: '2026-12-02' } });
    expect(tooLong.status).toBe(400);
    const next = await publish({ unitId: 'NATT', from: '2026-10-20', to: '2026-10-27' });
    expect(next.published[0].revision).toBe(revision + 1);
  });

  it('can cut a unit\'s period into parts and deliver them newest revision first (out of order)', async () => {
    const result = await publish({ unitId: 'NORR-1', from: '2026-10-05', to: '2026-10-25', chunkDays: 7, outOfOrder: true });
    const docs = receiver.received.map((r) => readScheduleXml(r.body));
    expect(docs.map((d) => [d.periodStart, d.periodEnd])).toEqual([
      ['2026-10-19', '2026-10-25'],
      ['2026-10-12', '2026-10-18'],
      ['2026-10-05', '2026-10-11'],
    ]);
    // Each part its own revision, the earlier period the older one, delivered last.
    expect(docs[0].revision).toBeGreaterThan(docs[1].revision);
    expect(docs[1].revision).toBeGreaterThan(docs[2].revision);
    expect(result.published.map((p) => [p.revision, p.period?.from, p.status])).toEqual(docs.map((d) => [d.revision, d.periodStart, 202]));
    const inOrder = await sim.call('POST', '/_sim/publish', { json: { unitId: 'NORR-1', url: receiver.url, token: 't', chunkDays: 0 } });
    expect(inOrder.status).toBe(400);
    expect((await sim.call('POST', '/_sim/publish', { json: { unitId: 'NORR-1', url: receiver.url, token: 't', outOfOrder: 'yes' } })).status).toBe(400);
  });

  it('retries until 202 and reports the last status when it never comes', async () => {
    receiver.script = [503, 500];
    const retried = await publish({ unitId: 'OH-1' });
    expect(retried.published[0]).toMatchObject({ status: 202, attempts: 3 });
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    receiver.script = [401, 401, 401, 401, 401];
    const failed = await publish({ unitId: 'OH-1' });
    expect(failed.published[0]).toMatchObject({ status: 401, attempts: 4 });
  });

  it('reports status 0 when nobody listens, and 404 for an unknown unit', async () => {
    const url = receiver.url;
    await receiver.stop();
    const res = await sim.call('POST', '/_sim/publish', { json: { unitId: 'OH-1', url, token: 't' } });
    expect(JSON.parse(res.text)).toMatchObject({ published: [{ unitId: 'OH-1', status: 0, attempts: 4 }] });
    expect((await sim.call('POST', '/_sim/publish', { json: { unitId: 'NOPE', url, token: 't' } })).status).toBe(404);
    expect((await sim.call('POST', '/_sim/publish', { json: { unitId: 'OH-1', url: 'not a url', token: 't' } })).status).toBe(400);
  });
});
