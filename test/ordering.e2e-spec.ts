import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { ADMIN, drained, flowCounters, harnessPerSpecFile, pushCaseExport, TODAY } from './support/e2e-harness';
import { customersOf, example } from './support/planning-state';
import { exportOf, personnummer, uppdrag } from './support/uppdrag-variants';

const ASSIGNMENTS = 12;
const VERSIONS = 8;

describe('ordering under concurrency, and redrive (real middleware, Redis and simulators)', () => {
  const h = harnessPerSpecFile({ ...TODAY, WORKER_CONCURRENCY: '32' });

  const push = (body: Buffer) => pushCaseExport(h, body);

  it('many versions of many assignments, shuffled, pushed at once to two worker processes: only the newest of each lands', async () => {
    await h.startAnother({ ...TODAY, ROLE: 'worker', WORKER_CONCURRENCY: '32', PORT: '0' });
    const docs: Buffer[] = [];
    for (let version = 1; version <= VERSIONS; version++) {
      // Each document carries one version of every assignment; each version has its own minutes.
      docs.push(exportOf(...Array.from({ length: ASSIGNMENTS }, (_, i) => uppdrag({ id: `UPP-ORD-${i}`, version, identityNumber: personnummer(i), minutes: 10 + version }))));
    }
    const shuffled = docs.map((d, i) => ({ d, k: (i * 7919) % VERSIONS })).sort((a, b) => a.k - b.k).map((x) => x.d);
    // Every document twice, all at once.
    const statuses = await Promise.all([...shuffled, ...shuffled.reverse()].map(push));
    expect(statuses.every((s) => s === 202)).toBe(true);
    await drained(h);

    const customers = await customersOf(h, 'kommunen');
    expect(Object.keys(customers)).toHaveLength(ASSIGNMENTS);
    for (const c of Object.values(customers)) {
      const order = c.serviceOrders['INS-1'] as { minutesPerVisit: number; source: { assignmentVersion: number } };
      expect(order.source.assignmentVersion).toBe(VERSIONS);
      expect(order.minutesPerVisit).toBe(10 + VERSIONS);
    }
    const stats = await flowCounters(h, 'interventions');
    expect(stats.received).toBe(2 * ASSIGNMENTS * VERSIONS);
    // Every version that ran either applied or was skipped; duplicates of a queued version were never queued twice.
    expect(stats.applied).toBeGreaterThanOrEqual(ASSIGNMENTS);
    expect(stats.applied).toBeLessThanOrEqual(ASSIGNMENTS * VERSIONS);
  });

  it('a failed job is listed with its reason and, once the cause is fixed, redriven to success', async () => {
    const dir = await mkdtemp('/tmp/brygga-redrive-');
    const rulesFile = join(dir, 'rules.yaml');
    const good = readFileSync('config/mapping-rules.yaml', 'utf8');
    writeFileSync(rulesFile, good.replace('activityCode: SERV-STAD', `activityCode: ${'SERV-STAD-'.repeat(5)}`));
    await h.fresh({ ...TODAY, MAPPING_RULES_FILE: rulesFile });
    expect(await push(example('uppdrag-ny.xml'))).toBe(202);
    await drained(h);
    const failed = (await h.http.get(`${h.middleware}/admin/api/jobs/failed?queue=assignments`, { headers: ADMIN })).data.items as Array<{ jobId: string; reasonCode: string; reason: string; ids: Record<string, unknown> }>;
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ reasonCode: 'planning-refused', reason: expect.stringMatching(/activityCode/) });
    expect(JSON.stringify(failed)).not.toMatch(/19380412|Märta|Öberg/);
    // Batch operations succeed or fail on their own: the rest of the assignment is planned,
    // the failing service order is not, and the job stays failed until it is redriven.
    const before = await customersOf(h, 'kommunen');
    expect(Object.keys(before['19380412-5676'].serviceOrders).sort()).toEqual(['INS-1', 'INS-2', 'INS-4']);

    // The operator fixes the rules (a restart here; SIGHUP or a file change in production) and redrives.
    writeFileSync(rulesFile, good);
    await h.startMiddleware({ ...TODAY, MAPPING_RULES_FILE: rulesFile });
    const redrive = await h.http.post(`${h.middleware}/admin/api/jobs/failed/redrive`, { filter: { queue: 'assignments' } }, { headers: ADMIN });
    expect(redrive.data).toEqual({ redriven: 1, skipped: 0 });
    await drained(h);
    const after = await customersOf(h, 'kommunen');
    expect(Object.keys(after['19380412-5676'].serviceOrders).sort()).toEqual(['INS-1', 'INS-2', 'INS-3', 'INS-4']);
    expect((await h.http.get(`${h.middleware}/admin/api/jobs/failed?queue=assignments`, { headers: ADMIN })).data).toEqual({ items: [] });
  });

  it('admin endpoints need an admin token', async () => {
    expect((await h.http.get(`${h.middleware}/admin/api/flows`)).status).toBe(401);
    expect((await h.http.get(`${h.middleware}/admin/api/flows`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('every route answers errors as application/problem+json: admin, inbound and unknown routes alike', async () => {
    const answers = await Promise.all([
      h.http.get(`${h.middleware}/admin/api/flows`),
      h.http.get(`${h.middleware}/admin/api/quarantine?flow=nope`, { headers: ADMIN }),
      h.http.post(`${h.middleware}/inbound/case-system`, '<x/>', { headers: { 'Content-Type': 'application/xml' } }),
      h.http.get(`${h.middleware}/no/such/route`),
    ]);
    expect(answers.map((a) => [a.status, String(a.headers['content-type']).split(';')[0], a.data.status, typeof a.data.title])).toEqual([
      [401, 'application/problem+json', 401, 'string'],
      [400, 'application/problem+json', 400, 'string'],
      [401, 'application/problem+json', 401, 'string'],
      [404, 'application/problem+json', 404, 'string'],
    ]);
    expect(answers[1].data.detail).toMatch(/flow must be one of interventions, schedules/);
  });
});
