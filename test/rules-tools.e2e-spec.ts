import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { parseMappingRules } from '@brygga/config';
import { ADMIN, drained, OPERATOR, quarantined, queueCounts, TODAY, TOKENS, VIEWER, harnessPerSpecFile } from './support/e2e-harness';
import { customersOf } from './support/planning-state';
import { exportOf, personnummer, uppdrag } from './support/uppdrag-variants';

const GOOD_RULES = readFileSync('config/mapping-rules.yaml', 'utf8');
// PH's standard time 20 -> 25: only a PH intervention without a Schablon of its own takes it.
const PH25_RULES = GOOD_RULES.replace(/(\n {2}PH:\n(?: {4}.*\n)*? {4}standardMinutes:) 20\n/, '$1 25\n');
// The rules learning the code XYZ, which the shipped rules do not know.
const XYZ_RULES = GOOD_RULES.replace(/^interventions:\n/m, 'interventions:\n  XYZ:\n    planned: true\n    activityCode: OMV-XYZ\n    title: Ny insats\n    standardMinutes: 10\n');
// A rule the boot refuses: a planned code without its standard time.
const BAD_RULES = PH25_RULES.replace(/(\n {2}PH:\n(?: {4}.*\n)*?) {4}standardMinutes: 25\n/, '$1');

/** What was sent between two request counts, by kind (kinds that did not grow left out). */
function delta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).flatMap(([k, n]) => (n - (before[k] ?? 0) > 0 ? [[k, n - (before[k] ?? 0)]] : [])));
}

/** The ny assignment as another one: PH (INS-1) keeps its Schablon unless `noSchablon`. */
function assignment(id: string, n: number, opts: { noSchablon?: boolean; code?: string } = {}): string {
  const xml = uppdrag({ id, identityNumber: personnummer(n), ...(opts.code && { code: opts.code }) });
  return opts.noSchablon ? xml.replace('<Schablon minuter="20"/>', '') : xml;
}

describe('the rules tools: dry-run, replay as a diff, apply and rollback (real middleware, Redis and simulators)', () => {
  const h = harnessPerSpecFile(TODAY);
  let rulesFile: string;

  beforeAll(async () => {
    rulesFile = join(await mkdtemp('/tmp/brygga-rules-tools-'), 'rules.yaml');
  });

  const get = (path: string, headers: Record<string, string> = VIEWER) => h.http.get(`${h.middleware}/admin/api${path}`, { headers });
  const post = (path: string, body: unknown, headers: Record<string, string> = ADMIN) => h.http.post(`${h.middleware}/admin/api${path}`, body, { headers });
  const requests = async () => (await h.http.get(`${h.planningTool}/_sim/kommunen/requests`)).data;
  async function pushCase(body: Buffer): Promise<void> {
    const res = await h.http.post(`${h.middleware}/inbound/case-system`, body, { headers: { Authorization: `Bearer ${TOKENS.caseInbound}`, 'Content-Type': 'application/xml' }, transformRequest: (d) => d });
    expect(res.status).toBe(202);
  }
  /** Each kommunen customer's service orders' minutes, by identity number and intervention id. */
  async function minutes(): Promise<Record<string, Record<string, unknown>>> {
    const customers = await customersOf(h, 'kommunen');
    return Object.fromEntries(Object.entries(customers).map(([pnr, c]) => [pnr, Object.fromEntries(Object.entries(c.serviceOrders).map(([ins, o]) => [ins, (o as { minutesPerVisit: number }).minutesPerVisit]))]));
  }

  it('PH 20 -> 25: the dry-run maps a document, the replay names exactly the PH assignments without a Schablon and sends nothing; apply changes exactly those orders; rollback puts them back', async () => {
    expect(PH25_RULES).not.toBe(GOOD_RULES);
    writeFileSync(rulesFile, GOOD_RULES);
    await h.fresh({ ...TODAY, MAPPING_RULES_FILE: rulesFile });
    await pushCase(exportOf(assignment('UPP-SCHABLON', 1), assignment('UPP-PH-1', 2, { noSchablon: true }), assignment('UPP-PH-2', 3, { noSchablon: true }), assignment('UPP-OTHER', 4, { code: 'DUSCH' })));
    await drained(h);
    const before = await minutes();
    expect(before[personnummer(2)]['INS-1']).toBe(20);
    const sentBefore = await requests();

    // A refused candidate: 400 with the messages the boot gives for the same file.
    const refused = await post('/rules/dry-run', { rules: BAD_RULES, document: exportOf(assignment('UPP-X', 9)).toString('utf8') });
    const bootProblems = (() => {
      try {
        parseMappingRules(BAD_RULES, 'candidate rules');
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    })();
    expect([refused.status, String(refused.headers['content-type']).split(';')[0], refused.data.detail]).toEqual([400, 'application/problem+json', bootProblems]);
    expect(refused.data.detail).toMatch(/interventions\.PH\.standardMinutes: is required when planned is true/);
    expect((await post('/rules/dry-run', { rules: PH25_RULES, document: 'not xml' })).status).toBe(400);
    expect((await post('/rules/dry-run', { rules: PH25_RULES, document: '<x/>' }, OPERATOR)).status).toBe(403);

    // The dry-run: what one document would become, nothing stored, queued or sent.
    const queuesBefore = await queueCounts(h);
    const dry = await post('/rules/dry-run', { rules: PH25_RULES, document: exportOf(assignment('UPP-NEW', 10, { noSchablon: true }), assignment('UPP-UNKNOWN', 11, { code: 'XYZ' })).toString('utf8') });
    expect(dry.status).toBe(200);
    expect(dry.data).toMatchObject({ flow: 'interventions', records: 2, rulesVersion: parseMappingRules(PH25_RULES, 'x').version, notServed: [] });
    expect(dry.data.quarantined).toEqual([{ ref: 'UPP-UNKNOWN', reasons: [expect.objectContaining({ code: 'mapping.unknown-intervention-code' })] }]);
    const orders = dry.data.operations.filter((o: { kind: string }) => o.kind === 'putServiceOrder');
    const minutesOf = Object.fromEntries(orders.map((o: { detail: { source: { interventionId: string }; minutesPerVisit: number } }) => [o.detail.source.interventionId, o.detail.minutesPerVisit]));
    expect(minutesOf).toMatchObject({ 'INS-1': 25, 'INS-3': 60 });
    expect(Object.keys(minutesOf).sort()).toEqual(['INS-1', 'INS-2', 'INS-3', 'INS-4']);
    expect(dry.data.operations.filter((o: { kind: string }) => o.kind === 'putCustomer')).toHaveLength(1);
    expect(JSON.stringify(dry.data)).not.toMatch(new RegExp(`${personnummer(10)}|Märta|Öberg|ren och fräsch`));
    expect(await queueCounts(h)).toEqual(queuesBefore);
    expect((await quarantined(h, 'interventions')).map((e) => e.ref)).toEqual([]);

    // The replay: exactly the two PH assignments without a Schablon, their INS-1 minutes; nothing sent.
    const replay = await post('/rules/replay', { rules: PH25_RULES });
    expect(replay.status).toBe(200);
    expect(replay.data.counts).toEqual({ ordersAdded: 0, ordersRemoved: 0, ordersChanged: 2, customerTeamChanged: 0, staffSkillsChanged: 0, newlyQuarantined: 0, newlyAccepted: 0 });
    expect(replay.data.scanned).toEqual({ interventions: 4, schedules: 0 });
    expect(replay.data.items.map((i: { id: string }) => i.id).sort()).toEqual(['UPP-PH-1', 'UPP-PH-2']);
    expect(replay.data.items[0]).toMatchObject({ flow: 'interventions', kinds: ['ordersChanged'], fields: ['serviceOrder.minutesPerVisit'], orders: { added: [], removed: [], changed: [expect.any(String)] } });
    expect(await requests()).toEqual(sentBefore);

    // Apply: exactly those orders change in the planning tool.
    const applied = await post('/rules/apply', { rules: PH25_RULES });
    expect(applied.status).toBe(200);
    expect(applied.data).toMatchObject({ outcome: 'applied', applied: { n: 2, version: replay.data.candidate, appliedBy: 'demo-admin' }, propagated: { lagging: [] }, resent: { interventions: 2, schedules: 0 } });
    await drained(h);
    const after = await minutes();
    expect(after).toEqual({ ...before, [personnummer(2)]: { ...before[personnummer(2)], 'INS-1': 25 }, [personnummer(3)]: { ...before[personnummer(3)], 'INS-1': 25 } });
    const sentByApply = await requests();
    // The two changed assignments go through their normal path whole (the customer and its four orders, in one or two batches as the coalescer meets them); the other two send nothing.
    const { 'POST batch': _batches, ...sentOperations } = delta(sentBefore.byKind, sentByApply.byKind);
    expect(sentOperations).toEqual({ 'PUT customer': 2, 'PUT service-order': 8 });
    expect((await get('/rules')).data.version).toBe(replay.data.candidate);
    expect((await post('/rules/apply', { rules: PH25_RULES })).data).toEqual({ outcome: 'unchanged' });

    // Versions: the file that was in force first, then the apply; rollback is applying the first again.
    const versions = await get('/rules/versions');
    expect(versions.data).toMatchObject({ inForce: replay.data.candidate, versions: [{ n: 2, appliedBy: 'demo-admin' }, { n: 1, appliedBy: 'rules file', version: replay.data.inForce }] });
    const rollback = await post('/rules/apply', { version: replay.data.inForce });
    // The same rules again, under a version of their own (a comment says so): an old version's idempotency keys would be answered from the planning tool's cache.
    expect(rollback.data).toMatchObject({ outcome: 'applied', applied: { n: 3, rollbackOf: 1 }, resent: { interventions: 2 } });
    expect(rollback.data.applied.version).not.toBe(replay.data.inForce);
    await drained(h);
    expect(await minutes()).toEqual(before);
    expect(readFileSync(rulesFile, 'utf8')).toMatch(new RegExp(`^${GOOD_RULES.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}# applied again \\(version 1, ${replay.data.inForce}\\) by demo-admin at `));
    expect((await post('/rules/apply', { version: '000000000000' })).status).toBe(404);

    const audit = (await get('/audit?limit=20')).data.entries.map((e: Record<string, string>) => [e.action, e.outcome]).reverse();
    expect(audit).toEqual([
      ['rules.dry-run', 'invalid'],
      ['rules.dry-run', 'invalid'],
      ['rules.dry-run', 'ok'],
      ['rules.replay', 'ok'],
      ['rules.apply', 'applied'],
      ['rules.apply', 'unchanged'],
      ['rules.apply', 'applied'],
      ['rules.apply', 'not-found'],
    ]);
  });

  it('an unknown code added to the rules: the quarantined assignments that carried it are listed as newly accepted, and apply brings them in', async () => {
    writeFileSync(rulesFile, GOOD_RULES);
    await h.fresh({ ...TODAY, MAPPING_RULES_FILE: rulesFile });
    await pushCase(exportOf(assignment('UPP-KNOWN', 1), assignment('UPP-XYZ-1', 2, { code: 'XYZ' }), assignment('UPP-XYZ-2', 3, { code: 'XYZ' })));
    await drained(h);
    expect(Object.keys(await customersOf(h, 'kommunen'))).toEqual([personnummer(1)]);
    expect((await quarantined(h, 'interventions')).map((e) => e.ref).sort()).toEqual(['UPP-XYZ-1', 'UPP-XYZ-2']);
    const sentBefore = await requests();

    const replay = await post('/rules/replay', { rules: XYZ_RULES });
    expect(replay.data.counts).toMatchObject({ newlyAccepted: 2, newlyQuarantined: 0, ordersChanged: 0, ordersAdded: 0, ordersRemoved: 0 });
    expect(replay.data.items.map((i: { id: string; kinds: string[]; reasons: string[] }) => [i.id, i.kinds, i.reasons]).sort()).toEqual([
      ['UPP-XYZ-1', ['newlyAccepted'], ['mapping.unknown-intervention-code']],
      ['UPP-XYZ-2', ['newlyAccepted'], ['mapping.unknown-intervention-code']],
    ]);
    expect(await requests()).toEqual(sentBefore);

    const applied = await post('/rules/apply', { rules: XYZ_RULES });
    expect(applied.data).toMatchObject({ outcome: 'applied', resent: { interventions: 2 } });
    await drained(h);
    expect(Object.keys(await customersOf(h, 'kommunen')).sort()).toEqual([personnummer(1), personnummer(2), personnummer(3)].sort());
    expect((await customersOf(h, 'kommunen'))[personnummer(2)].serviceOrders['INS-3']).toMatchObject({ activityCode: 'OMV-XYZ' });
    expect(await quarantined(h, 'interventions')).toEqual([]);
  });
});
