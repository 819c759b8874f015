import { contractsDir } from '@brygga/config';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_UNITS } from './demo-staff';
import { readScheduleXml } from './schedule-xml.reader';
import { RunningSim, startSim } from './scheduling-system-sim.test-helper';

const XSD = join(contractsDir(), 'scheduling-system', 'schedule-export-1.xsd');
/** Periods of at most 62 days: one over each 2026 clock change, one in plain winter. */
const PERIODS: ReadonlyArray<[string, string]> = [
  ['2026-03-01', '2026-05-01'],
  ['2026-10-01', '2026-11-30'],
  ['2026-12-20', '2027-01-10'],
];

function requireXmllint(): void {
  const probe = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (probe.error) throw new Error('xmllint is missing: install it with `apt-get install -y libxml2-utils` (Debian/Ubuntu) and rerun');
}

function xmllint(files: string[]): { status: number | null; output: string } {
  const run = spawnSync('xmllint', ['--noout', '--schema', XSD, ...files], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('exports validate against schedule-export-1.xsd (xmllint)', () => {
  let sim: RunningSim;
  let dir: string;

  beforeAll(async () => {
    requireXmllint();
    dir = mkdtempSync(join(tmpdir(), 'sched-xsd-'));
    sim = await startSim({ generate: { seed: 'xsd', from: '2026-03-01', days: 320 } });
  });
  afterAll(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is a real check: xmllint rejects a document that breaks the schema', () => {
    const file = join(dir, 'broken.xml');
    const example = readFileSync(join(contractsDir(), 'scheduling-system', 'examples', 'schedule-norr1.xml'), 'utf8');
    writeFileSync(file, example.replace('type="DAG"', 'type="DAY"'));
    expect(xmllint([file]).status).not.toBe(0);
  });

  it('holds for every unit over both clock changes, including the NATT nights of the change', async () => {
    const files: string[] = [];
    const nightShiftDates = new Set<string>();
    const homeUnits = new Set<string>();
    for (const unit of DEMO_UNITS) {
      for (const [from, to] of PERIODS) {
        const res = await sim.call('GET', `/api/schedules/${unit.id}?from=${from}&to=${to}`);
        expect(res.status).toBe(200);
        const file = join(dir, `${unit.id}-${from}.xml`);
        writeFileSync(file, res.text, 'utf8');
        files.push(file);
        if (unit.id === 'NATT') readScheduleXml(res.text).employees.forEach((e) => e.shifts.forEach((s) => nightShiftDates.add(s.date)));
        if (unit.id === 'NATT') readScheduleXml(res.text).employees.forEach((e) => e.homeUnit && homeUnits.add(e.homeUnit));
      }
    }
    expect(nightShiftDates).toContain('2026-03-28');
    expect(nightShiftDates).toContain('2026-10-24');
    // Lent staff are written with homeUnit, and the schema takes it.
    expect([...homeUnits].sort()).toEqual(['NORR-1', 'NORR-2', 'VAST-1']);
    const result = xmllint(files);
    expect(result.output).not.toMatch(/fails to validate|error/i);
    expect(result.status).toBe(0);
  });

  it('holds for changed shifts and posted examples sent back out', async () => {
    const files: string[] = [];
    const change = { unitId: 'NORR-2', employmentNo: 'E12000', date: '2026-03-10', start: '10:00', end: '18:30', type: 'KVÄLL' };
    expect((await sim.call('POST', '/_sim/change', { json: change })).status).toBe(200);
    const changed = await sim.call('GET', '/api/schedules/NORR-2?from=2026-03-01&to=2026-03-31');
    files.push(join(dir, 'changed.xml'));
    writeFileSync(files[0], changed.text, 'utf8');
    for (const name of ['schedule-norr1.xml', 'schedule-natt-dst.xml', 'schedule-natt-lan.xml']) {
      const xml = readFileSync(join(contractsDir(), 'scheduling-system', 'examples', name), 'utf8');
      const schedule = readScheduleXml(xml);
      expect((await sim.call('POST', '/_sim/schedules', { xml })).status).toBe(200);
      const back = await sim.call('GET', `/api/schedules/${schedule.unit.id}?from=${schedule.periodStart}&to=${schedule.periodEnd}`);
      const file = join(dir, `back-${name}`);
      writeFileSync(file, back.text, 'utf8');
      files.push(file);
    }
    const result = xmllint(files);
    expect(result.output).not.toMatch(/fails to validate|error/i);
    expect(result.status).toBe(0);
  });
});
