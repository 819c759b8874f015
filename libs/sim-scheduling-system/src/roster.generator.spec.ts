import type { Shift } from '@brygga/domain';
import { DEMO_UNITS, MAX_EMPLOYEES_PER_UNIT, MIN_EMPLOYEES_PER_UNIT, employmentNumber } from './demo-staff';
import { generateRosters } from './roster.generator';
import { addDays, clocksChangeInNightAfter, isSkippedLocalTime, minutesOf } from './stockholm-time';

/** Spans both 2026 clock changes (29 March, 25 October). */
const WHOLE_SEASON = { seed: 2026, from: '2026-03-20', days: 230 };

/** Each time of a shift with the local date it falls on (after midnight: the next day). */
function shiftTimes(shift: Shift): Array<[string, string]> {
  const times = [shift.start, ...shift.breaks.flatMap((b) => [b.start, b.end]), shift.end];
  return times.map((t): [string, string] => [minutesOf(t) < minutesOf(shift.start) || (t === shift.end && t <= shift.start) ? addDays(shift.date, 1) : shift.date, t]);
}

/** Luxon per call is slow on a busy machine; a roster repeats few date-time pairs. */
const skippedCache = new Map<string, boolean>();
function skipped(date: string, time: string): boolean {
  const key = `${date}T${time}`;
  if (!skippedCache.has(key)) skippedCache.set(key, isSkippedLocalTime(date, time));
  return skippedCache.get(key) as boolean;
}

describe('generateRosters', () => {
  const rosters = generateRosters(WHOLE_SEASON);
  const everyone = rosters.flatMap((r) => r.employees);

  it('is deterministic per seed and differs between seeds', () => {
    expect(generateRosters(WHOLE_SEASON)).toEqual(rosters);
    expect(generateRosters({ ...WHOLE_SEASON, seed: 2027 })).not.toEqual(rosters);
  });

  it('rosters every demo unit with 6–10 staff carrying the shared employment numbers', () => {
    expect(rosters.map((r) => r.unit.id)).toEqual(DEMO_UNITS.map((u) => u.id));
    for (const roster of rosters) {
      // Lent staff (homeUnit set) are the home unit's people, listed after the unit's own.
      const own = roster.employees.filter((e) => e.homeUnit === undefined);
      expect(own.length).toBeGreaterThanOrEqual(MIN_EMPLOYEES_PER_UNIT);
      expect(own.length).toBeLessThanOrEqual(MAX_EMPLOYEES_PER_UNIT);
      own.forEach((e, i) => expect(e.employmentNumber).toBe(employmentNumber(roster.unit.id, i)));
      expect(new Set(roster.employees.map((e) => e.id)).size).toBe(roster.employees.length);
      expect(new Set(roster.employees.map((e) => e.employmentNumber)).size).toBe(roster.employees.length);
    }
  });

  it('lends one employee of each day team of the tenant to the night patrol, on nights free at home', () => {
    const byUnit = new Map(rosters.map((r) => [r.unit.id, r]));
    const lent = byUnit.get('NATT')?.employees.filter((e) => e.homeUnit !== undefined) ?? [];
    expect(lent.map((e) => e.homeUnit)).toEqual(['NORR-1', 'NORR-2', 'VAST-1']);
    for (const e of lent) {
      const home = byUnit.get(e.homeUnit ?? '')?.employees.find((h) => h.employmentNumber === e.employmentNumber);
      expect(home).toMatchObject({ id: e.id, firstName: e.firstName, qualification: e.qualification });
      expect(e.shifts.length).toBeGreaterThan(0);
      expect(e.shifts.every((s) => s.type === 'NATT')).toBe(true);
      const busy = new Set([...(home?.shifts ?? []), ...(home?.absences ?? [])].map((x) => x.date));
      for (const s of e.shifts) expect([busy.has(s.date), busy.has(addDays(s.date, 1))]).toEqual([false, false]);
    }
    for (const roster of rosters.filter((r) => r.unit.id !== 'NATT')) expect(roster.employees.some((e) => e.homeUnit !== undefined)).toBe(false);
  });

  it('varies the unit sizes across seeds', () => {
    const sizes = new Set<number>();
    for (let seed = 0; seed < 10; seed++) generateRosters({ seed, from: '2026-01-05', days: 1 }).forEach((r) => sizes.add(r.employees.length));
    expect(sizes.size).toBeGreaterThan(2);
  });

  it('uses Swedish names with å, ä, ö and mixes the qualifications', () => {
    expect(everyone.some((e) => /[åäöÅÄÖ]/.test(e.firstName + e.lastName))).toBe(true);
    expect(new Set(everyone.map((e) => e.qualification))).toEqual(new Set(['USK', 'VB', 'SSK']));
  });

  it('hands out valid and expired delegations, never to care assistants', () => {
    const delegations = everyone.flatMap((e) => e.delegations);
    expect(delegations.some((d) => d.validTo < WHOLE_SEASON.from)).toBe(true);
    expect(delegations.some((d) => d.validTo >= WHOLE_SEASON.from)).toBe(true);
    expect(new Set(delegations.map((d) => d.type))).toEqual(new Set(['lakemedel', 'insulin']));
    expect(everyone.filter((e) => e.qualification === 'VB').every((e) => e.delegations.length === 0)).toBe(true);
  });

  it('produces day, evening, split and night shifts as the contract shapes them', () => {
    const shifts = everyone.flatMap((e) => e.shifts);
    const shapes = new Set(shifts.map((s) => `${s.type} ${s.start}-${s.end}`));
    expect(shapes).toEqual(new Set(['DAG 07:00-16:00', 'DAG 08:00-16:30', 'KVÄLL 13:30-22:00', 'DELAD 07:00-11:00', 'DELAD 16:00-20:00', 'NATT 21:15-07:15']));
    for (const employee of everyone) {
      const splits = employee.shifts.filter((s) => s.type === 'DELAD');
      for (const split of splits) expect(splits.filter((s) => s.date === split.date)).toHaveLength(2);
    }
    const night = rosters.find((r) => r.unit.id === 'NATT');
    expect(night?.employees.flatMap((e) => e.shifts).every((s) => s.type === 'NATT' && s.breaks.length === 1)).toBe(true);
    expect(rosters.filter((r) => r.unit.id !== 'NATT').flatMap((r) => r.employees.flatMap((e) => e.shifts)).some((s) => s.type === 'NATT')).toBe(false);
  });

  it('staffs the nights the clocks change', () => {
    const night = rosters.find((r) => r.unit.id === 'NATT');
    const changeNights = ['2026-03-28', '2026-10-24'];
    changeNights.forEach((d) => expect(clocksChangeInNightAfter(d)).toBe(true));
    for (const date of changeNights) {
      expect(night?.employees.filter((e) => e.shifts.some((s) => s.date === date)).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('shows a split shift even in a one-day roster', () => {
    const oneDay = generateRosters({ seed: 5, from: '2026-06-01', days: 1 });
    expect(oneDay.flatMap((r) => r.employees.flatMap((e) => e.shifts)).some((s) => s.type === 'DELAD')).toBe(true);
  });

  it('would notice a time of the skipped spring hour', () => {
    expect(skipped('2026-03-29', '02:30')).toBe(true);
  });

  it('keeps breaks inside their shifts and never uses a time of the skipped spring hour', () => {
    for (const employee of everyone) {
      for (const shift of employee.shifts) {
        for (const [date, time] of shiftTimes(shift)) if (skipped(date, time)) throw new Error(`${shift.type} shift ${shift.date} uses skipped ${date} ${time}`);
        const since = (t: string) => (minutesOf(t) - minutesOf(shift.start) + 1440) % 1440;
        for (const b of shift.breaks) {
          expect(since(b.start)).toBeGreaterThan(0);
          expect(since(b.end)).toBeGreaterThan(since(b.start));
          expect(since(b.end)).toBeLessThan(since(shift.end) || 1440);
        }
      }
      for (const absence of employee.absences) {
        for (const t of [absence.from, absence.to]) if (t && skipped(absence.date, t)) throw new Error(`absence ${absence.date} uses skipped ${t}`);
      }
    }
  });

  it('gives whole-day and partial absences of every code', () => {
    const absences = everyone.flatMap((e) => e.absences);
    expect(absences.some((a) => a.from === undefined && a.to === undefined)).toBe(true);
    expect(absences.some((a) => a.from !== undefined && a.to !== undefined && a.from < a.to)).toBe(true);
    expect(new Set(absences.map((a) => a.code))).toEqual(new Set(['SJK', 'SEM', 'FPL', 'UTB', 'OVR']));
  });

  it('dates everything inside the period, at most one day plan per employee-day', () => {
    const last = addDays(WHOLE_SEASON.from, WHOLE_SEASON.days - 1);
    for (const roster of rosters) {
      expect([roster.periodStart, roster.periodEnd]).toEqual([WHOLE_SEASON.from, last]);
      for (const e of roster.employees) {
        for (const entry of [...e.shifts, ...e.absences]) expect(entry.date >= WHOLE_SEASON.from && entry.date <= last).toBe(true);
        const wholeDayAbsent = new Set(e.absences.filter((a) => !a.from).map((a) => a.date));
        expect(e.shifts.some((s) => wholeDayAbsent.has(s.date))).toBe(false);
      }
    }
  });
});
