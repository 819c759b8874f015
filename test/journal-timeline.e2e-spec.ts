import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { parseUppdragsexport } from '@brygga/case-system';
import { contractsDir } from '@brygga/config';
import type { Assignment } from '@brygga/domain';
import { drained, eventually, harnessPerSpecFile, TODAY, TOKENS, VIEWER } from './support/e2e-harness';
import { clientTerms } from './support/personal-data.scanner';
import { simStaff } from './support/staff-state';
import { exportOf, personnummer, uppdrag } from './support/uppdrag-variants';

type Entry = { id: string; at: string; kind: string; status: string; refs: Record<string, unknown>; answer?: { status: string; code?: string }; reasons?: string[]; personKey?: string };

const GOOD_RULES = readFileSync('config/mapping-rules.yaml', 'utf8');
// Every delegated skill longer than the planning tool takes: those employees (E10234 among them) are quarantined.
const LONG_PREFIX_RULES = GOOD_RULES.replace('delegationSkillPrefix: DEL-', `delegationSkillPrefix: ${'DELEGERAD-'.repeat(4)}`);
const MARTA = '19380412-5676';
const ASSIGNMENT = 'UPP-2026-0417';

describe('the journal and the per-person timeline (real middleware, Redis and simulators)', () => {
  const h = harnessPerSpecFile(TODAY);
  const pushed: Buffer[] = [];

  async function pushCase(body: Buffer, requestId?: string): Promise<void> {
    pushed.push(body);
    const headers = { Authorization: `Bearer ${TOKENS.caseInbound}`, 'Content-Type': 'application/xml', ...(requestId && { 'X-Request-Id': requestId }) };
    const res = await h.http.post(`${h.middleware}/inbound/case-system`, body, { headers, transformRequest: (d) => d });
    expect(res.status).toBe(202);
    await drained(h);
  }
  const timeline = (body: unknown, headers: Record<string, string> = VIEWER) => h.http.post(`${h.middleware}/admin/api/timeline`, body, { headers });
  const journal = (params: Record<string, unknown>) => h.http.get(`${h.middleware}/admin/api/journal`, { headers: VIEWER, params });
  const auditOf = async (action: string) => (await h.http.get(`${h.middleware}/admin/api/audit`, { headers: VIEWER, params: { action } })).data.entries as Array<Record<string, string>>;

  it("answers a client's story by identity number, oldest first, across versions, a quarantine, a failed write and a withdrawal; audits the read by hashed key only", async () => {
    await h.fresh(TODAY);
    // Another client in the first document: in the journal, not in Märta's timeline.
    await pushCase(exportOf(uppdrag({ id: ASSIGNMENT }), uppdrag({ id: 'UPP-OTHER', identityNumber: personnummer(3) })));
    await pushCase(exportOf(uppdrag({ id: ASSIGNMENT, version: 2, minutes: 30 })));
    await pushCase(exportOf(uppdrag({ id: 'UPP-QUARANTINED', code: 'XYZ' })));
    // One write answered 503 once: the job fails, is retried, and lands.
    expect((await h.http.post(`${h.planningTool}/_sim/faults`, { tenant: 'kommunen', status: 503, count: 1 })).status).toBe(201);
    await pushCase(exportOf(uppdrag({ id: ASSIGNMENT, version: 3, minutes: 40 })), 'journal-e2e.v3');
    await pushCase(exportOf(uppdrag({ id: ASSIGNMENT, version: 4, status: 'makulerad' })));

    // Written after the fact: wait for the last step's entry.
    const answer = await eventually(async () => {
      const res = await timeline({ identityNumber: MARTA.replace('-', '') });
      expect(res.status).toBe(200);
      const entries = res.data.entries as Entry[];
      return entries.some((e) => e.kind === 'assignment.applied' && e.refs.version === 4) ? res.data : undefined;
    }, "the withdrawal's entry");
    const entries = answer.entries as Entry[];
    const steps = entries.map((e) => [e.kind, e.status, e.refs.assignmentId ?? null, e.refs.version ?? null, e.answer?.status ?? null, (e.reasons ?? []).join(',') || null]);
    expect(steps).toEqual([
      ['document.received', 'stored', null, null, null, null],
      ['assignment.stored', 'stored', ASSIGNMENT, 1, null, null],
      ['planning.write', 'accepted', ASSIGNMENT, 1, '2xx', null],
      ['assignment.applied', 'applied', ASSIGNMENT, 1, null, null],
      ['document.received', 'stored', null, null, null, null],
      ['assignment.stored', 'stored', ASSIGNMENT, 2, null, null],
      ['planning.write', 'accepted', ASSIGNMENT, 2, '2xx', null],
      ['assignment.applied', 'applied', ASSIGNMENT, 2, null, null],
      ['document.received', 'stored', null, null, null, null],
      ['assignment.stored', 'stored', 'UPP-QUARANTINED', 1, null, null],
      ['assignment.quarantined', 'quarantined', 'UPP-QUARANTINED', 1, null, 'mapping.unknown-intervention-code'],
      ['document.received', 'stored', null, null, null, null],
      ['assignment.stored', 'stored', ASSIGNMENT, 3, null, null],
      ['planning.write', 'failed', ASSIGNMENT, 3, '503', null],
      ['job.failed', 'retrying', ASSIGNMENT, 3, null, 'PlanningTransientError'],
      ['planning.write', 'accepted', ASSIGNMENT, 3, '2xx', null],
      ['assignment.applied', 'applied', ASSIGNMENT, 3, null, null],
      ['document.received', 'stored', null, null, null, null],
      ['assignment.stored', 'stored', ASSIGNMENT, 4, null, null],
      ['planning.write', 'accepted', ASSIGNMENT, 4, '2xx', null],
      ['assignment.applied', 'applied', ASSIGNMENT, 4, null, 'deleted'],
    ]);
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => Number(a.split('-')[0]) - Number(b.split('-')[0]) || Number(a.split('-')[1]) - Number(b.split('-')[1])));
    const writes = entries.filter((e) => e.kind === 'planning.write');
    expect(writes.every((e) => e.refs.tenant === 'kommunen')).toBe(true);
    expect(entries.find((e) => e.kind === 'assignment.applied')?.refs).toMatchObject({ tenant: 'kommunen', customerId: expect.stringMatching(/^C-/), jobId: expect.any(String), requestId: expect.any(String) });
    // The same person by the short form, with a hyphen.
    expect((await timeline({ identityNumber: MARTA.slice(2) })).data.entries).toHaveLength(entries.length);

    // The read is audited by the hashed key, never the number.
    const reads = await auditOf('timeline.read');
    expect(reads[0]).toMatchObject({ tokenName: 'demo-viewer', role: 'viewer', action: 'timeline.read', target: answer.personKey, outcome: 'ok', requestId: expect.any(String) });
    expect(answer.personKey).toMatch(/^P-/);
    expect(JSON.stringify(reads)).not.toMatch(/19380412|380412|5676/);

    // By business keys, paged.
    const byAssignment: Entry[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const res = await journal({ assignmentId: ASSIGNMENT, limit: 3, ...(cursor && { cursor }) });
      expect(res.status).toBe(200);
      byAssignment.push(...res.data.entries);
      cursor = res.data.next;
      if (!cursor) break;
    }
    expect(byAssignment.map((e) => e.id)).toEqual(entries.filter((e) => e.refs.assignmentId === ASSIGNMENT).map((e) => e.id));
    const byRequest = (await journal({ requestId: 'journal-e2e.v3' })).data.entries as Entry[];
    expect(byRequest.map((e) => e.kind)).toEqual(['document.received', 'assignment.stored', 'planning.write', 'job.failed', 'planning.write', 'assignment.applied']);
    const firstDocument = entries[0].refs.documentId as string;
    expect(((await journal({ documentId: firstDocument })).data.entries as Entry[]).map((e) => [e.kind, e.refs.assignmentId ?? null])).toEqual(
      expect.arrayContaining([
        ['document.received', null],
        ['assignment.stored', 'UPP-OTHER'],
      ]),
    );
    // Every stored version names its decisions; each is a key.
    const byDecision = (await journal({ decisionId: 'BES-88120', limit: 200 })).data.entries as Entry[];
    expect(byDecision.map((e) => [e.refs.assignmentId, e.refs.version])).toEqual([
      [ASSIGNMENT, 1],
      ['UPP-OTHER', 1],
      [ASSIGNMENT, 2],
      ['UPP-QUARANTINED', 1],
      [ASSIGNMENT, 3],
      [ASSIGNMENT, 4],
    ]);

    // Nothing personal anywhere in the journal: every key and value under it, and the answers.
    const assignments = pushed.flatMap((doc) => parseUppdragsexport(doc).results.flatMap((r): Assignment[] => (r.ok ? [r.assignment] : [])));
    const terms = clientTerms(assignments);
    expect(terms.length).toBeGreaterThan(5);
    const keys = await h.redis.keys(`${h.prefix}:data:journal:*`);
    expect(keys.length).toBeGreaterThan(5);
    const stored = [keys.join('\n'), ...(await h.redis.xrange(`${h.prefix}:data:journal:stream`, '-', '+')).flatMap(([, fields]) => fields)];
    for (const key of keys.filter((k) => k.includes(':ix:'))) stored.push(...(await h.redis.zrange(key, '0', '-1')));
    const said = [...stored, JSON.stringify(answer), JSON.stringify(byAssignment)];
    const hits = terms.filter((t) => said.some((text) => t.pattern.test(text))).map((t) => t.kind);
    expect(hits).toEqual([]);
  });

  it('refuses a query it cannot run with a 400 naming the field, never the value; audits a refused timeline read', async () => {
    const bad = await timeline({ identityNumber: '1938-04-12 Märta' });
    expect([bad.status, String(bad.headers['content-type']).split(';')[0]]).toEqual([400, 'application/problem+json']);
    expect(bad.data.detail).toMatch(/identityNumber/);
    expect(JSON.stringify(bad.data)).not.toMatch(/1938|Märta/);
    expect((await timeline({ identityNumber: MARTA, employmentNumber: 'E10234' })).status).toBe(400);
    expect((await timeline({})).status).toBe(400);
    expect((await timeline({ identityNumber: MARTA }, {})).status).toBe(401);
    expect((await auditOf('timeline.read'))[0]).toMatchObject({ outcome: 'invalid', tokenName: 'demo-viewer' });
    expect((await auditOf('timeline.read'))[0]).not.toHaveProperty('target');

    const two = await journal({ assignmentId: ASSIGNMENT, unitId: 'u1' });
    expect([two.status, two.data.detail]).toEqual([400, expect.stringMatching(/exactly one of assignmentId/)]);
    expect((await journal({})).status).toBe(400);
    expect((await journal({ assignmentId: ASSIGNMENT, limit: 500 })).status).toBe(400);
    expect((await journal({ assignmentId: ASSIGNMENT, cursor: 'nope' })).status).toBe(400);
  });

  it("answers an employee's timeline by employment number: the roster quarantine (and why), or the roster applied and its writes", async () => {
    const rulesFile = join(await mkdtemp('/tmp/brygga-journal-'), 'rules.yaml');
    writeFileSync(rulesFile, LONG_PREFIX_RULES);
    await h.fresh({ ...TODAY, MAPPING_RULES_FILE: rulesFile });
    const roster = readFileSync(join(contractsDir(), 'scheduling-system/examples/schedule-norr1.xml'));
    const res = await h.http.post(`${h.middleware}/inbound/scheduling-system`, roster, { headers: { Authorization: `Bearer ${TOKENS.scheduleInbound}`, 'Content-Type': 'application/xml' }, transformRequest: (d) => d });
    expect(res.status).toBe(202);
    await drained(h);

    const quarantined = await eventually(async () => {
      const entries = (await timeline({ employmentNumber: 'E10234' })).data.entries as Entry[];
      return entries.some((e) => e.kind === 'roster.quarantined') ? entries : undefined;
    }, 'the quarantined employee');
    expect(quarantined.map((e) => [e.kind, e.status, (e.reasons ?? []).join(',') || null])).toEqual([
      ['document.received', 'stored', null],
      ['roster.quarantined', 'quarantined', 'mapping.skill-too-long'],
    ]);
    const unitId = quarantined[1].refs.unitId as string;
    const [applied] = Object.keys(await simStaff(h, 'kommunen'));
    const other = await eventually(async () => {
      const entries = (await timeline({ employmentNumber: applied })).data.entries as Entry[];
      return entries.some((e) => e.kind === 'roster.applied') ? entries : undefined;
    }, 'the applied employee');
    expect(other.map((e) => [e.kind, e.status, e.refs.unitId ?? null])).toEqual([
      ['document.received', 'stored', null],
      ['planning.write', 'accepted', unitId],
      ['roster.applied', 'applied', unitId],
    ]);
    const byUnit = (await journal({ unitId })).data.entries as Entry[];
    expect(byUnit.map((e) => e.kind)).toEqual(['roster.stored', 'roster.quarantined', 'planning.write', 'roster.applied']);
  });

  it('on the operations page: a viewer signs in, finds the search box (labelled), posts a number in the form body and reads the sequence; raw documents kept as long as the journal', async () => {
    await h.fresh({ ...TODAY, JOURNAL_RETENTION_DAYS: '7' });
    await pushCase(exportOf(uppdrag({ id: ASSIGNMENT })));
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const signedIn = await h.http.post(`${h.middleware}/admin/session`, form({ token: TOKENS.viewer }), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, maxRedirects: 0 });
    const cookie = String(signedIn.headers['set-cookie']?.[0] ?? '').split(';')[0];
    expect(cookie).toMatch(/=/);
    const page = await h.http.get(`${h.middleware}/admin`, { headers: { Cookie: cookie } });
    expect(page.data).toContain('<form class="filters" method="post" action="/admin/timeline"');
    expect(page.data).toMatch(/<label>Identity number <input name="identityNumber"/);
    expect(page.data).toMatch(/<label>or employment number <input name="employmentNumber"/);
    expect(page.data).toMatch(/<label>Value <input name="value"/);

    const headers = { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: h.middleware };
    const shown = await eventually(async () => {
      const res = await h.http.post(`${h.middleware}/admin/timeline`, form({ identityNumber: MARTA }), { headers });
      expect(res.status).toBe(200);
      return String(res.data).includes('data-kind="assignment.applied"') ? String(res.data) : undefined;
    }, 'the applied entry on the page');
    const kinds = [...shown.matchAll(/data-kind="([^"]+)"/g)].map((m) => m[1]);
    expect(kinds).toEqual(['document.received', 'assignment.stored', 'planning.write', 'assignment.applied']);
    expect(shown).toContain('2xx');
    expect(shown).not.toMatch(/19380412|380412-5676|Märta|Öberg/);

    const refused = await h.http.post(`${h.middleware}/admin/timeline`, form({ identityNumber: 'Märta 1938' }), { headers, maxRedirects: 0 });
    expect([refused.status, refused.headers.location]).toEqual([303, '/admin?error=invalid']);
    const byKey = await h.http.get(`${h.middleware}/admin/journal`, { headers: { Cookie: cookie }, params: { key: 'assignmentId', value: ASSIGNMENT } });
    expect([...String(byKey.data).matchAll(/data-kind="([^"]+)"/g)].map((m) => m[1])).toEqual(['assignment.stored', 'planning.write', 'assignment.applied']);
    expect((await auditOf('timeline.read')).slice(0, 2).map((e) => [e.tokenName, e.outcome])).toEqual([
      ['demo-viewer', 'invalid'],
      ['demo-viewer', 'ok'],
    ]);

    // The raw document and the stored version are kept for redrive as long as the journal (7 days here), and no longer.
    const documentId = (await journal({ assignmentId: ASSIGNMENT })).data.entries[0].refs.documentId as string;
    const week = 7 * 24 * 3600;
    for (const key of [`${h.prefix}:data:doc:${documentId}`, `${h.prefix}:data:doc:${documentId}:meta`, `${h.prefix}:data:asgv:${ASSIGNMENT}:1`, `${h.prefix}:data:journal:stream`, `${h.prefix}:data:journal:ix:assignmentId:${ASSIGNMENT}`]) {
      const ttl = await h.redis.ttl(key);
      expect([key, ttl > week - 600 && ttl <= week]).toEqual([key, true]);
    }
  });
});
