import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PermanentFailure } from '@brygga/domain';
import { VendorParams, VendorPullClient } from './vendor-pull.client';
import { VendorPullError, VendorUnauthorizedError } from './vendor-pull.errors';

const TOKEN = 'pull-test-token';
// Every error body carries this: no message may repeat it.
const BODY_SECRET = 'body-with-19121212-1212';

type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** The base with its protected calls opened for the test. */
class TestPullClient extends VendorPullClient {
  constructor(baseUrl: string, timeoutMs?: number) {
    super({ system: 'test system', baseUrl, token: TOKEN, tokenVariable: 'TEST_SYSTEM_TOKEN', timeoutMs });
  }
  pull(path: string, params?: VendorParams) {
    return this.get(path, params, 'test list');
  }
  pullUnlessMissing(path: string) {
    return this.getUnlessMissing(path, undefined, 'test item');
  }
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: http.Server): Promise<void> {
  // The client's keep-alive sockets would hold close() open.
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe('VendorPullClient against a local HTTP server', () => {
  const routes = new Map<string, Route>();
  const seen: Array<{ url: string; headers: http.IncomingHttpHeaders }> = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    const route = routes.get((req.url ?? '').split('?')[0]);
    if (route) route(req, res);
    else res.writeHead(418).end(BODY_SECRET);
  });
  let base: string;
  let client: TestPullClient;

  const answer = (status: number, headers: Record<string, string> = {}, body = BODY_SECRET): Route => (_req, res) => res.writeHead(status, headers).end(body);

  beforeAll(async () => {
    base = await listen(server);
    client = new TestPullClient(`${base}//`);
  });
  afterAll(async () => close(server));
  beforeEach(() => {
    routes.clear();
    seen.length = 0;
  });

  it('returns the exact bytes of a 200, sending the bearer token, Accept and the parameters', async () => {
    const bytes = Buffer.from([0x3c, 0x61, 0x2f, 0x3e, 0xe5, 0xe4, 0xf6]);
    routes.set('/list', (_req, res) => res.writeHead(200, { 'Content-Type': 'application/xml' }).end(bytes));
    const pulled = await client.pull('/list', { efter: 7, max: 'x y' });
    expect(pulled.kind).toBe('ok');
    expect(pulled.kind === 'ok' && pulled.body.equals(bytes)).toBe(true);
    expect(seen[0].url).toBe('/list?efter=7&max=x+y');
    expect(seen[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen[0].headers.accept).toBe('application/xml');
  });

  it.each<[string, number, Record<string, string>, number | undefined]>([
    ['429 with Retry-After: 2', 429, { 'Retry-After': '2' }, 2000],
    ['429 with Retry-After: 0', 429, { 'Retry-After': '0' }, 0],
    ['429 with an empty Retry-After (no hint, not 0 ms)', 429, { 'Retry-After': '' }, undefined],
    ['429 with an unreadable Retry-After', 429, { 'Retry-After': 'soon' }, undefined],
    ['503 without Retry-After', 503, {}, undefined],
    ['503 with Retry-After: 5', 503, { 'Retry-After': '5' }, 5000],
  ])('asks to wait on %s', async (_name, status, headers, retryAfterMs) => {
    routes.set('/list', answer(status, headers));
    expect(await client.pull('/list')).toEqual({ kind: 'wait', status, retryAfterMs });
  });

  it('reads a Retry-After HTTP date as the time until then', async () => {
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 30_000);
    routes.set('/list', answer(429, { 'Retry-After': at.toUTCString() }));
    const pulled = await client.pull('/list');
    if (pulled.kind !== 'wait') throw new Error('expected a wait');
    expect(pulled.retryAfterMs).toBeGreaterThan(25_000);
    expect(pulled.retryAfterMs).toBeLessThanOrEqual(31_000);
  });

  it.each([401, 403])('fails permanently on %i, naming the system and the env variable, never the token or body', async (status) => {
    routes.set('/list', answer(status, { 'WWW-Authenticate': 'Bearer' }));
    const error = await rejectionOf(client.pull('/list'));
    expect(error).toBeInstanceOf(VendorUnauthorizedError);
    expect(error).toBeInstanceOf(PermanentFailure);
    expect((error as VendorUnauthorizedError).reasonCode).toBe('vendor-unauthorized');
    expect(error.message).toContain(`test system answered ${status} to the test list`);
    expect(error.message).toContain('check TEST_SYSTEM_TOKEN');
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain(BODY_SECRET);
  });

  it.each([400, 404, 500, 502])('throws a retryable error naming %i, without the body', async (status) => {
    routes.set('/list', answer(status));
    const error = await rejectionOf(client.pull('/list'));
    expect(error).toBeInstanceOf(VendorPullError);
    expect(error).not.toBeInstanceOf(PermanentFailure);
    expect(error.message).toBe(`test system answered ${status} to the test list`);
    expect((error as VendorPullError).detail).toEqual({ status });
  });

  it('answers missing on 404 only where the caller asked for it', async () => {
    routes.set('/item', answer(404));
    expect(await client.pullUnlessMissing('/item')).toEqual({ kind: 'missing' });
    routes.set('/item', answer(200, {}, '<a/>'));
    expect((await client.pullUnlessMissing('/item')).kind).toBe('ok');
  });

  it('follows no redirect: the 302 is an error and the target is never asked', async () => {
    routes.set('/list', answer(302, { Location: '/elsewhere' }));
    routes.set('/elsewhere', answer(200, {}, '<a/>'));
    const error = await rejectionOf(client.pull('/list'));
    expect(error.message).toBe('test system answered 302 to the test list');
    expect(seen.map((s) => s.url)).toEqual(['/list']);
  });

  it('sends an absolute URL to its own base, never to that host', async () => {
    const other = http.createServer((_req, res) => res.writeHead(200).end('<a/>'));
    const otherBase = await listen(other);
    let otherHit = false;
    other.on('request', () => (otherHit = true));
    try {
      await rejectionOf(client.pull(`${otherBase}/list`));
      expect(otherHit).toBe(false);
      expect(seen).toHaveLength(1);
    } finally {
      await close(other);
    }
  });

  it('times out as a retryable error carrying the code only', async () => {
    routes.set('/slow', () => undefined);
    const error = await rejectionOf(new TestPullClient(base, 200).pull('/slow'));
    expect(error).toBeInstanceOf(VendorPullError);
    expect(error.message).toMatch(/^test system unreachable for the test list: E[A-Z]+$/);
  });
});

describe('VendorPullClient without a server', () => {
  it('throws a retryable error with the connection code only', async () => {
    const server = http.createServer();
    const base = await listen(server);
    await close(server);
    const error = await rejectionOf(new TestPullClient(base).pull('/list'));
    expect(error).toBeInstanceOf(VendorPullError);
    expect(error).not.toBeInstanceOf(PermanentFailure);
    expect(error.message).toBe('test system unreachable for the test list: ECONNREFUSED');
    expect((error as VendorPullError).detail).toEqual({ code: 'ECONNREFUSED' });
  });
});
