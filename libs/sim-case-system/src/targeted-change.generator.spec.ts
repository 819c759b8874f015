import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExport, simPerSpecFile, validateWithXsd } from './case-system-sim.test-harness';

type Uppdrag = Record<string, unknown> & { Utforare: Record<string, string>; Brukare: Record<string, unknown> };

/** POST /_sim/switch and /_sim/annul: a switch and an annulment of one of two, exactly where a test wants them. */
describe('targeted switch and annulment', () => {
  const sim = simPerSpecFile();
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'case-switch-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await sim.control('POST', '/generate', { clients: 20, seed: 3 });
  });

  async function feedAfter(efter: number, name: string): Promise<{ uppdrag: Uppdrag[]; file: string }> {
    const body = Buffer.from(await (await sim.feed(efter)).arrayBuffer());
    const file = join(dir, `${name}.xml`);
    await writeFile(file, body);
    return { uppdrag: parseExport(body.toString('utf8')).uppdrag as Uppdrag[], file };
  }

  async function firstOf(provider: string): Promise<Uppdrag> {
    const found = (await feedAfter(0, 'all')).uppdrag.find((u) => u.Utforare['@_kod'] === provider);
    if (!found) throw new Error(`no ${provider} assignment generated`);
    return found;
  }

  it('ends the assignment and starts the new provider the next day, in one export; annulling the new one leaves the old', async () => {
    const old = await firstOf('HT-NORR');
    const before = (await (await sim.control('GET', '/stats')).json()) as { sekvens: number };
    const res = await sim.control('POST', '/switch', { id: old['@_id'], provider: 'HT-VÄST', slutdatum: '2026-11-30', seed: 4 });
    expect(res.status).toBe(200);
    const result = (await res.json()) as { ended: { id: string }; started: { id: string; startdatum: string }; sekvens: number };
    expect(result).toMatchObject({ ended: { id: old['@_id'], version: 2, slutdatum: '2026-11-30' }, started: { version: 1, startdatum: '2026-12-01', provider: 'HT-VÄST' }, sekvens: before.sekvens + 2 });

    const switched = await feedAfter(before.sekvens, 'switched');
    expect(switched.uppdrag.map((u) => [u['@_id'], u['@_status']])).toEqual([[old['@_id'], 'avslutad'], [result.started.id, 'aktiv']]);
    const [ended, started] = switched.uppdrag;
    expect(ended['@_slutdatum']).toBe('2026-11-30');
    expect(started['@_startdatum']).toBe('2026-12-01');
    expect((started.Brukare.Personnummer ?? started.Brukare.Samordningsnummer)).toBe(ended.Brukare.Personnummer ?? ended.Brukare.Samordningsnummer);

    expect((await sim.control('POST', '/annul', { id: result.started.id })).status).toBe(200);
    const annulled = await feedAfter(before.sekvens, 'annulled');
    expect(annulled.uppdrag.map((u) => [u['@_id'], u['@_version'], u['@_status']])).toEqual([
      [old['@_id'], '2', 'avslutad'],
      [result.started.id, '2', 'makulerad'],
    ]);
    validateWithXsd([switched.file, annulled.file]);
  });

  it('refuses what the case system would not do', async () => {
    const old = await firstOf('OMSORGSHUSET');
    expect((await sim.control('POST', '/switch', { id: 'UPP-NONE', provider: 'HT-NORR' })).status).toBe(404);
    expect((await sim.control('POST', '/switch', { id: old['@_id'], provider: 'OMSORGSHUSET' })).status).toBe(400);
    expect((await sim.control('POST', '/switch', { id: old['@_id'], provider: 'NOPE' })).status).toBe(400);
    expect((await sim.control('POST', '/switch', { id: old['@_id'], provider: 'HT-NORR', slutdatum: '2026-02-30' })).status).toBe(400);
    expect((await sim.control('POST', '/switch', { id: old['@_id'], provider: 'HT-NORR' })).status).toBe(200);
    expect((await sim.control('POST', '/switch', { id: old['@_id'], provider: 'HT-VÄST' })).status).toBe(409);
    expect((await sim.control('POST', '/annul', { id: old['@_id'] })).status).toBe(200);
    expect((await sim.control('POST', '/annul', { id: old['@_id'] })).status).toBe(409);
  });
});
