import { createPlanningIds } from '@brygga/planning-tool';
import { drained, eventually, harnessPerSpecFile, OPERATOR, TODAY, TOKENS } from './support/e2e-harness';
import { customersOf } from './support/planning-state';
import { scheduleExport } from './support/schedule-variants';
import { simStaff } from './support/staff-state';
import { exportOf, personnummer, uppdrag } from './support/uppdrag-variants';

// The demo's CUSTOMER_ID_KEY: the test names the id Brygga gives an order, as a restored backup would bring one back.
const ids = createPlanningIds('brygga-demo-customer-id-key');

describe('reconciliation: the planning tool tampered with through its own API, read back, the drift named and repaired (real middleware, Redis and simulators)', () => {
  const h = harnessPerSpecFile(TODAY);
  const api = (path: string) => `${h.middleware}/admin/api${path}`;
  const tool = (path: string) => `${h.planningTool}/kommunen/api/v1${path}`;
  let tampered = 0;
  // Each tampering write a key of its own: the tool answers a repeated key with the first answer and does nothing.
  const toolAuth = () => ({ headers: { Authorization: `Bearer ${TOKENS.kommunen}`, 'Idempotency-Key': `tamper-${++tampered}` } });
  const requests = async () => (await h.http.get(`${h.planningTool}/_sim/kommunen/requests`)).data as { reads: number; byKind: Record<string, number> };
  const mirror = async (sim: string, xml: Buffer) => {
    const path = sim === h.caseSystem ? '/_sim/assignments' : '/_sim/schedules';
    expect((await h.http.post(`${sim}${path}`, xml.toString('utf8'), { headers: { 'Content-Type': 'application/xml' } })).status).toBe(200);
  };
  const finished = async (runId: string) =>
    eventually(async () => {
      const r = await h.http.get(api(`/reconcile/${runId}`), { headers: OPERATOR });
      return r.data.status === 'done' || r.data.status === 'failed' ? r.data : undefined;
    }, 'the reconciliation run to finish');

  it('a deleted customer, an order with other minutes, a stray order and an emptied staff day: exactly those four items; the repair sends exactly what they need and restores the state', async () => {
    await h.fresh({ ...TODAY, RECONCILE_MAX_RPS: '50' });
    const push = (path: string, body: Buffer, token: string) => h.http.post(`${h.middleware}/inbound/${path}`, body, { headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/xml' }, transformRequest: (d) => d });
    const assignments = exportOf(...[1, 2, 3].map((n) => uppdrag({ id: `UPP-${n}`, identityNumber: personnummer(n) })));
    expect((await push('case-system', assignments, TOKENS.caseInbound)).status).toBe(202);
    // The source systems hold what was pushed: the upstream check reads them whole and finds nothing missing.
    await mirror(h.caseSystem, assignments);
    const shifts = [{ date: '2026-11-24', start: '07:00', end: '15:00' }];
    const employees = [
      { id: 'E-1', employmentNo: 'E10001', qualification: 'USK' as const, shifts },
      { id: 'E-2', employmentNo: 'E10002', qualification: 'VB' as const, shifts },
    ];
    const roster = scheduleExport({ unit: 'NORR-1', revision: 1, periodStart: '2026-11-24', periodEnd: '2026-11-24', employees });
    expect((await push('scheduling-system', roster, TOKENS.scheduleInbound)).status).toBe(202);
    await mirror(h.schedulingSystem, roster);
    await drained(h);
    const customersBefore = await customersOf(h, 'kommunen');
    const staffBefore = await simStaff(h, 'kommunen');

    // A clean store first: a run finds nothing.
    const clean = await finished((await h.http.post(api('/reconcile'), {}, { headers: OPERATOR })).data.runId);
    expect(clean).toMatchObject({ status: 'done', checked: { interventions: 3, schedules: 2, 'interventions.upstream': 3 }, counts: {}, items: [] });
    expect(clean.checked['schedules.upstream']).toBeGreaterThan(0);

    const [c1, c2, c3] = [1, 2, 3].map((n) => customersBefore[personnummer(n)]);
    expectOk((await h.http.delete(tool(`/customers/${c1.id}`), toolAuth())).status);
    const so2 = ids.serviceOrderId('UPP-2', 'INS-1');
    expectOk((await h.http.put(tool(`/customers/${c2.id}/service-orders/${so2}`), { ...(c2.serviceOrders['INS-1'] as object), minutesPerVisit: 45 }, toolAuth())).status);
    const stray = ids.serviceOrderId('UPP-3', 'INS-9');
    const strayBody = { ...(c3.serviceOrders['INS-1'] as { source: object }) };
    expectOk((await h.http.put(tool(`/customers/${c3.id}/service-orders/${stray}`), { ...strayBody, source: { ...strayBody.source, interventionId: 'INS-9' } }, toolAuth())).status);
    expectOk((await h.http.put(tool('/staff/E10001/days/2026-11-24'), { shifts: [], absences: [] }, toolAuth())).status);

    const queued = await h.http.post(api('/reconcile'), { scope: 'all' }, { headers: OPERATOR });
    expect([queued.status, Object.keys(queued.data)]).toEqual([202, ['runId']]);
    const run = await finished(queued.data.runId);
    expect(run.counts).toEqual({ customerMissing: 1, serviceOrderDiffers: 1, serviceOrderExtra: 1, staffDayDiffers: 1 });
    expect([...run.items].sort((a, b) => order(a) - order(b))).toEqual([
      { flow: 'interventions', kind: 'customerMissing', tenant: 'kommunen', customerId: c1.id },
      { flow: 'interventions', kind: 'serviceOrderDiffers', tenant: 'kommunen', customerId: c2.id, serviceOrderId: so2, fields: ['minutesPerVisit'] },
      { flow: 'interventions', kind: 'serviceOrderExtra', tenant: 'kommunen', customerId: c3.id, serviceOrderId: stray },
      { flow: 'schedules', kind: 'staffDayDiffers', tenant: 'kommunen', staffId: 'E10001', date: '2026-11-24', fields: ['shifts'] },
    ]);
    expect(JSON.stringify(run)).not.toMatch(/Person|Gatan|Storgatan|19\d{6}-?\d{4}/);
    const list = (await h.http.get(api('/reconcile'), { headers: OPERATOR })).data as Array<{ runId: string }>;
    expect(list.map((r) => r.runId)).toEqual([queued.data.runId, clean.runId]);

    const before = await requests();
    const repair = await h.http.post(api(`/reconcile/${queued.data.runId}/repair`), {}, { headers: OPERATOR });
    expect([repair.status, repair.data]).toEqual([202, { runId: queued.data.runId, attempt: 'a1', items: 4 }]);
    await eventually(async () => ((await h.http.get(api(`/reconcile/${queued.data.runId}`), { headers: OPERATOR })).data.repairs[0].status === 'done' ? true : undefined), 'the repair');
    const after = await requests();
    const orders1 = Object.keys(c1.serviceOrders).length;
    expect(delta(before.byKind, after.byKind)).toEqual({ 'PUT customer': 1, 'PUT service-order': orders1 + 1, 'DELETE service-order': 1, 'PUT staff-day': 1 });
    expect(after.reads).toBe(before.reads);
    expect(await customersOf(h, 'kommunen')).toEqual(customersBefore);
    expect(await simStaff(h, 'kommunen')).toEqual(staffBefore);
    // The operator's repair is audited (by token) and journaled per record repaired (by `operator`), in the client's timeline.
    expect((await h.http.get(api('/audit'), { headers: OPERATOR, params: { action: 'reconcile.repair' } })).data.entries).toEqual([expect.objectContaining({ tokenName: 'demo-operator', target: queued.data.runId, outcome: 'ok' })]);
    const repaired = await eventually(async () => {
      const { entries } = (await h.http.post(api('/timeline'), { identityNumber: personnummer(2) }, { headers: OPERATOR })).data as { entries: Array<{ kind: string }> };
      const found = entries.filter((e) => e.kind === 'reconcile.repair');
      return found.length > 0 ? found : undefined;
    }, 'the repair in the timeline');
    expect(repaired).toEqual([expect.objectContaining({ status: 'accepted', refs: expect.objectContaining({ runId: queued.data.runId, customerId: c2.id }), reasons: ['serviceOrderDiffers'], detail: { attempt: 'a1', by: 'operator', operations: 'putServiceOrder', count: 1 } })]);

    // And a run after the repair finds nothing.
    const again = await finished((await h.http.post(api('/reconcile'), { scope: 'all' }, { headers: OPERATOR })).data.runId);
    expect([again.status, again.items]).toEqual(['done', []]);
  });

  it('lost pushes: an assignment the case system has and a roster revision the scheduling system has, never pushed, are found and taken in by the repair', async () => {
    await h.fresh({ ...TODAY, RECONCILE_MAX_RPS: '50' });
    await h.http.delete(`${h.caseSystem}/_sim`);
    await h.http.delete(`${h.schedulingSystem}/_sim`);
    const push = (path: string, body: Buffer, token: string) => h.http.post(`${h.middleware}/inbound/${path}`, body, { headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/xml' }, transformRequest: (d) => d });
    const pushed = exportOf(uppdrag({ id: 'UPP-1', identityNumber: personnummer(1) }));
    expect((await push('case-system', pushed, TOKENS.caseInbound)).status).toBe(202);
    await mirror(h.caseSystem, pushed);
    const roster = (revision: number, start: string) =>
      scheduleExport({ unit: 'NORR-1', revision, periodStart: '2026-11-24', periodEnd: '2026-11-24', employees: [{ id: 'E-1', employmentNo: 'E10001', qualification: 'USK' as const, shifts: [{ date: '2026-11-24', start, end: '15:00' }] }] });
    expect((await push('scheduling-system', roster(1, '07:00'), TOKENS.scheduleInbound)).status).toBe(202);
    await mirror(h.schedulingSystem, roster(1, '07:00'));
    await drained(h);
    // Lost on the way: the source systems have them, Brygga was never told.
    await mirror(h.caseSystem, exportOf(uppdrag({ id: 'UPP-2', identityNumber: personnummer(2) })));
    await mirror(h.schedulingSystem, roster(2, '09:00'));

    const run = await finished((await h.http.post(api('/reconcile'), {}, { headers: OPERATOR })).data.runId);
    expect(run.items).toEqual([
      { flow: 'interventions', kind: 'assignmentVersionNotStored', assignmentId: 'UPP-2', version: 1 },
      { flow: 'schedules', kind: 'rosterRevisionNotApplied', unitId: 'NORR-1', revision: 2 },
    ]);
    expect(Object.keys(await customersOf(h, 'kommunen'))).toEqual([personnummer(1)]);

    expect((await h.http.post(api(`/reconcile/${run.runId}/repair`), { items: [run.items[0]] }, { headers: OPERATOR })).data).toEqual({ runId: run.runId, attempt: 'a1', items: 1 });
    await eventually(async () => ((await h.http.get(api(`/reconcile/${run.runId}`), { headers: OPERATOR })).data.repairs[0].status === 'done' ? true : undefined), 'the first repair');
    await drained(h);
    expect(Object.keys(await customersOf(h, 'kommunen')).sort()).toEqual([personnummer(1), personnummer(2)].sort());
    expect((await simStaff(h, 'kommunen')).E10001.days['2026-11-24'].shifts[0].start).toMatch(/T07:00/);

    expect((await h.http.post(api(`/reconcile/${run.runId}/repair`), {}, { headers: OPERATOR })).data).toMatchObject({ attempt: 'a2', items: 2 });
    await eventually(async () => ((await h.http.get(api(`/reconcile/${run.runId}`), { headers: OPERATOR })).data.repairs[1].status === 'done' ? true : undefined), 'the second repair');
    await drained(h);
    expect((await simStaff(h, 'kommunen')).E10001.days['2026-11-24'].shifts[0].start).toMatch(/T09:00/);
    const again = await finished((await h.http.post(api('/reconcile'), {}, { headers: OPERATOR })).data.runId);
    expect([again.status, again.items]).toEqual(['done', []]);
    // An item that is not the run's is refused.
    expect((await h.http.post(api(`/reconcile/${run.runId}/repair`), { items: [{ flow: 'interventions', kind: 'customerMissing', tenant: 'kommunen', customerId: 'C-X' }] }, { headers: OPERATOR }).catch((e) => e.response)).status).toBe(400);
  });
});

function order(item: { kind: string }): number {
  return ['customerMissing', 'serviceOrderDiffers', 'serviceOrderExtra', 'staffDayDiffers'].indexOf(item.kind);
}

function delta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) if (k !== 'POST batch' && v !== (before[k] ?? 0)) out[k] = v - (before[k] ?? 0);
  return out;
}

function expectOk(status: number): void {
  expect([200, 201, 204]).toContain(status);
}
