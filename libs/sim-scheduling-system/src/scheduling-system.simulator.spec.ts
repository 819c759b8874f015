import { contractsDir } from '@brygga/config';
import type { Schedule } from '@brygga/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readScheduleXml } from './schedule-xml.reader';
import { RunningSim, TEST_TOKEN, startSim } from './scheduling-system-sim.test-helper';
import { schedulingSystemSimOptionsFromEnv } from './scheduling-system-sim.options';

const FIXED_NOW = new Date('2026-11-20T14:02:44Z');
const examples = ['schedule-norr1.xml', 'schedule-natt-dst.xml'].map((name) =>
  readFileSync(join(contractsDir(), 'scheduling-system', 'examples', name), 'utf8'),
);

/** Order-free comparison: the contract lets shifts and absences come in any order. */
function normalised(schedule: Schedule): unknown {
  const key = (v: unknown) => JSON.stringify(v);
  return {
    ...schedule,
    generated: undefined,
    employees: [...schedule.employees]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((e) => ({ ...e, shifts: e.shifts.map(key).sort(), absences: e.absences.map(key).sort(), delegations: e.delegations.map(key).sort() })),
  };
}

describe('scheduling-system simulator API', () => {
  let sim: RunningSim;
  let generatedRevision: Record<string, number>;

  beforeAll(async () => {
    sim = await startSim({ now: () => FIXED_NOW });
  });
  afterAll(async () => sim.close());
  beforeEach(async () => {
    expect((await sim.call('DELETE', '/_sim')).status).toBe(204);
    const res = await sim.call('POST', '/_sim/generate', { json: { seed: 1, from: '2026-11-02', days: 70 } });
    expect(res.status).toBe(200);
    const units = (JSON.parse(res.text) as { units: Array<{ unitId: string; revision: number }> }).units;
    generatedRevision = Object.fromEntries(units.map((u) => [u.unitId, u.revision]));
  });

  it('lists the units as XML', async () => {
    const res = await sim.call('GET', '/api/units');
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/xml/);
    expect(res.text).toContain('<Unit id="VAST-1" name="Hemtjänst Väst, arbetslag 1"/>');
    expect(res.text.match(/<Unit /g)).toHaveLength(5);
  });

  it('demands the bearer token on the vendor API', async () => {
    for (const token of [null, 'wrong-token', `${TEST_TOKEN}x`]) {
      expect((await sim.call('GET', '/api/units', { token })).status).toBe(401);
      expect((await sim.call('GET', '/api/schedules/NORR-1?from=2026-11-02&to=2026-11-08', { token })).status).toBe(401);
    }
  });

  it('answers 400 with a reason for bad periods and 404 for unknown units', async () => {
    const bad = ['', '?from=2026-11-02', '?to=2026-11-08', '?from=2026-11-31&to=2026-12-01', '?from=2026-11-09&to=2026-11-08', '?from=20261102&to=2026-11-08'];
    for (const query of bad) {
      const res = await sim.call('GET', `/api/schedules/NORR-1${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.text.length).toBeGreaterThan(0);
    }
    expect((await sim.call('GET', '/api/schedules/NOPE?from=2026-11-02&to=2026-11-08')).status).toBe(404);
  });

  it('exports at most 62 days, both ends counted', async () => {
    expect((await sim.call('GET', '/api/schedules/NORR-1?from=2026-11-02&to=2027-01-02')).status).toBe(200);
    const tooLong = await sim.call('GET', '/api/schedules/NORR-1?from=2026-11-02&to=2027-01-03');
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toMatch(/62 days/);
  });

  it('exports the whole unit for the period, at the current revision, stamped now', async () => {
    const res = await sim.call('GET', '/api/schedules/NATT?from=2026-11-05&to=2026-11-11');
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/xml; charset=utf-8/i);
    const schedule = readScheduleXml(res.text);
    expect(schedule).toMatchObject({ generated: '2026-11-20T15:02:44+01:00', revision: generatedRevision.NATT, periodStart: '2026-11-05', periodEnd: '2026-11-11' });
    expect(schedule.employees.length).toBeGreaterThanOrEqual(6);
    const dates = schedule.employees.flatMap((e) => [...e.shifts, ...e.absences].map((x) => x.date));
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.every((d) => d >= '2026-11-05' && d <= '2026-11-11')).toBe(true);
  });

  it('round-trips the shared examples', async () => {
    for (const xml of examples) {
      const original = readScheduleXml(xml);
      expect((await sim.call('POST', '/_sim/schedules', { xml })).status).toBe(200);
      const res = await sim.call('GET', `/api/schedules/${original.unit.id}?from=${original.periodStart}&to=${original.periodEnd}`);
      expect(res.status).toBe(200);
      const back = readScheduleXml(res.text);
      expect(normalised(back)).toEqual(normalised(original));
      expect(back.revision).toBe(original.revision);
    }
  });

  it('rejects a posted document that breaks the schema, without echoing personal data', async () => {
    const res = await sim.call('POST', '/_sim/schedules', { xml: examples[0].replace('<Qualification>USK', '<Qualification>LÄKARE') });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/Qualification: invalid value/);
    expect(res.text).not.toMatch(/Leila|Haddad/);
  });

  it('changes exactly one shift', async () => {
    const before = readScheduleXml((await sim.call('GET', '/api/schedules/NORR-1?from=2026-11-02&to=2026-11-30')).text);
    const employee = before.employees[1];
    const target = employee.shifts[0];
    const res = await sim.call('POST', '/_sim/change', { json: { unitId: 'NORR-1', employmentNo: employee.employmentNumber, date: target.date, start: '09:00', end: '15:00' } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ result: 'updated', shift: { date: target.date, start: '09:00', end: '15:00', type: target.type } });
    const after = readScheduleXml((await sim.call('GET', '/api/schedules/NORR-1?from=2026-11-02&to=2026-11-30')).text);
    const changed = after.employees[1].shifts.find((s) => s.date === target.date && s.start === '09:00');
    expect(changed?.end).toBe('15:00');
    const diffs = (a: Schedule, b: Schedule) => JSON.stringify(normalised(a)) === JSON.stringify(normalised(b));
    expect(diffs(before, after)).toBe(false);
    after.employees[1] = before.employees[1];
    expect(diffs(before, after)).toBe(true);
  });

  it('answers 404 when changing a shift of someone unknown and 400 for a bad time', async () => {
    expect((await sim.call('POST', '/_sim/change', { json: { unitId: 'NORR-1', employmentNo: 'E99999', date: '2026-11-03', start: '09:00', end: '15:00' } })).status).toBe(404);
    expect((await sim.call('POST', '/_sim/change', { json: { unitId: 'NORR-1', employmentNo: 'E11000', date: '2026-11-03', start: '9:00', end: '15:00' } })).status).toBe(400);
  });

  it('forgets everything on reset', async () => {
    expect((await sim.call('DELETE', '/_sim')).status).toBe(204);
    expect((await sim.call('GET', '/api/units')).text).not.toContain('<Unit ');
    expect((await sim.call('GET', '/api/schedules/NORR-1?from=2026-11-02&to=2026-11-08')).status).toBe(404);
  });

  it('checks the generate request', async () => {
    expect((await sim.call('POST', '/_sim/generate', { json: { seed: 1, from: '2026-13-01', days: 7 } })).status).toBe(400);
    expect((await sim.call('POST', '/_sim/generate', { json: { seed: 1, from: '2026-11-01', days: 0 } })).status).toBe(400);
    const res = await sim.call('POST', '/_sim/generate', { json: { seed: 'demo', from: '2026-11-01', days: 7 } });
    expect(JSON.parse(res.text)).toMatchObject({ from: '2026-11-01', to: '2026-11-07', days: 7 });
  });

  it('serves the same roster for the same seed', async () => {
    const get = async () => (await sim.call('GET', '/api/schedules/OH-1?from=2026-11-02&to=2026-11-20')).text;
    const first = await get();
    await sim.call('POST', '/_sim/generate', { json: { seed: 1, from: '2026-11-02', days: 70 } });
    // Revisions only grow, even across a reset: a regenerated roster is a new revision.
    const revision = generatedRevision['OH-1'];
    expect(await get()).toBe(first.replace(`revision="${revision}"`, `revision="${revision + 1}"`));
    await sim.call('POST', '/_sim/generate', { json: { seed: 2, from: '2026-11-02', days: 70 } });
    expect(readScheduleXml(await get()).employees).not.toEqual(readScheduleXml(first).employees);
  });
});

describe('schedulingSystemSimOptionsFromEnv', () => {
  it('takes SCHEDULING_SYSTEM_TOKEN, else the demo token', () => {
    expect(schedulingSystemSimOptionsFromEnv({ SCHEDULING_SYSTEM_TOKEN: 'abc' }).apiToken).toBe('abc');
    expect(schedulingSystemSimOptionsFromEnv({}).apiToken).toBe('schedule-api-demo-token');
    expect(schedulingSystemSimOptionsFromEnv({}).generate).toBeUndefined();
  });

  it('generates from the Stockholm date of today when given a seed', () => {
    const now = new Date('2026-11-22T23:30:00Z');
    expect(schedulingSystemSimOptionsFromEnv({ SCHEDULING_SYSTEM_SEED: '42' }, now).generate).toEqual({ seed: 42, from: '2026-11-23', days: 28 });
    expect(schedulingSystemSimOptionsFromEnv({ SCHEDULING_SYSTEM_SEED: 'demo', SCHEDULING_SYSTEM_DAYS: '7' }, now).generate).toEqual({ seed: 'demo', from: '2026-11-23', days: 7 });
    expect(() => schedulingSystemSimOptionsFromEnv({ SCHEDULING_SYSTEM_SEED: '1', SCHEDULING_SYSTEM_DAYS: 'x' }, now)).toThrow(/SCHEDULING_SYSTEM_DAYS/);
  });
});
