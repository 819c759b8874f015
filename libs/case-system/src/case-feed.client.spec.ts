import { rejectionOf, listenLocal } from '@brygga/testing';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { createCaseSystemSimulator } from '@brygga/sim-case-system';
import { PermanentFailure } from '@brygga/domain';
import { VendorUnauthorizedError } from '@brygga/vendor-http';
import { CaseFeedClient, CaseFeedError } from './case-feed.client';
import { parseUppdragsexport } from './uppdragsexport.parser';

const TOKEN = 'feed-test-token';

describe('CaseFeedClient against the case-system simulator', () => {
  let app: INestApplication;
  let base: string;
  let client: CaseFeedClient;

  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${base}/_sim${path}`, { method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

  beforeAll(async () => {
    app = await createCaseSystemSimulator({ feedToken: TOKEN, logger: false, now: () => new Date('2026-11-20T08:00:00Z') });
    base = await listenLocal(app);
    client = new CaseFeedClient(`${base}/`, TOKEN, 30_000);
  });
  afterAll(async () => app.close());
  beforeEach(async () => {
    expect((await control('DELETE', '')).status).toBe(204);
    expect((await control('POST', '/generate', { clients: 12, seed: 5 })).status).toBe(200);
  });

  it('returns a page as the exact bytes the feed sent', async () => {
    const page = await client.fetch(0, 5);
    if (page.kind !== 'page') throw new Error(`expected a page, got ${page.status}`);
    const direct = await fetch(`${base}/api/uppdrag/andringar?efter=0&max=5`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(page.body.equals(Buffer.from(await direct.arrayBuffer()))).toBe(true);
    const parsed = parseUppdragsexport(page.body);
    expect(parsed.results).toHaveLength(5);

    const rest = await client.fetch(parsed.header.sekvens, 500);
    if (rest.kind !== 'page') throw new Error('expected a page');
    expect(parseUppdragsexport(rest.body).results).toHaveLength(7);
  });

  it('fails permanently on 401, naming CASE_SYSTEM_TOKEN, and does not show the token', async () => {
    const wrong = new CaseFeedClient(base, 'not-the-token');
    const error = await rejectionOf(wrong.fetch(0, 5));
    // Permanent: a retry sends the same token; the kernel fails the poll job at once.
    expect(error).toBeInstanceOf(VendorUnauthorizedError);
    expect(error).toBeInstanceOf(PermanentFailure);
    expect(error.message).toContain('401');
    expect(error.message).toContain('CASE_SYSTEM_TOKEN');
    expect(error.message).not.toContain('not-the-token');
  });

  it.each([
    [429, 7, 7000],
    [503, 0, 0],
    [503, undefined, undefined],
  ])('asks to wait on %i with Retry-After %p', async (status, retryAfter, expectedMs) => {
    expect((await control('POST', '/faults', { status, count: 1, ...(retryAfter === undefined ? {} : { retryAfter }) })).status).toBe(200);
    expect(await client.fetch(0, 5)).toEqual({ kind: 'wait', status, retryAfterMs: expectedMs });
    expect((await client.fetch(0, 5)).kind).toBe('page');
  });

  it('throws naming the status for anything else', async () => {
    const error = await rejectionOf(client.fetch(0, 0));
    expect(error).toBeInstanceOf(CaseFeedError);
    expect(error.message).toMatch(/answered 4\d\d/);
  });
});

describe('CaseFeedClient without a case system', () => {
  it('throws naming the connection failure', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = await rejectionOf(new CaseFeedClient(`http://127.0.0.1:${port}`, TOKEN).fetch(0, 5));
    expect(error).toBeInstanceOf(CaseFeedError);
    expect(error.message).toContain('ECONNREFUSED');
  });
});
