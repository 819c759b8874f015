import { MAX_BODY_BYTES } from './planning-tool.simulator';
import { aCustomer, aServiceOrder, fieldsOf, simPerSpecFile } from './sim.test-harness';

describe('planning-tool simulator: batch, body limit and faults over HTTP', () => {
  const sim = simPerSpecFile();

  describe('batch', () => {
    it('applies operations in order, each with its own status and Problem (207)', async () => {
      const operations = [
        { method: 'PUT', path: '/api/v1/customers/C-1/service-orders/SO-1', idempotencyKey: 'b-0', body: aServiceOrder() },
        { method: 'PUT', path: '/api/v1/customers/C-1', idempotencyKey: 'b-1', body: aCustomer() },
        { method: 'PUT', path: '/api/v1/customers/C-1/service-orders/SO-1', idempotencyKey: 'b-2', body: aServiceOrder() },
        { method: 'PUT', path: '/api/v1/customers/C-2', idempotencyKey: 'b-3', body: aCustomer({ language: 'SV' }) },
        { method: 'DELETE', path: '/api/v1/customers/C-1/service-orders/SO-9', idempotencyKey: 'b-4' },
        { method: 'PUT', path: '/api/v1/nothing/here', idempotencyKey: 'b-5', body: {} },
        { method: 'PUT', path: '/api/v1/customers/C-3', idempotencyKey: 'b-6' },
        { method: 'DELETE', path: '/api/v1/staff/E1', idempotencyKey: 'b-7' },
      ];
      const res = await sim.kommunen.post('/batch', { operations });
      expect(res.status).toBe(207);
      const results = res.data.results as Array<{ status: number; problem?: { title: string; errors?: Array<{ field: string }> } }>;
      expect(results.map((r) => r.status)).toEqual([404, 201, 201, 400, 204, 404, 400, 405]);
      expect(results[3].problem?.errors?.map((e) => e.field)).toEqual(['language']);
      expect(results[6].problem?.errors?.map((e) => e.field)).toEqual(['body']);
      expect(results[1].problem).toBeUndefined();
      expect((await sim.kommunen.get('/customers/C-1/service-orders')).data).toEqual([aServiceOrder()]);
      expect((await sim.kommunen.get('/customers/C-2')).status).toBe(404);
    });

    it('honours each operation\'s idempotencyKey', async () => {
      const op = { method: 'PUT', path: '/api/v1/customers/C-1', idempotencyKey: 'same', body: aCustomer() };
      await sim.kommunen.post('/batch', { operations: [op] });
      await sim.kommunen.delete('/customers/C-1');
      const again = await sim.kommunen.post('/batch', { operations: [op] });
      expect(again.data.results).toEqual([{ status: 201 }]);
      expect((await sim.kommunen.get('/customers/C-1')).status).toBe(404);
    });

    it('rejects a broken envelope with 400, naming each operation field, and more than 200 operations', async () => {
      const bad = await sim.kommunen.post('/batch', {
        operations: [
          { method: 'PUT', path: '/api/v1/customers/C-1', idempotencyKey: 'a', body: aCustomer() },
          { method: 'GET', path: '/api/v1/customers/C-1', idempotencyKey: 'b' },
          { method: 'DELETE', path: '/api/v1/customers/C-1' },
          { method: 'DELETE', path: '/api/v1/customers/C-1', idempotencyKey: 'x'.repeat(129), extra: true },
        ],
      });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.data).sort()).toEqual([
        'operations.1.method',
        'operations.2.idempotencyKey',
        'operations.3.extra',
        'operations.3.idempotencyKey',
      ]);
      expect((await sim.kommunen.get('/customers/C-1')).status).toBe(404);

      const op = (i: number) => ({ method: 'DELETE', path: `/api/v1/customers/C-${i}`, idempotencyKey: `k-${i}` });
      const tooMany = await sim.kommunen.post('/batch', { operations: Array.from({ length: 201 }, (_, i) => op(i)) });
      expect(tooMany.status).toBe(400);
      expect(fieldsOf(tooMany.data)).toEqual(['operations']);
      const most = await sim.kommunen.post('/batch', { operations: Array.from({ length: 200 }, (_, i) => op(i)) });
      expect(most.status).toBe(207);
      expect(most.data.results).toHaveLength(200);
      expect((await sim.kommunen.post('/batch', { operations: [] })).status).toBe(400);
      expect((await sim.kommunen.post('/batch', { operations: [op(1)], atomic: true })).status).toBe(400);
    });
  });

  describe('body limit', () => {
    /** A JSON body of exactly `bytes` bytes: a customer padded in a string field. */
    function customerOfSize(bytes: number): string {
      const base = JSON.stringify(aCustomer({ phone: '' }));
      return base.replace('"phone":""', `"phone":"${'9'.repeat(bytes - Buffer.byteLength(base))}"`);
    }

    it('accepts exactly 1 MiB and refuses one byte more with a 413 Problem', async () => {
      const headers = { 'Content-Type': 'application/json' };
      const exact = customerOfSize(MAX_BODY_BYTES);
      expect(Buffer.byteLength(exact)).toBe(1048576);
      expect((await sim.kommunen.put('/customers/C-1', exact, { headers })).status).toBe(201);
      const over = await sim.kommunen.put('/customers/C-1', customerOfSize(MAX_BODY_BYTES + 1), { headers });
      expect(over.status).toBe(413);
      expect(over.headers['content-type']).toMatch(/^application\/json/);
      expect(over.data.title).toEqual(expect.any(String));
      const batch = await sim.kommunen.post('/batch', `{"operations":[],"pad":"${'x'.repeat(MAX_BODY_BYTES)}"}`, { headers });
      expect(batch.status).toBe(413);
    });
  });

  describe('faults', () => {
    it('fails the next N requests of a tenant with 503 + Retry-After, then serves normally', async () => {
      expect((await sim.http.post('/_sim/faults', { tenant: 'kommunen', status: 503, count: 2, retryAfter: 7 })).status).toBe(201);
      const other = await sim.http.get('/omsorgshuset/api/v1/customers/C-1', { headers: { Authorization: 'Bearer omsorgshuset-token' } });
      expect(other.status).toBe(404);
      for (let i = 0; i < 2; i++) {
        const res = await sim.kommunen.put('/customers/C-1', aCustomer());
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('7');
      }
      expect((await sim.kommunen.put('/customers/C-1', aCustomer())).status).toBe(201);
    });

    it('429 with Retry-After and 500 for any tenant; DELETE clears them', async () => {
      await sim.http.post('/_sim/faults', { status: 429, count: 1, retryAfter: 1 });
      await sim.http.post('/_sim/faults', { status: 500, count: 1 });
      const limited = await sim.kommunen.get('/customers/C-1');
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toBe('1');
      expect((await sim.kommunen.get('/customers/C-1')).status).toBe(500);
      expect((await sim.kommunen.get('/customers/C-1')).status).toBe(404);
      await sim.http.post('/_sim/faults', { status: 503, count: 5 });
      expect((await sim.http.delete('/_sim/faults')).status).toBe(204);
      expect((await sim.kommunen.get('/customers/C-1')).status).toBe(404);
    });

    it('a delay-only fault stalls the request, then serves it normally', async () => {
      await sim.http.post('/_sim/faults', { count: 1, delayMs: 300 });
      const started = Date.now();
      const res = await sim.kommunen.put('/customers/C-1', aCustomer());
      expect(res.status).toBe(201);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    });

    it('rejects nonsense fault bodies with 400', async () => {
      const cases: Array<[unknown, string[]]> = [
        [{ status: 404, count: 1 }, ['status']],
        [{ status: 503 }, ['count']],
        [{ count: 1 }, ['status']],
        [{ status: 503, count: 1, tenant: 'nobody' }, ['tenant']],
        [{ status: 503, count: 0, color: 'red' }, ['color', 'count']],
      ];
      for (const [body, fields] of cases) {
        const res = await sim.http.post('/_sim/faults', body);
        expect(res.status).toBe(400);
        expect(fieldsOf(res.data).sort()).toEqual(fields);
      }
      expect((await sim.http.get('/_sim/faults')).data).toEqual({ pending: [] });
    });
  });
});
