import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { ADMIN, drained, eventually, harnessPerSpecFile, TODAY, TOKENS } from './support/e2e-harness';
import { customersOf } from './support/planning-state';
import { scheduleExport } from './support/schedule-variants';
import { simStaff } from './support/staff-state';
import { exportOf, personnummer, uppdrag } from './support/uppdrag-variants';

const GOOD_RULES = readFileSync('config/mapping-rules.yaml', 'utf8');
const PH25_RULES = GOOD_RULES.replace(/(\n {2}PH:\n(?: {4}.*\n)*? {4}standardMinutes:) 20\n/, '$1 25\n');
// Undersköterskor also get the skill NATT: every USK staff member's skills change, no one else's.
const USK_NATT_RULES = GOOD_RULES.replace('  USK: [USK]\n', '  USK: [USK, NATT]\n');

/** The ny assignment as another one, its PH (INS-1) without a Schablon when `noSchablon`. */
function assignment(id: string, n: number, noSchablon = false): string {
  const xml = uppdrag({ id, identityNumber: personnummer(n) });
  return noSchablon ? xml.replace('<Schablon minuter="20"/>', '') : xml;
}

describe('the rules tools across processes: a replay as a job, an apply reaching a worker of its own (real middleware, Redis and simulators)', () => {
  const h = harnessPerSpecFile(TODAY);
  let rulesFile: string;

  beforeAll(async () => {
    rulesFile = join(await mkdtemp('/tmp/brygga-rules-job-'), 'rules.yaml');
  });

  const post = (path: string, body: unknown) => h.http.post(`${h.middleware}/admin/api${path}`, body, { headers: ADMIN });
  const get = (path: string) => h.http.get(`${h.middleware}/admin/api${path}`, { headers: ADMIN });
  const push = (path: string, body: Buffer, token: string) => h.http.post(`${h.middleware}/inbound/${path}`, body, { headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/xml' }, transformRequest: (d) => d });

  it('an API process and a worker process: the replay of a store over RULES_REPLAY_SYNC_MAX runs as a job (202, progress, the same diff); apply reaches the worker before the re-sends', async () => {
    writeFileSync(rulesFile, GOOD_RULES);
    const env = { ...TODAY, MAPPING_RULES_FILE: rulesFile, RULES_REPLAY_SYNC_MAX: '2' };
    await h.fresh({ ...env, ROLE: 'api' });
    await h.startAnother({ ...env, ROLE: 'worker' });
    expect((await push('case-system', exportOf(assignment('UPP-SCHABLON', 1), assignment('UPP-PH-1', 2, true), assignment('UPP-PH-2', 3, true)), TOKENS.caseInbound)).status).toBe(202);
    await drained(h);
    const sentBefore = (await h.http.get(`${h.planningTool}/_sim/kommunen/requests`)).data;

    const queued = await post('/rules/replay', { rules: PH25_RULES });
    expect([queued.status, Object.keys(queued.data)]).toEqual([202, ['runId']]);
    const run = await eventually(async () => {
      const r = await get(`/rules/replay/${queued.data.runId}`);
      return r.data.status === 'done' ? r.data : undefined;
    }, 'the replay run to finish');
    expect(run).toMatchObject({ runId: queued.data.runId, by: 'demo-admin', total: 3, scanned: 3, diff: { scanned: { interventions: 3, schedules: 0 }, counts: { ordersChanged: 2 } } });
    expect(run.diff.items.map((i: { id: string }) => i.id).sort()).toEqual(['UPP-PH-1', 'UPP-PH-2']);
    expect((await h.http.get(`${h.planningTool}/_sim/kommunen/requests`)).data).toEqual(sentBefore);
    expect((await get('/rules/replay/r-nosuchrun')).status).toBe(404);

    // The worker holds the rules file's first version until the apply reaches it: only then are the re-sends queued.
    const applied = await post('/rules/apply', { rules: PH25_RULES });
    expect(applied.data).toMatchObject({ outcome: 'applied', propagated: { processes: 2, lagging: [] }, resent: { interventions: 2 } });
    await drained(h);
    const customers = await customersOf(h, 'kommunen');
    expect([1, 2, 3].map((n) => (customers[personnummer(n)].serviceOrders['INS-1'] as { minutesPerVisit: number }).minutesPerVisit)).toEqual([20, 25, 25]);
  });

  it("a qualification's skills: the replay names exactly the staff of that qualification, apply re-sends exactly them", async () => {
    writeFileSync(rulesFile, GOOD_RULES);
    await h.fresh({ ...TODAY, MAPPING_RULES_FILE: rulesFile });
    const shifts = [{ date: '2026-11-24', start: '07:00', end: '15:00' }];
    const employees = [
      { id: 'E-1', employmentNo: 'E10001', qualification: 'USK' as const, shifts },
      { id: 'E-2', employmentNo: 'E10002', qualification: 'VB' as const, shifts },
      { id: 'E-3', employmentNo: 'E10003', qualification: 'USK' as const, delegations: [{ type: 'insulin', validTo: '2027-01-31' }], shifts },
    ];
    const roster = scheduleExport({ unit: 'NORR-1', revision: 1, periodStart: '2026-11-24', periodEnd: '2026-11-24', employees });
    // The dry-run of a schedule export: each staff record's team, skills and days under the candidate, never a name.
    const dry = await post('/rules/dry-run', { rules: USK_NATT_RULES, document: roster.toString('utf8') });
    expect(dry.data).toMatchObject({ flow: 'schedules', records: 3, quarantined: [], notServed: [] });
    expect(dry.data.operations.map((o: { staffId: string; detail: { skills: string[]; days: number } }) => [o.staffId, o.detail.skills, o.detail.days])).toEqual([
      ['E10001', ['NATT', 'USK'], 1],
      ['E10002', ['VB'], 1],
      ['E10003', ['DEL-INSULIN', 'NATT', 'USK'], 1],
    ]);
    expect(JSON.stringify(dry.data)).not.toContain('Person');
    expect((await push('scheduling-system', roster, TOKENS.scheduleInbound)).status).toBe(202);
    await drained(h);
    const before = await simStaff(h, 'kommunen');
    expect(Object.keys(before).sort()).toEqual(['E10001', 'E10002', 'E10003']);

    const replay = await post('/rules/replay', { rules: USK_NATT_RULES });
    expect(replay.status).toBe(200);
    expect(replay.data.counts).toEqual({ ordersAdded: 0, ordersRemoved: 0, ordersChanged: 0, customerTeamChanged: 0, staffSkillsChanged: 2, newlyQuarantined: 0, newlyAccepted: 0 });
    expect(replay.data.items).toEqual([
      { flow: 'schedules', id: 'E10001', kinds: ['staffSkillsChanged'], fields: ['staff.skills'] },
      { flow: 'schedules', id: 'E10003', kinds: ['staffSkillsChanged'], fields: ['staff.skills'] },
    ]);

    const applied = await post('/rules/apply', { rules: USK_NATT_RULES });
    expect(applied.data).toMatchObject({ outcome: 'applied', resent: { interventions: 0, schedules: 1 } });
    await drained(h);
    const after = await simStaff(h, 'kommunen');
    expect(Object.fromEntries(Object.entries(after).map(([id, s]) => [id, s.skills]))).toEqual({ E10001: ['NATT', 'USK'], E10002: before.E10002.skills, E10003: [...before.E10003.skills, 'NATT'].sort() });
  });
});
