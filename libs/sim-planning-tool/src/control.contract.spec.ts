import { aCustomer, aServiceOrder, aStaff, aStaffDay, fieldsOf, simPerSpecFile, TENANTS } from './sim.test-harness';

describe('planning-tool simulator: control API and performed visits over HTTP', () => {
  const sim = simPerSpecFile();

  it('GET state lists customers with service orders and staff with days, by id', async () => {
    await sim.kommunen.put('/customers/C-1', aCustomer());
    await sim.kommunen.put('/customers/C-1/service-orders/SO-1', aServiceOrder());
    await sim.kommunen.put('/staff/E11000', aStaff());
    await sim.kommunen.put('/staff/E11000/days/2026-11-23', aStaffDay());
    const state = await sim.http.get('/_sim/kommunen/state');
    expect(state.status).toBe(200);
    expect(state.data).toEqual({
      customers: [{ id: 'C-1', ...aCustomer(), serviceOrders: [{ id: 'SO-1', ...aServiceOrder() }] }],
      staff: [{ id: 'E11000', ...aStaff(), days: { '2026-11-23': aStaffDay() } }],
    });
    expect((await sim.http.get('/_sim/omsorgshuset/state')).data).toEqual({ customers: [], staff: [] });
    expect((await sim.http.get('/_sim/nobody/state')).status).toBe(404);
  });

  it('GET requests counts writes by method+status and by kind, batch operations included', async () => {
    await sim.kommunen.put('/customers/C-1', aCustomer());
    await sim.kommunen.put('/customers/C-1', aCustomer({ zip: 1 }));
    await sim.kommunen.get('/customers/C-1');
    await sim.http.put('/kommunen/api/v1/customers/C-2', aCustomer());
    await sim.kommunen.post('/batch', {
      operations: [
        { method: 'PUT', path: '/api/v1/customers/C-1/service-orders/SO-1', idempotencyKey: 'a', body: aServiceOrder() },
        { method: 'DELETE', path: '/api/v1/customers/C-1/service-orders/SO-1', idempotencyKey: 'b' },
      ],
    });
    await sim.http.post('/_sim/faults', { tenant: 'kommunen', status: 503, count: 1 });
    await sim.kommunen.put('/staff/E11000', aStaff());
    const counts = await sim.http.get('/_sim/kommunen/requests');
    expect(counts.data).toEqual({
      total: 7,
      reads: 1,
      byMethodStatus: { 'PUT 201': 2, 'PUT 400': 1, 'PUT 401': 1, 'POST 207': 1, 'DELETE 204': 1, 'PUT 503': 1 },
      byKind: { 'PUT customer': 3, 'PUT service-order': 1, 'DELETE service-order': 1, 'POST batch': 1, 'PUT staff': 1 },
    });
    expect((await sim.http.get('/_sim/omsorgshuset/requests')).data.total).toBe(0);
  });

  it('DELETE /_sim/{tenant} resets that tenant only; DELETE /_sim resets all', async () => {
    const omsorg = { headers: { Authorization: `Bearer ${TENANTS.omsorgshuset}` } };
    await sim.kommunen.put('/customers/C-1', aCustomer(), { headers: { 'Idempotency-Key': 'k' } });
    await sim.http.put('/omsorgshuset/api/v1/customers/C-1', aCustomer(), omsorg);
    expect((await sim.http.delete('/_sim/kommunen')).status).toBe(204);
    expect((await sim.kommunen.get('/customers/C-1')).status).toBe(404);
    expect((await sim.http.get('/_sim/kommunen/requests')).data.total).toBe(0);
    // The key was forgotten too: the same write applies again.
    expect((await sim.kommunen.put('/customers/C-1', aCustomer(), { headers: { 'Idempotency-Key': 'k' } })).status).toBe(201);
    expect((await sim.http.get('/omsorgshuset/api/v1/customers/C-1', omsorg)).status).toBe(200);
    expect((await sim.http.delete('/_sim')).status).toBe(204);
    expect((await sim.http.get('/omsorgshuset/api/v1/customers/C-1', omsorg)).status).toBe(404);
    expect((await sim.http.delete('/_sim/nobody')).status).toBe(404);
  });

  describe('performed visits', () => {
    async function planTwoCustomers(): Promise<void> {
      await sim.kommunen.put('/staff/E11000', aStaff());
      await sim.kommunen.put('/staff/E11001', aStaff({ employmentNumber: 'E11001' }));
      await sim.kommunen.put('/customers/C-1', aCustomer({ contactStaffIds: ['E11001'] }));
      await sim.kommunen.put('/customers/C-1/service-orders/SO-1', aServiceOrder());
      await sim.kommunen.put('/customers/C-1/service-orders/SO-2', aServiceOrder({
        minutesPerVisit: 60,
        schedule: { kind: 'WEEKLY', visitsPerPeriod: 1, everyNthWeek: 2, weekdays: ['WE'] },
      }));
      await sim.kommunen.put('/customers/C-2', aCustomer({ teamId: 'NORR-1' }));
      await sim.kommunen.put('/customers/C-2/service-orders/SO-3', aServiceOrder({
        staffPerVisit: 2,
        schedule: { kind: 'DAILY', visitsPerPeriod: 3 },
      }));
    }

    it('generates plausible visits from the service orders with Stockholm offsets, once per day', async () => {
      await planTwoCustomers();
      const gen = await sim.http.post('/_sim/kommunen/visits/generate', { date: '2026-11-25' });
      expect(gen.data).toEqual({ generated: 5, total: 5 });
      expect((await sim.http.post('/_sim/kommunen/visits/generate', { date: '2026-11-25' })).data).toEqual({ generated: 0, total: 5 });
      const { visits } = (await sim.kommunen.get('/performed-visits')).data as { visits: Array<Record<string, unknown>> };
      const c1 = visits.filter((v) => v.customerId === 'C-1');
      expect(c1.map((v) => v.serviceOrderIds).sort()).toEqual([['SO-1'], ['SO-2']]);
      for (const v of c1) expect(v.staffIds).toEqual(['E11001']);
      const c2 = visits.filter((v) => v.customerId === 'C-2');
      expect(c2).toHaveLength(3);
      for (const v of c2) expect((v.staffIds as string[]).sort()).toEqual(['E11000', 'E11001']);
      const hygiene = c1.find((v) => (v.serviceOrderIds as string[])[0] === 'SO-1');
      expect(hygiene?.plannedStart).toBe('2026-11-25T07:30:00+01:00');
      for (const v of visits) {
        expect(Date.parse(v.arrived as string)).toBeGreaterThanOrEqual(Date.parse(v.plannedStart as string));
        expect(Date.parse(v.left as string)).toBeGreaterThan(Date.parse(v.arrived as string));
      }
      // Every other Wednesday from validFrom's week: 2026-12-02 has no cleaning, 2026-12-09 does.
      await sim.http.post('/_sim/kommunen/visits/generate', { date: '2026-12-02' });
      await sim.http.post('/_sim/kommunen/visits/generate', { date: '2026-12-09' });
      const all = (await sim.kommunen.get('/performed-visits')).data.visits as Array<{ serviceOrderIds: string[]; plannedStart: string }>;
      expect(all.filter((v) => v.serviceOrderIds[0] === 'SO-2').map((v) => v.plannedStart.slice(0, 10))).toEqual(['2026-11-25', '2026-12-09']);
    });

    it('pages with limit and an opaque cursor, and validates the query', async () => {
      await planTwoCustomers();
      await sim.http.post('/_sim/kommunen/visits/generate', { date: '2026-11-25' });
      const first = await sim.kommunen.get('/performed-visits', { params: { limit: 2 } });
      expect(first.status).toBe(200);
      expect(first.data.visits).toHaveLength(2);
      const second = await sim.kommunen.get('/performed-visits', { params: { limit: 2, after: first.data.cursor } });
      const third = await sim.kommunen.get('/performed-visits', { params: { after: second.data.cursor } });
      expect(third.data.visits).toHaveLength(1);
      const ids = [...first.data.visits, ...second.data.visits, ...third.data.visits].map((v: { visitId: string }) => v.visitId);
      expect(new Set(ids).size).toBe(5);
      const empty = await sim.kommunen.get('/performed-visits', { params: { after: third.data.cursor } });
      expect(empty.data).toEqual({ visits: [], cursor: third.data.cursor });
      for (const limit of ['0', '1001', 'ten', '2.5']) {
        const res = await sim.kommunen.get('/performed-visits', { params: { limit } });
        expect([limit, res.status, fieldsOf(res.data)]).toEqual([limit, 400, ['limit']]);
      }
      expect(fieldsOf((await sim.kommunen.get('/performed-visits', { params: { after: 'garbage' } })).data)).toEqual(['after']);
      expect((await sim.kommunen.get('/performed-visits', { params: { limit: 1000 } })).status).toBe(200);
      expect((await sim.http.get('/kommunen/api/v1/performed-visits')).status).toBe(401);
    });

    it('reports explicit visits, checked by the contract schema', async () => {
      const visit = {
        visitId: 'V-1',
        customerId: 'C-1',
        serviceOrderIds: ['SO-1'],
        staffIds: ['E11000'],
        plannedStart: '2026-11-25T07:30:00+01:00',
        arrived: '2026-11-25T07:35:00+01:00',
        left: '2026-11-25T07:35:00+01:00',
        cancelled: true,
        cancelReason: 'not home',
      };
      expect((await sim.http.post('/_sim/kommunen/visits', { visits: [visit] })).data).toEqual({ added: 1, total: 1 });
      const bad = await sim.http.post('/_sim/kommunen/visits', { visits: [{ ...visit, arrived: 'soon', customerId: 'C 1' }] });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.data).sort()).toEqual(['visits.0.arrived', 'visits.0.customerId']);
      expect((await sim.kommunen.get('/performed-visits')).data.visits).toEqual([visit]);
      expect((await sim.http.post('/_sim/kommunen/visits/generate', { date: '2026-11-31' })).status).toBe(400);
    });
  });
});
