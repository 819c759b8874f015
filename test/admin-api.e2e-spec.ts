import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { ADMIN, drained, eventually, flowCounters, harnessPerSpecFile, OPERATOR, quarantined, queueCounts, TODAY, TOKENS, VIEWER } from './support/e2e-harness';
import { contractsDir } from '@brygga/config';
import { customersOf, example } from './support/planning-state';
import { simStaff } from './support/staff-state';
import { exportOf, personnummer, uppdrag } from './support/uppdrag-variants';

const GOOD_RULES = readFileSync('config/mapping-rules.yaml', 'utf8');
// An activity code the planning tool refuses (too long): the job fails permanently, code planning-refused.
const REFUSED_RULES = GOOD_RULES.replace('activityCode: SERV-STAD', `activityCode: ${'SERV-STAD-'.repeat(5)}`);
// A delegation prefix so long that every delegated skill is longer than the planning tool takes: those employees are quarantined.
const LONG_PREFIX_RULES = GOOD_RULES.replace('delegationSkillPrefix: DEL-', `delegationSkillPrefix: ${'DELEGERAD-'.repeat(4)}`);
// The rules learning the code XYZ, which the shipped rules do not know.
const XYZ_RULES = GOOD_RULES.replace(/^interventions:\n/m, 'interventions:\n  XYZ:\n    planned: true\n    activityCode: OMV-XYZ\n    title: Ny insats\n    standardMinutes: 10\n');

describe('the admin API at work (real middleware, Redis and simulators)', () => {
  const h = harnessPerSpecFile(TODAY);
  let rulesFile: string;

  beforeAll(async () => {
    rulesFile = join(await mkdtemp('/tmp/brygga-admin-api-'), 'rules.yaml');
  });

  async function pushCase(body: Buffer): Promise<void> {
    const res = await h.http.post(`${h.middleware}/inbound/case-system`, body, { headers: { Authorization: `Bearer ${TOKENS.caseInbound}`, 'Content-Type': 'application/xml' }, transformRequest: (d) => d });
    expect(res.status).toBe(202);
  }
  const get = (path: string, headers: Record<string, string> = VIEWER, params?: Record<string, unknown>) => h.http.get(`${h.middleware}/admin/api${path}`, { headers, params });
  const post = (path: string, body: unknown, headers: Record<string, string>) => h.http.post(`${h.middleware}/admin/api${path}`, body, { headers });

  it('a failed job: listed with its reason code and ids, discarded with a reason (kept, listed apart), redriven after a rules reload, every step audited', async () => {
    writeFileSync(rulesFile, REFUSED_RULES);
    await h.fresh({ ...TODAY, MAPPING_RULES_FILE: rulesFile });
    await pushCase(example('uppdrag-ny.xml'));
    await drained(h);

    const listed = await get('/jobs/failed', VIEWER, { reason: 'planning-refused', flow: 'interventions' });
    expect(listed.status).toBe(200);
    expect(listed.data.items).toHaveLength(1);
    const [job] = listed.data.items;
    expect(job).toMatchObject({ queue: 'assignments', name: 'assignment.apply', flow: 'interventions', reasonCode: 'planning-refused', attemptsMade: 1, ids: { assignmentId: 'UPP-2026-0417', version: 1 } });
    expect(job.reason).toMatch(/^planning tool answered 400/);
    expect(Object.keys(job.ids).sort()).toEqual(expect.arrayContaining(['assignmentId', 'version']));
    expect(JSON.stringify(listed.data)).not.toMatch(/19380412|Märta|Öberg/);
    expect((await get('/jobs/failed', VIEWER, { reason: 'transient.exhausted' })).data.items).toEqual([]);

    const target = { queue: job.queue, jobId: job.jobId };
    expect((await post('/jobs/failed/discard', { ...target, reason: 'activity code too long' }, VIEWER)).status).toBe(403);
    const discarded = await post('/jobs/failed/discard', { ...target, reason: 'activity code too long' }, OPERATOR);
    expect(discarded.status).toBe(200);
    expect(discarded.data.discarded).toMatchObject({ reason: 'activity code too long', by: 'demo-operator' });
    expect((await get('/jobs/failed')).data.items).toEqual([]);
    expect((await get('/jobs/failed', VIEWER, { discarded: true })).data.items).toEqual([expect.objectContaining({ jobId: job.jobId, discarded: expect.objectContaining({ reason: 'activity code too long' }) })]);
    const again = await post('/jobs/failed/discard', { ...target, reason: 'again' }, OPERATOR);
    expect([again.status, String(again.headers['content-type']).split(';')[0]]).toEqual([409, 'application/problem+json']);
    expect((await post('/jobs/failed/redrive', { queue: 'assignments', jobId: 'no-such-job' }, OPERATOR)).status).toBe(404);
    const bad = await get('/jobs/failed', VIEWER, { limit: 500 });
    expect([bad.status, bad.data.detail]).toEqual([400, expect.stringMatching(/limit/)]);

    // The operator fixes the rules file; an admin has them read again; the job is redriven and lands.
    writeFileSync(rulesFile, GOOD_RULES);
    expect((await post('/rules/reload', {}, OPERATOR)).status).toBe(403);
    const reload = await post('/rules/reload', {}, ADMIN);
    expect(reload.status).toBe(200);
    expect(reload.data).toMatchObject({ outcome: 'accepted', status: { source: rulesFile, tenants: ['kommunen', 'omsorgshuset'] } });
    expect((await get('/rules')).data.version).toBe(reload.data.status.version);
    const redrive = await post('/jobs/failed/redrive', target, OPERATOR);
    expect([redrive.status, redrive.data]).toEqual([200, { redriven: 1 }]);
    await drained(h);
    expect(Object.keys((await customersOf(h, 'kommunen'))['19380412-5676'].serviceOrders).sort()).toEqual(['INS-1', 'INS-2', 'INS-3', 'INS-4']);
    expect((await get('/jobs/failed', VIEWER, { discarded: true })).data.items).toEqual([]);

    const audit = await get('/audit', VIEWER, { limit: 10 });
    expect(audit.data.entries.map((e: Record<string, string>) => [e.action, e.tokenName, e.role, e.outcome]).reverse()).toEqual([
      ['jobs.discard', 'demo-operator', 'operator', 'ok'],
      ['jobs.discard', 'demo-operator', 'operator', 'conflict'],
      ['jobs.redrive', 'demo-operator', 'operator', 'not-found'],
      ['rules.reload', 'demo-admin', 'admin', 'accepted'],
      ['jobs.redrive', 'demo-operator', 'operator', 'ok'],
    ]);
    expect(audit.data.entries[0]).toMatchObject({ target: `assignments/${job.jobId}`, requestId: expect.any(String) });
    expect(JSON.stringify(audit.data)).not.toContain('activity code too long');
    expect((await get('/audit', VIEWER, { action: 'rules.reload' })).data.entries).toHaveLength(1);
  });

  it('a quarantined assignment is requeued after a reload that knows its code; one refused at intake cannot be (409)', async () => {
    writeFileSync(rulesFile, GOOD_RULES);
    await h.fresh({ ...TODAY, MAPPING_RULES_FILE: rulesFile });
    await pushCase(exportOf(uppdrag({ id: 'UPP-NEW-CODE', identityNumber: personnummer(10), code: 'XYZ' }), uppdrag({ id: 'UPP-BAD-PNR', identityNumber: '19400101-1235' })));
    await drained(h);
    expect(await customersOf(h, 'kommunen')).toEqual({});

    const entries = await quarantined(h, 'interventions');
    const byRef = Object.fromEntries(entries.map((e) => [e.ref, e]));
    expect(byRef['UPP-NEW-CODE']).toMatchObject({ requeueable: true, reasons: [expect.objectContaining({ code: 'mapping.unknown-intervention-code' })] });
    expect(byRef['UPP-BAD-PNR']).toMatchObject({ requeueable: false, reasons: [expect.objectContaining({ code: 'identity-number.check-digit' })] });
    const byCode = await get('/quarantine', VIEWER, { reason: 'identity-number.check-digit' });
    expect(byCode.data.items.map((e: { ref: string }) => e.ref)).toEqual(['UPP-BAD-PNR']);

    const refused = await post('/quarantine/requeue', { flow: 'interventions', id: byRef['UPP-BAD-PNR'].id }, OPERATOR);
    expect([refused.status, String(refused.headers['content-type']).split(';')[0], refused.data.detail]).toEqual([409, 'application/problem+json', expect.stringMatching(/no stored version/)]);
    expect((await post('/quarantine/requeue', { flow: 'interventions', id: 'no-such-entry' }, OPERATOR)).status).toBe(404);
    expect((await post('/quarantine/requeue', { filter: {} }, VIEWER)).status).toBe(403);

    writeFileSync(rulesFile, XYZ_RULES);
    expect((await post('/rules/reload', {}, ADMIN)).data.outcome).toBe('accepted');
    const requeued = await post('/quarantine/requeue', { filter: { flow: 'interventions', reason: 'mapping.unknown-intervention-code' } }, OPERATOR);
    expect([requeued.status, requeued.data]).toEqual([200, { requeued: 1, notRequeueable: 0 }]);
    await drained(h);

    expect(Object.keys(await customersOf(h, 'kommunen'))).toEqual([personnummer(10)]);
    expect((await quarantined(h, 'interventions')).map((e) => e.ref)).toEqual(['UPP-BAD-PNR']);
    expect(await flowCounters(h, 'interventions')).toMatchObject({ applied: 1, quarantined: 2, 'quarantined:mapping.unknown-intervention-code': 1 });
    const audit = (await get('/audit', VIEWER, { action: 'quarantine.requeue' })).data.entries.map((e: Record<string, string>) => [e.outcome, e.target]);
    expect(audit).toEqual([
      ['ok', 'filter/flow:interventions/reason:mapping.unknown-intervention-code'],
      ['not-found', 'interventions/no-such-entry'],
      ['conflict', `interventions/${byRef['UPP-BAD-PNR'].id}`],
    ]);
  });

  it('a quarantined employee is requeued with the export it came in, after a reload, and applied; the rest of the roster is untouched', async () => {
    writeFileSync(rulesFile, LONG_PREFIX_RULES);
    await h.fresh({ ...TODAY, MAPPING_RULES_FILE: rulesFile });
    const roster = readFileSync(join(contractsDir(), 'scheduling-system/examples/schedule-norr1.xml'));
    const pushed = await h.http.post(`${h.middleware}/inbound/scheduling-system`, roster, { headers: { Authorization: `Bearer ${TOKENS.scheduleInbound}`, 'Content-Type': 'application/xml' }, transformRequest: (d) => d });
    expect(pushed.status).toBe(202);
    await drained(h);
    const entries = await quarantined(h, 'schedules');
    expect(entries.map((e) => [e.ref, e.reasons.map((r) => r.code), e.requeueable])).toEqual([['TC-000871', ['mapping.skill-too-long'], true]]);
    const before = await simStaff(h, 'kommunen');
    expect(before).not.toHaveProperty('E10234');
    expect(Object.keys(before).length).toBeGreaterThan(0);

    writeFileSync(rulesFile, GOOD_RULES);
    expect((await post('/rules/reload', {}, ADMIN)).data.outcome).toBe('accepted');
    const requeued = await post('/quarantine/requeue', { flow: 'schedules', id: entries[0].id }, OPERATOR);
    expect([requeued.status, requeued.data]).toEqual([200, { requeued: 1 }]);
    await drained(h);

    const after = await simStaff(h, 'kommunen');
    expect(after.E10234?.skills).toEqual(expect.arrayContaining(['DEL-LAKEMEDEL']));
    expect(Object.keys(after).sort()).toEqual([...Object.keys(before), 'E10234'].sort());
    expect(await quarantined(h, 'schedules')).toEqual([]);
    expect(await flowCounters(h, 'schedules')).toMatchObject({ quarantined: 1, applied: 2 });
  });

  it('a paused queue holds its jobs until resumed; drain (admin) removes what waits; both audited', async () => {
    await h.fresh(TODAY);
    expect((await post('/queues/assignments/pause', {}, VIEWER)).status).toBe(403);
    expect((await post('/queues/assignments/pause', {}, OPERATOR)).data).toEqual({ queue: 'assignments', paused: true });
    expect((await queueCounts(h)).assignments.paused).toBe(true);

    await pushCase(exportOf(uppdrag({ id: 'UPP-P-1', identityNumber: personnummer(1) })));
    await eventually(async () => ((await queueCounts(h)).assignments.waiting === 1 ? true : undefined), 'the job to wait in the paused queue');
    expect(await flowCounters(h, 'interventions')).not.toHaveProperty('applied');

    expect((await post('/queues/assignments/resume', {}, OPERATOR)).data).toEqual({ queue: 'assignments', paused: false });
    await drained(h);
    expect(await flowCounters(h, 'interventions')).toMatchObject({ applied: 1 });

    await post('/queues/assignments/pause', {}, OPERATOR);
    await pushCase(exportOf(uppdrag({ id: 'UPP-P-2', identityNumber: personnummer(2) })));
    await eventually(async () => ((await queueCounts(h)).assignments.waiting === 1 ? true : undefined), 'the second job to wait');
    expect((await post('/queues/assignments/drain', {}, OPERATOR)).status).toBe(403);
    expect((await post('/queues/assignments/drain', {}, ADMIN)).data).toEqual({ queue: 'assignments', removed: 1 });
    expect((await queueCounts(h)).assignments).toMatchObject({ waiting: 0, paused: true });
    await post('/queues/assignments/resume', {}, OPERATOR);
    expect((await post('/queues/no-such-queue/pause', {}, OPERATOR)).status).toBe(400);

    const audit = (await get('/audit')).data.entries.map((e: Record<string, string>) => `${e.action} ${e.target} ${e.outcome}`).reverse();
    expect(audit).toEqual([
      'queue.pause assignments ok',
      'queue.resume assignments ok',
      'queue.pause assignments ok',
      'queue.drain assignments ok',
      'queue.resume assignments ok',
      'queue.pause no-such-queue invalid',
    ]);
  });

  it('shows each flow with its last syncs, and each tenant', async () => {
    const flows = await get('/flows');
    expect(flows.status).toBe(200);
    expect(Object.keys(flows.data.flows).sort()).toEqual(['interventions', 'schedules']);
    expect(flows.data.lastSync).toMatchObject({ rosters: expect.any(Object), tenants: expect.any(Object) });
    const tenants = await get('/tenants');
    expect(tenants.data.tenants.map((t: { tenant: string; configured: boolean }) => [t.tenant, t.configured])).toEqual([
      ['kommunen', true],
      ['omsorgshuset', true],
    ]);
  });
});
