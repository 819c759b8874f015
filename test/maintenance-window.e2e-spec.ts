import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { ADMIN, drained, eventually, harnessPerSpecFile, OPERATOR, pushCaseExport, queueCounts, TODAY, TOKENS, VIEWER } from './support/e2e-harness';
import { customersOf } from './support/planning-state';
import { scheduleExport } from './support/schedule-variants';
import { simStaff } from './support/staff-state';
import { exportOf, personnummer, uppdrag } from './support/uppdrag-variants';

const OMSORG = 'OMSORGSHUSET';
/** The maintenance scaled down to seconds: a window of about 8 s. */
const WINDOW_MS = 8_000;
const REASON = 'TES upgrade 4.2 (e2e)';

describe('maintenance windows (real middleware, Redis and planning simulator)', () => {
  const h = harnessPerSpecFile(TODAY);

  const omsorgDoc = (ids: number[]) => exportOf(...ids.map((i) => uppdrag({ id: `O-${i}`, identityNumber: personnummer(50 + i), provider: OMSORG })));
  const requestsTo = async (tenant: string) => ((await h.http.get(`${h.planningTool}/_sim/${tenant}/requests`)).data as { total: number }).total;
  const iso = (ms: number) => new Date(ms).toISOString();

  it("writes for a tenant in maintenance wait, none fails, they land after the window; the other tenant's do not wait", async () => {
    await h.fresh(TODAY);
    const until = Date.now() + WINDOW_MS;
    const set = await h.http.post(`${h.middleware}/admin/api/tenants/omsorgshuset/maintenance`, { from: iso(Date.now() - 60_000), until: iso(until), reason: REASON }, { headers: ADMIN });
    expect(set.status).toBe(201);
    expect(set.data).toMatchObject({ id: expect.stringMatching(/^m-/), tenant: 'omsorgshuset', reason: REASON, source: 'api', createdBy: expect.any(String) });
    // An operator may not; a viewer reads it, on the tenants overview too.
    expect((await h.http.post(`${h.middleware}/admin/api/tenants/omsorgshuset/maintenance`, { from: iso(Date.now()), until: iso(until), reason: 'x' }, { headers: OPERATOR })).status).toBe(403);
    expect((await h.http.get(`${h.middleware}/admin/api/tenants/omsorgshuset/maintenance`, { headers: VIEWER })).data.windows).toEqual([set.data]);
    const tenants = (await h.http.get(`${h.middleware}/admin/api/tenants`, { headers: VIEWER })).data.tenants as Array<{ tenant: string; maintenance: unknown[] }>;
    expect(tenants.find((t) => t.tenant === 'omsorgshuset')?.maintenance).toEqual([set.data]);
    expect(tenants.find((t) => t.tenant === 'kommunen')?.maintenance).toEqual([]);

    expect(await pushCaseExport(h, exportOf(uppdrag({ id: 'O-1', identityNumber: personnummer(51), provider: OMSORG }), uppdrag({ id: 'K-1', identityNumber: personnummer(1) })))).toBe(202);
    expect(await pushCaseExport(h, omsorgDoc([2, 3]))).toBe(202);
    await eventually(async () => ((await customersOf(h, 'kommunen'))[personnummer(1)] ? true : undefined), "kommunen's write, not held by the other tenant's window");
    await eventually(async () => ((await queueCounts(h)).assignments.delayed === 3 ? true : undefined), "omsorgshuset's three jobs to wait as delayed");
    if (Date.now() < until - 500) {
      expect(await requestsTo('omsorgshuset')).toBe(0);
      expect((await queueCounts(h)).assignments.failed).toBe(0);
    }

    await eventually(async () => (Object.keys(await customersOf(h, 'omsorgshuset')).length === 3 ? true : undefined), "omsorgshuset's writes after the window", 60_000);
    expect(Date.now()).toBeGreaterThanOrEqual(until);
    await drained(h);
    expect((await queueCounts(h)).assignments.failed).toBe(0);
    expect((await h.http.get(`${h.middleware}/admin/api/tenants/omsorgshuset/maintenance`, { headers: VIEWER })).data.windows).toEqual([]);
    const audit = (await h.http.get(`${h.middleware}/admin/api/audit`, { headers: ADMIN, params: { action: 'maintenance.start' } })).data;
    expect(audit.entries.map((e: { target?: string; outcome: string }) => [e.target, e.outcome])).toEqual([['tenant:omsorgshuset', 'ok']]);
    expect(JSON.stringify(audit)).not.toContain('TES upgrade');
  });

  it('a window in the rules file holds the writes the same way, and is ended early the same way (the file stays as written)', async () => {
    const rulesFile = join(await mkdtemp('/tmp/brygga-rules-'), 'rules.yaml');
    const window = `    maintenance:\n      - { from: "${iso(Date.now() - 60_000)}", until: "${iso(Date.now() + 3_600_000)}", reason: "planned TES upgrade" }\n`;
    writeFileSync(rulesFile, readFileSync('config/mapping-rules.yaml', 'utf8').replace('    tokenEnv: PLANNING_TOKEN_OMSORGSHUSET\n', `    tokenEnv: PLANNING_TOKEN_OMSORGSHUSET\n${window}`));
    await h.fresh({ ...TODAY, MAPPING_RULES_FILE: rulesFile });
    const windows = (await h.http.get(`${h.middleware}/admin/api/tenants/omsorgshuset/maintenance`, { headers: VIEWER })).data.windows as Array<{ id: string; source: string; reason: string }>;
    expect(windows).toEqual([expect.objectContaining({ id: expect.stringMatching(/^r-/), source: 'rules', reason: 'planned TES upgrade' })]);
    expect(await pushCaseExport(h, omsorgDoc([5]))).toBe(202);
    await eventually(async () => ((await queueCounts(h)).assignments.delayed === 1 ? true : undefined), 'the write to wait');
    expect(await requestsTo('omsorgshuset')).toBe(0);
    expect((await h.http.delete(`${h.middleware}/admin/api/tenants/omsorgshuset/maintenance/${windows[0].id}`, { headers: ADMIN })).status).toBe(200);
    await eventually(async () => ((await customersOf(h, 'omsorgshuset'))[personnummer(55)] ? true : undefined), 'the write to go once the rules window is ended', 30_000);
    expect((await h.http.get(`${h.middleware}/admin/api/tenants/omsorgshuset/maintenance`, { headers: VIEWER })).data.windows).toEqual([]);
    await drained(h);
    expect((await queueCounts(h)).assignments.failed).toBe(0);
  });

  it("a roster for the tenant's unit waits the same way, and lands after the window", async () => {
    await h.fresh(TODAY);
    const until = Date.now() + 5_000;
    expect((await h.http.post(`${h.middleware}/admin/api/tenants/omsorgshuset/maintenance`, { from: iso(Date.now()), until: iso(until), reason: 'roster window' }, { headers: ADMIN })).status).toBe(201);
    const roster = scheduleExport({ unit: 'OH-1', revision: 1, periodStart: '2026-11-23', periodEnd: '2026-11-24', employees: [{ id: 'OH-E1', employmentNo: 'E9001', shifts: [{ date: '2026-11-23', start: '07:00', end: '16:00' }] }] });
    const pushed = await h.http.post(`${h.middleware}/inbound/scheduling-system`, roster, { headers: { Authorization: `Bearer ${TOKENS.scheduleInbound}`, 'Content-Type': 'application/xml' }, transformRequest: (d) => d });
    expect(pushed.status).toBe(202);
    await eventually(async () => ((await queueCounts(h))['schedule-documents']?.delayed === 1 ? true : undefined), 'the roster to wait');
    expect(await requestsTo('omsorgshuset')).toBe(0);
    await eventually(async () => (Object.keys(await simStaff(h, 'omsorgshuset')).length === 1 ? true : undefined), 'the roster after the window', 60_000);
    expect(Date.now()).toBeGreaterThanOrEqual(until);
    await drained(h);
    expect((await queueCounts(h))['schedule-documents'].failed).toBe(0);
  });

  it('a window ended early through the API lets the waiting writes go; a bad window is refused naming the field', async () => {
    await h.fresh(TODAY);
    const set = await h.http.post(`${h.middleware}/admin/api/tenants/omsorgshuset/maintenance`, { from: iso(Date.now()), until: iso(Date.now() + 3_600_000), reason: 'long window' }, { headers: ADMIN });
    expect(set.status).toBe(201);
    expect(await pushCaseExport(h, omsorgDoc([4]))).toBe(202);
    await eventually(async () => ((await queueCounts(h)).assignments.delayed === 1 ? true : undefined), 'the write to wait');
    const ended = await h.http.delete(`${h.middleware}/admin/api/tenants/omsorgshuset/maintenance/${set.data.id}`, { headers: ADMIN });
    expect(ended.status).toBe(200);
    expect((await h.http.delete(`${h.middleware}/admin/api/tenants/omsorgshuset/maintenance/${set.data.id}`, { headers: ADMIN })).status).toBe(404);
    expect((await h.http.get(`${h.middleware}/admin/api/tenants/maintenance`, { headers: VIEWER })).data.windows).toEqual([]);
    // Given the hour's end (a minute at a time), it goes now that the window is over.
    await eventually(async () => ((await customersOf(h, 'omsorgshuset'))[personnummer(54)] ? true : undefined), 'the write to go once the window is ended', 30_000);
    expect((await queueCounts(h)).assignments.failed).toBe(0);

    const bad = await h.http.post(`${h.middleware}/admin/api/tenants/omsorgshuset/maintenance`, { from: '2026-12-01T22:00:00', until: '2026-12-01T21:00:00Z', reason: 'ring Märta 070-1234567!' }, { headers: ADMIN });
    expect(bad.status).toBe(400);
    expect(String(bad.headers['content-type'])).toMatch(/application\/problem\+json/);
    expect(bad.data.detail).toMatch(/from: must be an ISO 8601 time with an offset.*reason: must be/);
    expect(JSON.stringify(bad.data)).not.toContain('Märta');
    expect((await h.http.post(`${h.middleware}/admin/api/tenants/nobody/maintenance`, { from: iso(Date.now()), until: iso(Date.now() + 1000), reason: 'x' }, { headers: ADMIN })).status).toBe(404);
  });
});
