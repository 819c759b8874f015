import { aCustomer, aServiceOrder, aStaff, aStaffDay, fieldsOf, simPerSpecFile, startSim, TENANTS } from './sim.test-harness';

describe('planning-tool simulator: tenant API over HTTP', () => {
  const sim = simPerSpecFile();

  describe('customers', () => {
    it('PUT creates (201), replaces (200), GET reads it back, DELETE removes (204, also when absent)', async () => {
      expect((await sim.kommunen.put('/customers/C-1', aCustomer())).status).toBe(201);
      expect((await sim.kommunen.put('/customers/C-1', aCustomer({ phone: '090-1' }))).status).toBe(200);
      const got = await sim.kommunen.get('/customers/C-1');
      expect(got.status).toBe(200);
      expect(got.data).toEqual(aCustomer({ phone: '090-1' }));
      expect((await sim.kommunen.delete('/customers/C-1')).status).toBe(204);
      expect((await sim.kommunen.get('/customers/C-1')).status).toBe(404);
      expect((await sim.kommunen.delete('/customers/C-1')).status).toBe(204);
    });

    it('deleting a customer deletes its service orders', async () => {
      await sim.kommunen.put('/customers/C-1', aCustomer());
      expect((await sim.kommunen.put('/customers/C-1/service-orders/SO-1', aServiceOrder())).status).toBe(201);
      await sim.kommunen.delete('/customers/C-1');
      await sim.kommunen.put('/customers/C-1', aCustomer());
      const list = await sim.kommunen.get('/customers/C-1/service-orders');
      expect(list.status).toBe(200);
      expect(list.data).toEqual([]);
    });

    it('rejects each broken field of a customer with 400 and names it', async () => {
      const body = aCustomer({
        address: { street: 'Testgatan 1', postalCode: '903 26', city: 'Umeå', floor: 3 },
        key: { kind: 'PADLOCK' },
        shoeSize: 42,
      });
      delete body.lastName;
      const res = await sim.kommunen.put('/customers/C-1', body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.data.title).toEqual(expect.any(String));
      expect(fieldsOf(res.data).sort()).toEqual(['address.floor', 'address.postalCode', 'key.kind', 'lastName', 'shoeSize']);
      expect(JSON.stringify(res.data)).not.toContain('903 26');
      expect((await sim.kommunen.get('/customers/C-1')).status).toBe(404);
    });

    it('rejects a bad customer id, a bad date and a too long Idempotency-Key', async () => {
      expect(fieldsOf((await sim.kommunen.put('/customers/C%201', aCustomer())).data)).toEqual(['customerId']);
      expect(fieldsOf((await sim.kommunen.put('/customers/C-1', aCustomer({ activeUntil: '2026-02-30' }))).data)).toEqual(['activeUntil']);
      const longKey = await sim.kommunen.put('/customers/C-1', aCustomer(), { headers: { 'Idempotency-Key': 'k'.repeat(129) } });
      expect(longKey.status).toBe(400);
      expect(fieldsOf(longKey.data)).toEqual(['Idempotency-Key']);
      expect((await sim.kommunen.put('/customers/C-1', aCustomer(), { headers: { 'Idempotency-Key': 'k'.repeat(128) } })).status).toBe(201);
    });

    it('rejects a non-JSON body, a wrong content type and a missing body with a 400 Problem', async () => {
      const text = await sim.kommunen.put('/customers/C-1', '{"identityNumber": 1912', { headers: { 'Content-Type': 'application/json' } });
      expect(text.status).toBe(400);
      expect(fieldsOf(text.data)).toEqual(['body']);
      expect(JSON.stringify(text.data)).not.toContain('1912');
      const form = await sim.kommunen.put('/customers/C-1', 'a=b', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      expect(form.status).toBe(400);
      expect(fieldsOf(form.data)).toEqual(['Content-Type']);
      const none = await sim.kommunen.put('/customers/C-1');
      expect(none.status).toBe(400);
      expect(fieldsOf(none.data)).toEqual(['body']);
      const array = await sim.kommunen.put('/customers/C-1', [aCustomer()]);
      expect(array.status).toBe(400);
    });
  });

  describe('service orders', () => {
    it('PUT 404 without the customer, then 201 and 200; list; DELETE 204 twice', async () => {
      const orphan = await sim.kommunen.put('/customers/C-1/service-orders/SO-1', aServiceOrder());
      expect(orphan.status).toBe(404);
      expect(orphan.data.title).toEqual(expect.any(String));
      await sim.kommunen.put('/customers/C-1', aCustomer());
      expect((await sim.kommunen.put('/customers/C-1/service-orders/SO-1', aServiceOrder())).status).toBe(201);
      expect((await sim.kommunen.put('/customers/C-1/service-orders/SO-1', aServiceOrder({ note: 'x' }))).status).toBe(200);
      expect((await sim.kommunen.get('/customers/C-1/service-orders')).data).toEqual([aServiceOrder({ note: 'x' })]);
      expect((await sim.kommunen.delete('/customers/C-1/service-orders/SO-1')).status).toBe(204);
      expect((await sim.kommunen.delete('/customers/C-1/service-orders/SO-1')).status).toBe(204);
      expect((await sim.kommunen.get('/customers/C-1/service-orders')).data).toEqual([]);
      expect((await sim.kommunen.get('/customers/C-2/service-orders')).status).toBe(404);
    });

    it('rejects a wrong enum, a bad time of day and a missing required field', async () => {
      await sim.kommunen.put('/customers/C-1', aCustomer());
      const order = aServiceOrder({
        staffPerVisit: 3,
        schedule: { kind: 'HOURLY', visits: [{ earliest: '24:00', latest: '08:30' }] },
      });
      delete order.source;
      const res = await sim.kommunen.put('/customers/C-1/service-orders/SO-1', order);
      expect(res.status).toBe(400);
      expect(fieldsOf(res.data).sort()).toEqual(['schedule.kind', 'schedule.visits.0.earliest', 'source', 'staffPerVisit']);
    });
  });

  describe('staff and staff days', () => {
    it('PUT staff 201/200, GET 200/404; days PUT 404 for unknown staff, then 200, GET 200/404', async () => {
      expect((await sim.kommunen.get('/staff/E11000')).status).toBe(404);
      expect((await sim.kommunen.put('/staff/E11000/days/2026-11-23', aStaffDay())).status).toBe(404);
      expect((await sim.kommunen.put('/staff/E11000', aStaff())).status).toBe(201);
      expect((await sim.kommunen.put('/staff/E11000', aStaff({ active: false }))).status).toBe(200);
      expect((await sim.kommunen.get('/staff/E11000')).data).toEqual(aStaff({ active: false }));
      expect((await sim.kommunen.put('/staff/E11000/days/2026-11-23', aStaffDay())).status).toBe(200);
      expect((await sim.kommunen.put('/staff/E11000/days/2026-11-23', aStaffDay())).status).toBe(200);
      expect((await sim.kommunen.get('/staff/E11000/days/2026-11-23')).data).toEqual(aStaffDay());
      expect((await sim.kommunen.get('/staff/E11000/days/2026-11-24')).status).toBe(404);
    });

    it('rejects a bad date in the path and a time without offset in the body', async () => {
      await sim.kommunen.put('/staff/E11000', aStaff());
      expect(fieldsOf((await sim.kommunen.put('/staff/E11000/days/2026-13-01', aStaffDay())).data)).toEqual(['date']);
      const day = aStaffDay() as { shifts: Array<Record<string, unknown>>; absences: unknown[] };
      day.shifts[0].start = '2026-11-23T07:00:00';
      day.absences.push({ start: '2026-11-23T07:00:00+01:00', end: '2026-11-23T16:00:00+01:00', reason: 'HOLIDAY' });
      const res = await sim.kommunen.put('/staff/E11000/days/2026-11-23', day);
      expect(res.status).toBe(400);
      expect(fieldsOf(res.data).sort()).toEqual(['absences.0.reason', 'shifts.0.start']);
    });
  });

  describe('auth, tenants and unknown paths', () => {
    it('401 without a token, with a wrong one, and with the other tenant\'s token; 404 for an unknown tenant', async () => {
      const url = `/kommunen/api/v1/customers/C-1`;
      expect((await sim.http.get(url)).status).toBe(401);
      expect((await sim.http.put(url, aCustomer(), { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
      const other = await sim.http.put(url, aCustomer(), { headers: { Authorization: `Bearer ${TENANTS.omsorgshuset}` } });
      expect(other.status).toBe(401);
      expect((await sim.http.get(url, { headers: { Authorization: `Bearer ${TENANTS.kommunen}` } })).status).toBe(404);
      expect((await sim.http.get('/nowhere/api/v1/customers/C-1', { headers: { Authorization: 'Bearer x' } })).status).toBe(404);
    });

    it('keeps tenants apart', async () => {
      await sim.kommunen.put('/customers/C-1', aCustomer());
      const res = await sim.http.get('/omsorgshuset/api/v1/customers/C-1', { headers: { Authorization: `Bearer ${TENANTS.omsorgshuset}` } });
      expect(res.status).toBe(404);
    });

    it('404 for a path outside the contract, 405 for a method the path lacks', async () => {
      expect((await sim.kommunen.get('/patients/C-1')).status).toBe(404);
      const wrong = await sim.kommunen.delete('/staff/E11000');
      expect(wrong.status).toBe(405);
      expect(wrong.headers.allow).toBe('GET, PUT');
    });
  });

  describe('Idempotency-Key', () => {
    it('a repeated write answers the first status without applying again', async () => {
      const headers = { 'Idempotency-Key': 'k-1' };
      expect((await sim.kommunen.put('/customers/C-1', aCustomer(), { headers })).status).toBe(201);
      await sim.kommunen.delete('/customers/C-1', { headers: { 'Idempotency-Key': 'k-2' } });
      const again = await sim.kommunen.put('/customers/C-1', aCustomer(), { headers });
      expect(again.status).toBe(201);
      expect((await sim.kommunen.get('/customers/C-1')).status).toBe(404);
    });

    it('the same key with another body or path is a 400', async () => {
      const headers = { 'Idempotency-Key': 'k-1' };
      await sim.kommunen.put('/customers/C-1', aCustomer(), { headers });
      const otherBody = await sim.kommunen.put('/customers/C-1', aCustomer({ phone: '1' }), { headers });
      expect(otherBody.status).toBe(400);
      expect(otherBody.data.detail).toBe('Idempotency-Key reused with a different request');
      expect((await sim.kommunen.put('/customers/C-2', aCustomer(), { headers })).status).toBe(400);
    });

    it('a refused write is judged afresh on retry', async () => {
      const headers = { 'Idempotency-Key': 'so-1' };
      expect((await sim.kommunen.put('/customers/C-1/service-orders/SO-1', aServiceOrder(), { headers })).status).toBe(404);
      await sim.kommunen.put('/customers/C-1', aCustomer());
      expect((await sim.kommunen.put('/customers/C-1/service-orders/SO-1', aServiceOrder(), { headers })).status).toBe(201);
    });

    it('forgets the oldest keys beyond its bound', async () => {
      const small = await startSim({ idempotencyKeysPerTenant: 2 });
      try {
        for (const key of ['a', 'b', 'c']) {
          await small.kommunen.delete('/customers/C-1', { headers: { 'Idempotency-Key': key } });
        }
        // 'a' was forgotten, so it may now name another write; 'c' still guards its own.
        expect((await small.kommunen.put('/customers/C-1', aCustomer(), { headers: { 'Idempotency-Key': 'a' } })).status).toBe(201);
        expect((await small.kommunen.put('/customers/C-1', aCustomer(), { headers: { 'Idempotency-Key': 'c' } })).status).toBe(400);
      } finally {
        await small.close();
      }
    });
  });
});
