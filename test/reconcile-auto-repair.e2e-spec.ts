import { drained, eventually, harnessPerSpecFile, OPERATOR, TODAY, TOKENS, VIEWER } from './support/e2e-harness';
import { customersOf } from './support/planning-state';
import { scheduleExport } from './support/schedule-variants';
import { simStaff } from './support/staff-state';
import { exportOf, personnummer, uppdrag } from './support/uppdrag-variants';

interface Entry {
  kind: string;
  status: string;
  refs: Record<string, unknown>;
  personKey?: string;
  answer?: { status: string; code?: string };
  reasons?: string[];
  detail?: Record<string, string | number>;
}

/**
 * The next whole minute at least `marginMs` ahead, as a five-field cron pattern in Stockholm time
 * (RECONCILE_CRON's zone): the nightly scheduler's own path, fired once during the test.
 */
function cronAhead(marginMs: number): { pattern: string; at: number } {
  const at = Math.ceil((Date.now() + marginMs) / 60_000) * 60_000;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(at));
  const of = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { pattern: `${of('minute')} ${of('hour')} * * *`, at };
}

describe('reconciliation with RECONCILE_REPAIR=true: the nightly run repairs what it found in the same job (real middleware, Redis and simulators)', () => {
  const h = harnessPerSpecFile(TODAY);
  const api = (path: string) => `${h.middleware}/admin/api${path}`;
  const tool = (path: string) => `${h.planningTool}/kommunen/api/v1${path}`;
  let tampered = 0;
  const toolAuth = () => ({ headers: { Authorization: `Bearer ${TOKENS.kommunen}`, 'Idempotency-Key': `auto-tamper-${++tampered}` } });
  const requests = async () => (await h.http.get(`${h.planningTool}/_sim/kommunen/requests`)).data as { reads: number; byKind: Record<string, number> };
  const push = (path: string, body: Buffer, token: string) => h.http.post(`${h.middleware}/inbound/${path}`, body, { headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/xml' }, transformRequest: (d) => d });
  const mirror = async (sim: string, path: string, xml: Buffer) => expect((await h.http.post(`${sim}${path}`, xml.toString('utf8'), { headers: { 'Content-Type': 'application/xml' } })).status).toBe(200);
  const runs = async () => (await h.http.get(api('/reconcile'), { headers: OPERATOR })).data as Array<{ runId: string; by: string; status: string }>;
  const run = async (runId: string) => (await h.http.get(api(`/reconcile/${runId}`), { headers: OPERATOR })).data;
  const finished = (runId: string) => eventually(async () => ((await run(runId)).status === 'done' ? run(runId) : undefined), 'the run to finish');
  const timeline = async (body: Record<string, string>) => (await h.http.post(api('/timeline'), body, { headers: VIEWER })).data as { personKey: string; entries: Entry[] };
  const base = { ...TODAY, RECONCILE_MAX_RPS: '50' };

  it('a deleted customer and an emptied staff day: the scheduled run finds exactly those, repairs them in the same job, journals each repair, and the next run finds nothing', async () => {
    await h.fresh({ ...base, RECONCILE_CRON: 'off' });
    const assignments = exportOf(...[1, 2, 3].map((n) => uppdrag({ id: `UPP-${n}`, identityNumber: personnummer(n) })));
    expect((await push('case-system', assignments, TOKENS.caseInbound)).status).toBe(202);
    await mirror(h.caseSystem, '/_sim/assignments', assignments);
    const shifts = [{ date: '2026-11-24', start: '07:00', end: '15:00' }];
    const roster = scheduleExport({
      unit: 'NORR-1',
      revision: 1,
      periodStart: '2026-11-24',
      periodEnd: '2026-11-24',
      employees: [
        { id: 'E-1', employmentNo: 'E10001', qualification: 'USK' as const, shifts },
        { id: 'E-2', employmentNo: 'E10002', qualification: 'VB' as const, shifts },
      ],
    });
    expect((await push('scheduling-system', roster, TOKENS.scheduleInbound)).status).toBe(202);
    await mirror(h.schedulingSystem, '/_sim/schedules', roster);
    await drained(h);
    const customersBefore = await customersOf(h, 'kommunen');
    const staffBefore = await simStaff(h, 'kommunen');
    const c1 = customersBefore[personnummer(1)];
    expect([200, 204]).toContain((await h.http.delete(tool(`/customers/${c1.id}`), toolAuth())).status);
    expect([200, 201, 204]).toContain((await h.http.put(tool('/staff/E10001/days/2026-11-24'), { shifts: [], absences: [] }, toolAuth())).status);

    // The nightly tick as it runs in production: RECONCILE_CRON's job scheduler queues reconcile.nightly, whose run repairs with RECONCILE_REPAIR=true.
    const cron = cronAhead(10_000);
    await h.startMiddleware({ ...base, RECONCILE_CRON: cron.pattern, RECONCILE_REPAIR: 'true' });
    const before = await requests();
    const scheduled = await eventually(async () => (await runs()).find((r) => r.by === 'schedule'), 'the scheduled run to be queued', cron.at - Date.now() + 45_000, 500);
    const done = await eventually(async () => {
      const r = await run(scheduled.runId);
      return r.status === 'failed' || r.repairs[0]?.status === 'done' || r.repairs[0]?.status === 'failed' ? r : undefined;
    }, 'the scheduled run and its repair');
    const orders1 = Object.keys(c1.serviceOrders).length;
    expect(done).toMatchObject({
      scope: 'all',
      status: 'done',
      by: 'schedule',
      autoRepair: true,
      counts: { customerMissing: 1, staffDayDiffers: 1 },
      items: [
        { flow: 'interventions', kind: 'customerMissing', tenant: 'kommunen', customerId: c1.id },
        { flow: 'schedules', kind: 'staffDayDiffers', tenant: 'kommunen', staffId: 'E10001', date: '2026-11-24', fields: ['shifts'] },
      ],
      repairs: [{ attempt: 'a1', by: 'schedule', status: 'done', items: [0, 1], sent: { interventions: 1 + orders1, schedules: 1 } }],
    });
    expect(Date.parse(done.queuedAt)).toBeGreaterThanOrEqual(cron.at - 1000);

    // Only the repair's writes, and only the run's own reads: customer 1 one read (gone: no order list), the other two two each; two staff, record and day each.
    const after = await requests();
    expect(delta(before.byKind, after.byKind)).toEqual({ 'PUT customer': 1, 'PUT service-order': orders1, 'PUT staff-day': 1 });
    expect(after.reads - before.reads).toBe(1 + 2 * 2 + 2 * 2);
    expect(await customersOf(h, 'kommunen')).toEqual(customersBefore);
    expect(await simStaff(h, 'kommunen')).toEqual(staffBefore);

    // The journal: the client's and the employee's timelines show the repair, by the scheduler, with the planning tool's answer.
    const client = await eventually(async () => {
      const t = await timeline({ identityNumber: personnummer(1) });
      return t.entries.some((e) => e.kind === 'reconcile.repair') ? t : undefined;
    }, "the client's repair entry");
    expect(client.entries.filter((e) => e.kind === 'reconcile.repair')).toEqual([
      expect.objectContaining({
        status: 'accepted',
        refs: expect.objectContaining({ runId: scheduled.runId, tenant: 'kommunen', customerId: c1.id }),
        personKey: client.personKey,
        answer: { status: '2xx' },
        reasons: ['customerMissing'],
        detail: { attempt: 'a1', by: 'schedule', operations: 'putCustomer+putServiceOrder', count: 1 + orders1 },
      }),
    ]);
    const employee = await timeline({ employmentNumber: 'E10001' });
    expect(employee.entries.filter((e) => e.kind === 'reconcile.repair')).toEqual([
      expect.objectContaining({ status: 'accepted', refs: expect.objectContaining({ runId: scheduled.runId, tenant: 'kommunen', staffId: 'E10001' }), personKey: employee.personKey, answer: { status: '2xx' }, reasons: ['staffDayDiffers'], detail: { attempt: 'a1', by: 'schedule', operations: 'putStaffDay', count: 1 } }),
    ]);
    for (const n of [2, 3]) expect((await timeline({ identityNumber: personnummer(n) })).entries.filter((e) => e.kind === 'reconcile.repair')).toEqual([]);
    // No operator acted: the audit has no repair; the run and the journal say the scheduler did it.
    expect((await h.http.get(api('/audit'), { headers: VIEWER, params: { action: 'reconcile.repair' } })).data.entries).toEqual([]);

    // The next run finds nothing.
    const again = await finished((await h.http.post(api('/reconcile'), {}, { headers: OPERATOR })).data.runId);
    expect([again.status, again.items, again.repairs]).toEqual(['done', [], []]);

    // An on-demand run never repairs by itself, RECONCILE_REPAIR=true or not: it reports, and an operator decides.
    expect([200, 204]).toContain((await h.http.delete(tool(`/customers/${c1.id}`), toolAuth())).status);
    const onDemand = await finished((await h.http.post(api('/reconcile'), {}, { headers: OPERATOR })).data.runId);
    expect([onDemand.items, onDemand.repairs, onDemand.autoRepair]).toEqual([[{ flow: 'interventions', kind: 'customerMissing', tenant: 'kommunen', customerId: c1.id }], [], undefined]);
    await drained(h);
    expect(Object.keys(await customersOf(h, 'kommunen'))).not.toContain(personnummer(1));
    // Waits up to a minute for the scheduled tick.
  }, 240_000);
});

function delta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) if (k !== 'POST batch' && v !== (before[k] ?? 0)) out[k] = v - (before[k] ?? 0);
  return out;
}
