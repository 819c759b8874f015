import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, drained, eventually, flowCounters, harnessPerSpecFile, quarantined, TODAY, TOKENS } from './support/e2e-harness';
import { customersOf, example, golden, goldenView, normalise } from './support/planning-state';
import { exportOf, personnummer, uppdrag } from './support/uppdrag-variants';

describe('interventions flow (real middleware, Redis and simulators over HTTP)', () => {
  const h = harnessPerSpecFile(TODAY);

  async function push(body: Buffer, contentType = 'application/xml'): Promise<{ status: number; data: Record<string, unknown> }> {
    const res = await h.http.post(`${h.middleware}/inbound/case-system`, body, {
      headers: { Authorization: `Bearer ${TOKENS.caseInbound}`, 'Content-Type': contentType },
      transformRequest: (d) => d,
    });
    return { status: res.status, data: res.data };
  }

  async function pushAll(...bodies: Buffer[]): Promise<void> {
    for (const body of bodies) {
      expect((await push(body)).status).toBe(202);
      await drained(h);
    }
  }

  async function stats(): Promise<Record<string, number>> {
    return flowCounters(h, 'interventions');
  }

  const goldenCases: Array<[string, string[]]> = [
    ['after-uppdrag-ny.json', ['uppdrag-ny.xml']],
    ['after-uppdrag-andrad.json', ['uppdrag-ny.xml', 'uppdrag-andrad.xml']],
    ['after-uppdrag-avslutad.json', ['uppdrag-ny.xml', 'uppdrag-andrad.xml', 'uppdrag-avslutad.xml']],
    ['after-uppdrag-latin1.json', ['uppdrag-latin1.xml']],
  ];

  describe.each(goldenCases)('%s', (file, docs) => {
    it('push, in order, gives exactly the golden state', async () => {
      await h.fresh(TODAY);
      await pushAll(...docs.map(example));
      const expected = golden(file);
      for (const [tenant, content] of Object.entries(expected.tenants)) {
        expect(await goldenView(h, tenant)).toEqual(normalise(content.customers));
      }
    });
  });

  it('the same through the pull feed', async () => {
    // No middleware polls the feed while it is filled; the one started below reads it.
    await h.stopMiddleware();
    await h.http.delete(`${h.caseSystem}/_sim`);
    for (const doc of ['uppdrag-ny.xml', 'uppdrag-andrad.xml', 'uppdrag-avslutad.xml']) {
      const res = await h.http.post(`${h.caseSystem}/_sim/assignments`, example(doc), { headers: { 'Content-Type': 'application/xml' }, transformRequest: (d) => d });
      expect(res.status).toBeLessThan(300);
    }
    await h.fresh({ ...TODAY, CASE_SYSTEM_POLL_SECONDS: '1' });
    const expected = normalise(golden('after-uppdrag-avslutad.json').tenants.kommunen.customers);
    await eventually(async () => ((JSON.stringify(await goldenView(h, 'kommunen')) === JSON.stringify(expected)) ? true : undefined), 'the feed to land');
    expect(await goldenView(h, 'kommunen')).toEqual(expected);
  });

  it("the case simulator's own push (UTF-8, UTF-8 with BOM and ISO-8859-1 documents) is accepted whole", async () => {
    await h.fresh(TODAY);
    await h.http.delete(`${h.caseSystem}/_sim`);
    const generated = (await h.http.post(`${h.caseSystem}/_sim/generate`, { clients: 60, seed: 7 })).data;
    const pushed = (await h.http.post(`${h.caseSystem}/_sim/push`, { url: `${h.middleware}/inbound/case-system`, token: TOKENS.caseInbound, batchSize: 5 })).data;
    expect(pushed).toMatchObject({ documents: 12, assignments: 60, failed: 0 });
    await drained(h);
    const s = await stats();
    expect(s.received).toBe(generated.clients);
    expect((s.applied ?? 0) + (s.notServed ?? 0) + (s.quarantined ?? 0)).toBe(generated.clients);
    expect(s.quarantined ?? 0).toBe(0);
  });

  it('the feed answering 429 with Retry-After: 2 is waited out, then pulled', async () => {
    await h.stopMiddleware();
    await h.http.delete(`${h.caseSystem}/_sim`);
    await h.http.post(`${h.caseSystem}/_sim/assignments`, example('uppdrag-ny.xml'), { headers: { 'Content-Type': 'application/xml' }, transformRequest: (d) => d });
    expect((await h.http.post(`${h.caseSystem}/_sim/faults`, { status: 429, count: 1, retryAfter: 2 })).status).toBeLessThan(300);
    const started = Date.now();
    await h.fresh({ ...TODAY, CASE_SYSTEM_POLL_SECONDS: '1' });
    await eventually(async () => ((await customersOf(h, 'kommunen'))['19380412-5676'] ? true : undefined), 'the feed to land after the 429');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  });

  it('the same through the file drop; .part files are left alone; a bad file is rejected with its reason', async () => {
    const dir = await import('node:fs/promises').then((fs) => fs.mkdtemp('/tmp/brygga-drop-'));
    await h.fresh({ ...TODAY, CASE_SYSTEM_DROP_DIR: dir });
    await h.http.delete(`${h.caseSystem}/_sim`);
    for (const doc of ['uppdrag-ny.xml', 'uppdrag-andrad.xml', 'uppdrag-avslutad.xml']) {
      await h.http.post(`${h.caseSystem}/_sim/assignments`, example(doc), { headers: { 'Content-Type': 'application/xml' }, transformRequest: (d) => d });
    }
    writeFileSync(join(dir, 'half-written.xml.part'), '<Uppdragsexport');
    writeFileSync(join(dir, 'zz-broken.xml'), '<NotAnExport/>');
    expect((await h.http.post(`${h.caseSystem}/_sim/drop`, { dir })).status).toBeLessThan(300);
    const expected = normalise(golden('after-uppdrag-avslutad.json').tenants.kommunen.customers);
    await eventually(async () => ((JSON.stringify(await goldenView(h, 'kommunen')) === JSON.stringify(expected)) ? true : undefined), 'the dropped files to land');
    const reason = await eventually(async () => readFileSync(join(dir, 'rejected', 'zz-broken.xml.reason.txt'), 'utf8'), 'the rejected file');
    expect(reason).toMatch(/root element must be Uppdragsexport/);
    expect(readFileSync(join(dir, 'half-written.xml.part'), 'utf8')).toBe('<Uppdragsexport');
  });

  it('out-of-order versions: the newest wins, the older is skipped as stale', async () => {
    await h.fresh(TODAY);
    await pushAll(example('uppdrag-andrad.xml'), example('uppdrag-ny.xml'));
    const expected = normalise(golden('after-uppdrag-andrad.json').tenants.kommunen.customers);
    expect(await goldenView(h, 'kommunen')).toEqual(expected);
    expect((await stats()).skippedStale).toBe(1);
  });

  it('triple delivery writes once', async () => {
    await h.fresh(TODAY);
    await pushAll(example('uppdrag-ny.xml'), example('uppdrag-ny.xml'), example('uppdrag-ny.xml'));
    const counts = (await h.http.get(`${h.planningTool}/_sim/kommunen/requests`)).data;
    expect(counts.byKind['PUT customer']).toBe(1);
    expect(Object.keys(await customersOf(h, 'kommunen'))).toEqual(['19380412-5676']);
  });

  it('an annulment removes the customer and its service orders', async () => {
    await h.fresh(TODAY);
    await pushAll(example('uppdrag-ny.xml'), exportOf(uppdrag({ id: 'UPP-2026-0417', version: 2, status: 'makulerad' })));
    expect(await customersOf(h, 'kommunen')).toEqual({});
  });

  it('an unknown code, a bad identity number and an unserved provider never hold back the good ones', async () => {
    await h.fresh(TODAY);
    const good = [1, 2, 3].map((n) => uppdrag({ id: `UPP-GOOD-${n}`, identityNumber: personnummer(n) }));
    const doc = exportOf(
      good[0],
      uppdrag({ id: 'UPP-BAD-CODE', identityNumber: personnummer(10), code: 'XYZ' }),
      good[1],
      uppdrag({ id: 'UPP-BAD-PNR', identityNumber: '19400101-1235' }),
      good[2],
      uppdrag({ id: 'UPP-OTHER', identityNumber: personnummer(11), provider: 'ATTENDO-UMEA' }),
    );
    await pushAll(doc);
    expect(Object.keys(await customersOf(h, 'kommunen')).sort()).toEqual([1, 2, 3].map(personnummer).sort());
    const s = await stats();
    expect(s).toMatchObject({ applied: 3, notServed: 1, quarantined: 2, 'quarantined:mapping.unknown-intervention-code': 1, 'quarantined:identity-number.check-digit': 1 });
    const quarantine = await quarantined(h, 'interventions');
    const byRef = Object.fromEntries(quarantine.map((q) => [q.ref, q.reasons.map((r) => r.text).join('; ')]));
    const codesOf = Object.fromEntries(quarantine.map((q) => [q.ref, q.reasons.map((r) => r.code)]));
    expect(codesOf).toMatchObject({ 'UPP-BAD-CODE': ['mapping.unknown-intervention-code'], 'UPP-BAD-PNR': ['identity-number.check-digit'] });
    expect(byRef['UPP-BAD-CODE']).toMatch(/XYZ/);
    expect(byRef['UPP-BAD-PNR']).toMatch(/Personnummer.*(Luhn|check digit)/i);
    // No personal data in reasons: no identity numbers, no names.
    expect(JSON.stringify(quarantine)).not.toMatch(/19400101|Märta|Öberg|Storgatan/);
  });

  it('the planning tool answering 503 five times: retried until it lands', async () => {
    // The fifth 503 opens the tenant's breaker: its probe comes after 1 s rather than the default 5 (the same path, less waiting).
    await h.fresh({ ...TODAY, TENANT_BREAKER_MIN_PROBE_SECONDS: '1' });
    await h.http.post(`${h.planningTool}/_sim/faults`, { tenant: 'kommunen', status: 503, count: 5 });
    await pushAll(example('uppdrag-ny.xml'));
    expect(Object.keys(await customersOf(h, 'kommunen'))).toEqual(['19380412-5676']);
    const counts = (await h.http.get(`${h.planningTool}/_sim/kommunen/requests`)).data;
    expect(counts.byMethodStatus['POST 503'] ?? counts.byMethodStatus['PUT 503']).toBeGreaterThanOrEqual(1);
  });

  it('429 with Retry-After: 2 is honoured before the retry', async () => {
    await h.fresh(TODAY);
    await h.http.post(`${h.planningTool}/_sim/faults`, { tenant: 'kommunen', status: 429, count: 1, retryAfter: 2 });
    const started = Date.now();
    await pushAll(example('uppdrag-ny.xml'));
    expect(Object.keys(await customersOf(h, 'kommunen'))).toEqual(['19380412-5676']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  });

  it('a 400 from the planning tool fails the job at once, with the Problem title and fields as its reason', async () => {
    const rulesFile = join(await import('node:fs/promises').then((fs) => fs.mkdtemp('/tmp/brygga-rules-')), 'rules.yaml');
    writeFileSync(rulesFile, readFileSync('config/mapping-rules.yaml', 'utf8').replace('activityCode: SERV-STAD', `activityCode: ${'SERV-STAD-'.repeat(5)}`));
    await h.fresh({ ...TODAY, MAPPING_RULES_FILE: rulesFile });
    await pushAll(example('uppdrag-ny.xml'));
    const failed = (await h.http.get(`${h.middleware}/admin/api/jobs/failed?queue=assignments`, { headers: ADMIN })).data.items as Array<{ reasonCode: string; reason: string; attemptsMade: number }>;
    expect(failed).toHaveLength(1);
    expect(failed[0].reasonCode).toBe('planning-refused');
    expect(failed[0].reason).toMatch(/400.*activityCode/);
    expect(failed[0].attemptsMade).toBe(1);
    const counts = (await h.http.get(`${h.planningTool}/_sim/kommunen/requests`)).data;
    // One batch, never sent again: a permanent failure is not retried.
    expect(counts.byKind['POST batch']).toBe(1);
  });

  it('inbound answers 401, 415, 413 and 400 with reasons, and accepts ISO-8859-1 as text/xml', async () => {
    const bad = await h.http.post(`${h.middleware}/inbound/case-system`, example('uppdrag-ny.xml'), { headers: { Authorization: 'Bearer nope', 'Content-Type': 'application/xml' } });
    expect(bad.status).toBe(401);
    expect((await push(example('uppdrag-ny.xml'), 'application/json')).status).toBe(415);
    expect((await push(Buffer.alloc(11 * 1024 * 1024, 0x20))).status).toBe(413);
    const notXml = await push(Buffer.from('hello'));
    expect(notXml.status).toBe(400);
    expect(notXml.data.detail).toMatch(/not well-formed/);
    const wrongNs = await push(Buffer.from('<Uppdragsexport xmlns="urn:other" skapad="2026-11-20T06:00:12+01:00" sekvens="1" kalla="x"/>'));
    expect(wrongNs.data.detail).toMatch(/namespace/);
    const mismatch = await push(example('uppdrag-latin1.xml'), 'application/xml; charset=UTF-8');
    expect(mismatch.status).toBe(400);
    expect(mismatch.data.detail).toMatch(/charset UTF-8 disagrees with .* ISO-8859-1/);
    expect((await push(example('uppdrag-ny.xml'), 'application/xml; charset=utf-8')).status).toBe(202);
    const latin1 = await push(example('uppdrag-latin1.xml'), 'text/xml; charset=ISO-8859-1');
    expect(latin1.status).toBe(202);
    expect(latin1.data.documentId).toEqual(expect.any(String));
  });
});
