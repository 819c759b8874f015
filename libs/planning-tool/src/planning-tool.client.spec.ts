import { aCustomer, aServiceOrder, listenLocal, rejectionOf } from '@brygga/testing';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import axios, { type AxiosInstance } from 'axios';
import type { PlanningCustomer, PlanningServiceOrder } from '@brygga/domain';
import { createPlanningToolSimulator } from '@brygga/sim-planning-tool';
import type { KeyedOperation } from './keyed-operation';
import { MAX_BATCH_OPERATIONS, type PlanningRequestSample, PlanningToolClient } from './planning-tool.client';
import { PlanningPermanentError, PlanningTransientError } from './planning-tool.errors';

const TOKEN = 'kommunen-test-token';
const OPTIONS = { timeoutMs: 30_000 };

const customer = aCustomer;
const serviceOrder = (): PlanningServiceOrder => aServiceOrder();

function putCustomer(id: string, key = `key-${id}`, body: PlanningCustomer = customer()): KeyedOperation {
  return { operation: { kind: 'putCustomer', customerId: id, customer: body }, idempotencyKey: key };
}

/** A plain local server, for answers the simulator cannot give and for "another host". */
async function startServer(handler: http.RequestListener): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('PlanningToolClient against the planning-tool simulator', () => {
  let app: INestApplication;
  let base: string;
  let control: AxiosInstance;
  let client: PlanningToolClient;

  beforeAll(async () => {
    app = await createPlanningToolSimulator({ tenants: { kommunen: TOKEN }, logger: false });
    base = await listenLocal(app);
    control = axios.create({ baseURL: base, validateStatus: () => true });
    client = new PlanningToolClient({ name: 'kommunen', baseUrl: `${base}/kommunen/`, token: TOKEN }, OPTIONS);
  });
  afterAll(async () => app.close());
  beforeEach(async () => {
    await control.delete('/_sim');
    await control.delete('/_sim/faults');
  });

  const counts = async () => (await control.get('/_sim/kommunen/requests')).data as { total: number; byMethodStatus: Record<string, number>; byKind: Record<string, number> };
  const arm = async (fault: Record<string, unknown>) => expect((await control.post('/_sim/faults', { tenant: 'kommunen', count: 1, ...fault })).status).toBe(201);

  it('sends a single write as one PUT (201) with its Idempotency-Key', async () => {
    await client.send([putCustomer('C-1', 'same-key')]);
    expect(await counts()).toMatchObject({ total: 1, byMethodStatus: { 'PUT 201': 1 }, byKind: { 'PUT customer': 1 } });
    const state = await control.get('/_sim/kommunen/state');
    expect(JSON.stringify(state.data)).toContain('C-1');

    // The simulator refuses a reused key with another body: proof that the header went out.
    const reused = await rejectionOf(client.send([putCustomer('C-1', 'same-key', customer({ teamId: 'NORR-2' }))]));
    expect(reused).toBeInstanceOf(PlanningPermanentError);
    expect((reused as PlanningPermanentError).fields).toEqual(['Idempotency-Key']);
  });

  it('sends a DELETE without a body', async () => {
    await client.send([putCustomer('C-1')]);
    await client.send([{ operation: { kind: 'deleteCustomer', customerId: 'C-1' }, idempotencyKey: 'del-1' }]);
    expect((await counts()).byMethodStatus).toMatchObject({ 'PUT 201': 1, 'DELETE 204': 1 });
  });

  it('sends several writes as one batch, in order', async () => {
    await client.send([
      putCustomer('C-1'),
      { operation: { kind: 'putServiceOrder', customerId: 'C-1', serviceOrderId: 'SO-1', serviceOrder: serviceOrder() }, idempotencyKey: 'so-1' },
      putCustomer('C-2'),
    ]);
    const c = await counts();
    expect(c.byKind).toEqual({ 'POST batch': 1, 'PUT customer': 2, 'PUT service-order': 1 });
    expect(c.total).toBe(4);
  });

  it(`splits more than ${MAX_BATCH_OPERATIONS} writes into batches of at most ${MAX_BATCH_OPERATIONS}`, async () => {
    const writes = Array.from({ length: 2 * MAX_BATCH_OPERATIONS + 50 }, (_, i) => putCustomer(`C-${i}`));
    await client.send(writes);
    const c = await counts();
    expect(c.byKind).toEqual({ 'POST batch': 3, 'PUT customer': 450 });
    expect(c.byMethodStatus).toEqual({ 'POST 207': 3, 'PUT 201': 450 });
  });

  it('throws a permanent error on 400 with the Problem title and field names, never the values sent', async () => {
    await client.send([putCustomer('C-1')]);
    const body = { ...serviceOrder(), nickname: 'Märta Öberg' } as unknown as PlanningServiceOrder;
    const error = await rejectionOf(client.send([{ operation: { kind: 'putServiceOrder', customerId: 'C-1', serviceOrderId: 'SO-1', serviceOrder: body }, idempotencyKey: 'so-bad' }]));
    expect(error).toBeInstanceOf(PlanningPermanentError);
    const permanent = error as PlanningPermanentError;
    expect(permanent.status).toBe(400);
    expect(permanent.fields).toEqual(['nickname']);
    expect(permanent.message).toContain(permanent.title);
    expect(permanent.title).not.toBe('no problem title');
    expect(permanent.message).toContain('nickname');
    expect(permanent.message).toContain('service order');
    expect(permanent.message).not.toMatch(/Märta|Öberg|C-1|SO-1/);
  });

  it('does not put a rejected customer value into the message', async () => {
    const error = await rejectionOf(client.send([putCustomer('C-1', 'k', customer({ language: 'Svenska-Märta' }))]));
    expect(error).toBeInstanceOf(PlanningPermanentError);
    expect((error as PlanningPermanentError).fields).toEqual(['language']);
    expect(error.message).not.toMatch(/Svenska|Märta|Tolvan|19121212/);
  });

  it.each([
    [503, 7, 7000],
    [429, 3, 3000],
    [500, undefined, undefined],
  ])('throws a transient error on an injected %i (Retry-After %p)', async (status, retryAfter, expectedMs) => {
    await arm({ status, ...(retryAfter === undefined ? {} : { retryAfter }) });
    const error = await rejectionOf(client.send([putCustomer('C-1')]));
    expect(error).toBeInstanceOf(PlanningTransientError);
    expect((error as PlanningTransientError).retryAfterMs).toBe(expectedMs);
    expect(error.message).toContain(String(status));
    // The fault was used up: the same write now goes through.
    await client.send([putCustomer('C-1')]);
  });

  it('throws a transient error when a whole batch meets a 503', async () => {
    await arm({ status: 503, retryAfter: 2 });
    const error = await rejectionOf(client.send([putCustomer('C-1'), putCustomer('C-2')]));
    expect(error).toBeInstanceOf(PlanningTransientError);
    expect((error as PlanningTransientError).retryAfterMs).toBe(2000);
  });

  it('fails a batch as permanent when one of its operations is refused with a 4xx', async () => {
    const bad = putCustomer('C-2', 'k-2', customer({ language: 'Svenska' }));
    const error = await rejectionOf(client.send([putCustomer('C-1'), bad, putCustomer('C-3')]));
    expect(error).toBeInstanceOf(PlanningPermanentError);
    expect((error as PlanningPermanentError).fields).toEqual(['language']);
    expect(error.message).toContain('batch operation 1 PUT customer');
    expect(error.message).not.toMatch(/Svenska|C-2/);
  });

  it('never lets an id send a request to another host', async () => {
    const other = await startServer((_req, res) => res.end('{}'));
    try {
      for (const customerId of [`${other.url}/x`, `//${other.url.slice('http://'.length)}/x`]) {
        const error = await rejectionOf(client.send([{ operation: { kind: 'putCustomer', customerId, customer: customer() }, idempotencyKey: 'abs' }]));
        expect(error).toBeInstanceOf(PlanningPermanentError);
      }
      expect(other.hits()).toBe(0);
      // Both went to the tenant's own host instead, as one (refused) customer id each.
      expect((await counts()).total).toBe(2);
    } finally {
      await other.close();
    }
  });
});

describe('PlanningToolClient failures the simulator cannot produce', () => {
  it('treats a refused connection as transient', async () => {
    const gone = await startServer((_req, res) => res.end());
    await gone.close();
    const client = new PlanningToolClient({ name: 'gone', baseUrl: gone.url, token: 't' }, OPTIONS);
    const error = await rejectionOf(client.send([putCustomer('C-1')]));
    expect(error).toBeInstanceOf(PlanningTransientError);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('treats a batch with one operation answered 503 as transient, and a short result list too', async () => {
    let results: unknown[] = [{ status: 201 }, { status: 503, problem: { title: 'Unavailable' } }];
    const server = await startServer((_req, res) => {
      res.statusCode = 207;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ results }));
    });
    try {
      const client = new PlanningToolClient({ name: 'fake', baseUrl: server.url, token: 't' }, OPTIONS);
      const oneDown = await rejectionOf(client.send([putCustomer('C-1'), putCustomer('C-2')]));
      expect(oneDown).toBeInstanceOf(PlanningTransientError);
      expect(oneDown.message).toContain('503');

      results = [{ status: 201 }];
      const short = await rejectionOf(client.send([putCustomer('C-1'), putCustomer('C-2')]));
      expect(short).toBeInstanceOf(PlanningTransientError);
      expect(short.message).toContain('1 results for 2 operations');
    } finally {
      await server.close();
    }
  });
});

describe('PlanningToolClient observer', () => {
  it('tells of every request as it ends: tenant, operation kind, status class and status, time taken', async () => {
    let status = 201;
    const server = await startServer((_req, res) => {
      res.statusCode = status;
      res.setHeader('Content-Type', 'application/json');
      res.end(status < 300 ? JSON.stringify({ results: [{ status: 201 }, { status: 201 }] }) : '{"title":"no"}');
    });
    const samples: PlanningRequestSample[] = [];
    try {
      const client = new PlanningToolClient({ name: 'fake', baseUrl: server.url, token: 't' }, { ...OPTIONS, observe: (s) => samples.push(s) });
      await client.send([putCustomer('C-1')]);
      await client.send([putCustomer('C-1'), putCustomer('C-2')]);
      status = 503;
      await rejectionOf(client.send([putCustomer('C-1')]));
      status = 422;
      await rejectionOf(client.send([putCustomer('C-1')]));
    } finally {
      await server.close();
    }
    const gone = new PlanningToolClient({ name: 'gone', baseUrl: server.url, token: 't' }, { ...OPTIONS, observe: (s) => samples.push(s) });
    await rejectionOf(gone.send([putCustomer('C-1')]));
    expect(samples.map((s) => ({ tenant: s.tenant, operation: s.operation, statusClass: s.statusClass, status: s.status }))).toEqual([
      { tenant: 'fake', operation: 'putCustomer', statusClass: '2xx', status: 201 },
      { tenant: 'fake', operation: 'batch', statusClass: '2xx', status: 201 },
      { tenant: 'fake', operation: 'putCustomer', statusClass: '5xx', status: 503 },
      { tenant: 'fake', operation: 'putCustomer', statusClass: '4xx', status: 422 },
      { tenant: 'gone', operation: 'putCustomer', statusClass: 'network', status: undefined },
    ]);
    for (const { seconds } of samples) expect(seconds).toBeGreaterThanOrEqual(0);
  });

  it('names a request that outlived its timeout a timeout', async () => {
    const silent = await startServer(() => undefined);
    const samples: PlanningRequestSample[] = [];
    try {
      const client = new PlanningToolClient({ name: 'slow', baseUrl: silent.url, token: 't' }, { timeoutMs: 100, observe: (s) => samples.push(s) });
      expect(await rejectionOf(client.send([putCustomer('C-1')]))).toBeInstanceOf(PlanningTransientError);
    } finally {
      await silent.close();
    }
    expect(samples).toEqual([expect.objectContaining({ tenant: 'slow', statusClass: 'timeout' })]);
    expect(samples[0].seconds).toBeGreaterThanOrEqual(0.09);
  });
});
