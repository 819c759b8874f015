import { aCustomer, aServiceOrder, simPerSpecFile, TENANTS } from './sim.test-harness';

describe('planning-tool simulator: GET /_sim/{tenant}/confirmations', () => {
  const sim = simPerSpecFile();
  const confirmations = async (query = ''): Promise<{ customers: number; serviceOrders: number; lastWriteAt: Record<string, number> }> => {
    const response = await sim.http.get(`/_sim/kommunen/confirmations${query}`);
    expect(response.status).toBe(200);
    return response.data;
  };

  it('times each customer by its last accepted write, direct or in a batch, and counts what the tenant holds', async () => {
    const before = Date.now();
    await sim.kommunen.put('/customers/C-1', aCustomer());
    await sim.kommunen.put('/customers/C-2', aCustomer());
    const first = await confirmations();
    expect(first.customers).toBe(2);
    expect(first.serviceOrders).toBe(0);
    expect(Object.keys(first.lastWriteAt).sort()).toEqual(['C-1', 'C-2']);
    expect(first.lastWriteAt['C-1']).toBeGreaterThanOrEqual(before);

    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = Date.now();
    await sim.kommunen.post('/batch', {
      operations: [{ method: 'PUT', path: '/api/v1/customers/C-1/service-orders/SO-1', idempotencyKey: 'a', body: aServiceOrder() }],
    });
    const second = await confirmations(`?since=${later}`);
    expect(second.serviceOrders).toBe(1);
    expect(Object.keys(second.lastWriteAt)).toEqual(['C-1']);
    expect(second.lastWriteAt['C-1']).toBeGreaterThanOrEqual(later);
  });

  it('does not count refused writes, reads, other tenants or writes before a reset', async () => {
    await sim.kommunen.put('/customers/C-1', aCustomer());
    await sim.http.delete('/_sim/kommunen');
    await sim.kommunen.put('/customers/C-9/service-orders/SO-1', aServiceOrder()); // 404: no such customer
    await sim.kommunen.put('/customers/C-8', { nonsense: true }); // 400
    await sim.kommunen.get('/customers/C-7');
    await sim.http.put('/omsorgshuset/api/v1/customers/C-6', aCustomer(), { headers: { Authorization: `Bearer ${TENANTS.omsorgshuset}` } });
    expect(await confirmations()).toEqual({ customers: 0, serviceOrders: 0, lastWriteAt: {} });
  });

  it('refuses a since that is not epoch milliseconds, and an unknown tenant', async () => {
    expect((await sim.http.get('/_sim/kommunen/confirmations?since=yesterday')).status).toBe(400);
    expect((await sim.http.get('/_sim/nobody/confirmations')).status).toBe(404);
  });
});
