import type { Employee, ReasonCode, Schedule } from '@brygga/domain';
import { DateTime } from 'luxon';
import { mapSchedule, type ScheduleInput } from './schedule.mapper';
import type { SchedulePlan, StaffPlan } from './schedule-plan.types';
import { shippedMappingRules } from './schedule-rules.fixture';
import { staffSkills } from './staff-skills.mapper';

const rules = shippedMappingRules();
const TODAY = '2026-11-23';

function employee(over: Partial<Employee> & Pick<Employee, 'id' | 'employmentNumber'>): Employee {
  return { firstName: 'Åsa', lastName: 'Öhman', qualification: 'USK', delegations: [], shifts: [], absences: [], ...over };
}

function schedule(employees: Employee[], over: Partial<Schedule> = {}): Schedule {
  return {
    generated: '2026-11-20T15:02:44+01:00',
    revision: 7,
    periodStart: '2026-11-23',
    periodEnd: '2026-11-29',
    unit: { id: 'NORR-1', name: 'Hemtjänst Norr, arbetslag 1', costCenter: '4711' },
    employees,
    ...over,
  };
}

function applied(plan: SchedulePlan): Extract<SchedulePlan, { outcome: 'apply' }> {
  if (plan.outcome !== 'apply') throw new Error(`expected apply, got ${plan.outcome}`);
  return plan;
}

function only(plan: SchedulePlan, staffId: string): StaffPlan {
  const found = applied(plan).staff.find((s) => s.staffId === staffId);
  if (!found) throw new Error(`no staff ${staffId} in the plan`);
  return found;
}

const hours = (i: { start: string; end: string }) => DateTime.fromISO(i.end).diff(DateTime.fromISO(i.start), 'hours').hours;

describe('mapSchedule: the plan of a unit', () => {
  it('a unit the rules do not serve is not served, whatever it holds', () => {
    expect(mapSchedule(schedule([employee({ id: 'TC-1', employmentNumber: 'E1' })], { unit: { id: 'SODER-9', name: 'x', costCenter: '1' } }), rules, TODAY)).toEqual({ outcome: 'notServed', unitId: 'SODER-9' });
  });

  it('a served unit carries tenant, team, revision and the rules version', () => {
    const plan = applied(mapSchedule(schedule([], { unit: { id: 'OH-1', name: 'x', costCenter: '1' }, revision: 3 }), rules, TODAY));
    expect(plan).toEqual({ outcome: 'apply', tenant: 'omsorgshuset', team: 'OH-1', unitId: 'OH-1', revision: 3, rulesVersion: rules.version, staff: [], quarantined: [] });
  });

  it('every date of the period is a day, empty when off', () => {
    const plan = mapSchedule(schedule([employee({ id: 'TC-1', employmentNumber: 'E1', shifts: [{ date: '2026-11-25', start: '07:00', end: '16:00', type: 'DAG', breaks: [] }] })]), rules, TODAY);
    const days = only(plan, 'E1').days;
    expect(Object.keys(days)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    expect(days['2026-11-24']).toEqual({ shifts: [], absences: [] });
    expect(days['2026-11-25'].shifts).toEqual([{ start: '2026-11-25T07:00:00+01:00', end: '2026-11-25T16:00:00+01:00', kind: 'DAG', teamId: 'NORR-1', breaks: [] }]);
  });

  it('the staff record: employment number as id, the unit team, names', () => {
    const plan = mapSchedule(schedule([employee({ id: 'TC-1', employmentNumber: 'E10234' })], { unit: { id: 'NATT', name: 'Nattpatrullen', costCenter: '4790' } }), rules, TODAY);
    expect(only(plan, 'E10234').staff).toEqual({ employmentNumber: 'E10234', firstName: 'Åsa', lastName: 'Öhman', teamId: 'NATT', skills: ['USK'] });
  });
});

describe('mapSchedule: shifts and absences', () => {
  const cases: Array<{ name: string; employee: Partial<Employee>; date: string; day: unknown }> = [
    {
      name: 'a split shift is two shifts on one day, in time order',
      employee: { shifts: [{ date: '2026-11-27', start: '16:00', end: '20:00', type: 'DELAD', breaks: [] }, { date: '2026-11-27', start: '07:00', end: '11:00', type: 'DELAD', breaks: [] }] },
      date: '2026-11-27',
      day: { shifts: [{ start: '2026-11-27T07:00:00+01:00', end: '2026-11-27T11:00:00+01:00', kind: 'DELAD', teamId: 'NORR-1', breaks: [] }, { start: '2026-11-27T16:00:00+01:00', end: '2026-11-27T20:00:00+01:00', kind: 'DELAD', teamId: 'NORR-1', breaks: [] }], absences: [] },
    },
    {
      name: 'a whole-day absence runs midnight to midnight',
      employee: { absences: [{ date: '2026-11-25', code: 'SJK' }] },
      date: '2026-11-25',
      day: { shifts: [], absences: [{ start: '2026-11-25T00:00:00+01:00', end: '2026-11-26T00:00:00+01:00', reason: 'SICK' }] },
    },
    {
      name: 'a partial absence beside a shift',
      employee: { absences: [{ date: '2026-11-24', code: 'UTB', from: '08:00', to: '12:00' }], shifts: [{ date: '2026-11-24', start: '13:00', end: '17:00', type: 'DAG', breaks: [] }] },
      date: '2026-11-24',
      day: { shifts: [{ start: '2026-11-24T13:00:00+01:00', end: '2026-11-24T17:00:00+01:00', kind: 'DAG', teamId: 'NORR-1', breaks: [] }], absences: [{ start: '2026-11-24T08:00:00+01:00', end: '2026-11-24T12:00:00+01:00', reason: 'TRAINING' }] },
    },
    {
      name: 'absence codes map through the rules (SEM, FPL, OVR)',
      employee: { absences: [{ date: '2026-11-26', code: 'SEM', from: '06:00', to: '07:00' }, { date: '2026-11-26', code: 'FPL', from: '08:00', to: '09:00' }, { date: '2026-11-26', code: 'OVR', from: '10:00', to: '11:00' }] },
      date: '2026-11-26',
      day: { shifts: [], absences: [{ start: '2026-11-26T06:00:00+01:00', end: '2026-11-26T07:00:00+01:00', reason: 'VACATION' }, { start: '2026-11-26T08:00:00+01:00', end: '2026-11-26T09:00:00+01:00', reason: 'PARENTAL' }, { start: '2026-11-26T10:00:00+01:00', end: '2026-11-26T11:00:00+01:00', reason: 'OTHER' }] },
    },
  ];
  it.each(cases)('$name', ({ employee: over, date, day }) => {
    expect(only(mapSchedule(schedule([employee({ id: 'TC-1', employmentNumber: 'E1', ...over })]), rules, TODAY), 'E1').days[date]).toEqual(day);
  });

  it('the spring night: 21:15–07:15 on 2026-03-28 lasts 9 hours', () => {
    const s = schedule([employee({ id: 'TC-1', employmentNumber: 'E1', shifts: [{ date: '2026-03-28', start: '21:15', end: '07:15', type: 'NATT', breaks: [{ start: '01:00', end: '01:30' }] }] })], { periodStart: '2026-03-28', periodEnd: '2026-03-29' });
    const days = only(mapSchedule(s, rules, TODAY), 'E1').days;
    expect(days['2026-03-28'].shifts).toEqual([{ start: '2026-03-28T21:15:00+01:00', end: '2026-03-29T07:15:00+02:00', kind: 'NATT', teamId: 'NORR-1', breaks: [{ start: '2026-03-29T01:00:00+01:00', end: '2026-03-29T01:30:00+01:00' }] }]);
    expect(hours(days['2026-03-28'].shifts[0])).toBe(9);
    expect(days['2026-03-29']).toEqual({ shifts: [], absences: [] });
  });

  it.each([
    ['2026-03-29', 23, '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00'],
    ['2026-10-25', 25, '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00'],
  ])('a whole-day absence on %s lasts %d hours', (date, length, start, end) => {
    const s = schedule([employee({ id: 'TC-1', employmentNumber: 'E1', absences: [{ date, code: 'SEM' }] })], { periodStart: date, periodEnd: date });
    const [absence] = only(mapSchedule(s, rules, TODAY), 'E1').days[date].absences;
    expect(absence).toEqual({ start, end, reason: 'VACATION' });
    expect(hours(absence)).toBe(length);
  });
});

describe('mapSchedule: skills', () => {
  const cases: Array<[string, Partial<Employee>, string[]]> = [
    ['USK', { qualification: 'USK' }, ['USK']],
    ['VB', { qualification: 'VB' }, ['VB']],
    ['SSK implies USK', { qualification: 'SSK' }, ['SSK', 'USK']],
    ['a delegation valid today counts', { delegations: [{ type: 'insulin', validTo: TODAY }] }, ['DEL-INSULIN', 'USK']],
    ['a delegation expired yesterday does not', { delegations: [{ type: 'insulin', validTo: '2026-11-22' }] }, ['USK']],
    ['valid and expired side by side', { delegations: [{ type: 'lakemedel', validTo: '2027-03-31' }, { type: 'insulin', validTo: '2026-10-31' }] }, ['DEL-LAKEMEDEL', 'USK']],
    ['Swedish letters kept in capitals', { delegations: [{ type: 'läkemedel', validTo: '2027-01-01' }, { type: 'sårvård', validTo: '2027-01-01' }] }, ['DEL-LÄKEMEDEL', 'DEL-SÅRVÅRD', 'USK']],
    ['sorted, no duplicates', { qualification: 'SSK', delegations: [{ type: 'Insulin', validTo: '2027-01-01' }, { type: 'insulin', validTo: '2027-02-01' }] }, ['DEL-INSULIN', 'SSK', 'USK']],
  ];
  it.each(cases)('%s', (_name, over, skills) => {
    const e = employee({ id: 'TC-1', employmentNumber: 'E1', ...over });
    expect(staffSkills(e, rules, TODAY)).toEqual(skills);
    expect(only(mapSchedule(schedule([e]), rules, TODAY), 'E1').staff.skills).toEqual(skills);
  });

  it('the daily re-evaluation drops a delegation the day after it expires', () => {
    const e = employee({ id: 'TC-1', employmentNumber: 'E1', delegations: [{ type: 'insulin', validTo: '2026-11-30' }] });
    expect(staffSkills(e, rules, '2026-11-30')).toEqual(['DEL-INSULIN', 'USK']);
    expect(staffSkills(e, rules, '2026-12-01')).toEqual(['USK']);
  });
});

describe('mapSchedule: quarantine of one employee, the others apply', () => {
  const good = employee({ id: 'TC-GOOD', employmentNumber: 'E2', shifts: [{ date: '2026-03-28', start: '21:15', end: '07:15', type: 'NATT', breaks: [] }] });
  const spring = { periodStart: '2026-03-28', periodEnd: '2026-03-29' };
  const cases: Array<[string, Partial<Employee>, Partial<Schedule>, RegExp, ReasonCode]> = [
    ['a break in the skipped hour', { shifts: [{ date: '2026-03-28', start: '21:15', end: '07:15', type: 'NATT', breaks: [{ start: '02:15', end: '02:45' }] }] }, spring, /^employee TC-BAD: local time 2026-03-29 02:15 does not exist in Europe\/Stockholm/, 'local-time.skipped'],
    ['a shift starting in the skipped hour', { shifts: [{ date: '2026-03-29', start: '02:30', end: '07:00', type: 'NATT', breaks: [] }] }, spring, /^employee TC-BAD: .*2026-03-29 02:30/, 'local-time.skipped'],
    ['a partial absence in the skipped hour', { absences: [{ date: '2026-03-29', code: 'SJK', from: '01:00', to: '02:30' }] }, spring, /^employee TC-BAD: .*2026-03-29 02:30/, 'local-time.skipped'],
    ['a break outside its shift', { shifts: [{ date: '2026-03-28', start: '07:00', end: '16:00', type: 'DAG', breaks: [{ start: '17:00', end: '17:30' }] }] }, spring, /^employee TC-BAD: times on 2026-03-28 are out of order: shift end 16:00 is not after break end 17:30/, 'local-time.out-of-order'],
    ['a shift outside the period', { shifts: [{ date: '2026-03-30', start: '07:00', end: '16:00', type: 'DAG', breaks: [] }] }, spring, /^employee TC-BAD: Shift on 2026-03-30 lies outside the exported period/, 'schedule.outside-period'],
    ['an employment number the planning tool cannot take as id', { employmentNumber: 'EÅ1' }, spring, /^employee TC-BAD: employmentNo is not a valid planning-tool staff id/, 'mapping.invalid-staff-id'],
    ['a delegation skill too long for the planning tool', { delegations: [{ type: 'x'.repeat(37), validTo: '2027-01-01' }] }, spring, /^employee TC-BAD: a delegation gives a skill longer than 40 characters/, 'mapping.skill-too-long'],
  ];
  it.each(cases)('%s', (_name, over, period, reason, code) => {
    const bad = employee({ id: 'TC-BAD', employmentNumber: 'E1', firstName: 'Märta', lastName: 'Lind', ...over });
    const plan = applied(mapSchedule(schedule([bad, good], period), rules, TODAY));
    expect(plan.staff.map((s) => s.staffId)).toEqual(['E2']);
    expect(plan.quarantined).toHaveLength(1);
    expect(plan.quarantined[0]).toMatchObject({ employeeId: 'TC-BAD', employmentNumber: bad.employmentNumber });
    expect(plan.quarantined[0].reason).toMatchObject({ code, text: expect.stringMatching(reason) });
    expect(plan.quarantined[0].reason.text).not.toMatch(/Märta|Lind/);
    expect(hours(plan.staff[0].days['2026-03-28'].shifts[0])).toBe(9);
  });

  it('two employees sharing an employment number are both quarantined', () => {
    const plan = applied(mapSchedule(schedule([employee({ id: 'TC-1', employmentNumber: 'E1' }), employee({ id: 'TC-2', employmentNumber: 'E1' }), employee({ id: 'TC-3', employmentNumber: 'E3' })]), rules, TODAY));
    expect(plan.staff.map((s) => s.staffId)).toEqual(['E3']);
    expect(plan.quarantined.map((q) => q.employeeId)).toEqual(['TC-1', 'TC-2']);
    expect(plan.quarantined[0].reason).toMatchObject({ code: 'schedule.duplicate-employment-number', text: expect.stringMatching(/employmentNo is used by more than one employee/) });
  });

  it('employees the parser quarantined travel on into the plan', () => {
    const input: ScheduleInput = { ...schedule([employee({ id: 'TC-3', employmentNumber: 'E3' })]), quarantined: [{ employeeId: 'TC-9', employmentNumber: 'E9', reason: { code: 'value.not-allowed', path: 'Shift/@type', text: 'employee TC-9: Shift/@type is not one of DAG, KVÄLL, NATT, DELAD' } }] };
    const plan = applied(mapSchedule(input, rules, TODAY));
    expect(plan.quarantined).toEqual(input.quarantined);
    expect(plan.staff.map((s) => s.staffId)).toEqual(['E3']);
  });
});

describe('mapSchedule: lent staff (Employee/@homeUnit)', () => {
  const natt = { unit: { id: 'NATT', name: 'Nattpatrullen', costCenter: '4790' } };
  const night = { date: '2026-11-25', start: '21:15', end: '07:15', type: 'NATT' as const, breaks: [] };

  it.each([
    ['absent: the exporting unit', undefined, 'NATT'],
    ['the exporting unit itself', 'NATT', 'NATT'],
    ['another unit of the tenant', 'NORR-1', 'NORR-1'],
  ])('homeUnit %s gives the staff record that team; the shifts keep the exporting unit', (_what, homeUnit, staffTeam) => {
    const plan = mapSchedule(schedule([employee({ id: 'TC-1', employmentNumber: 'E1', homeUnit, shifts: [night] })], natt), rules, TODAY);
    const planned = only(plan, 'E1');
    expect(planned.staff.teamId).toBe(staffTeam);
    expect(planned.days['2026-11-25'].shifts.map((s) => s.teamId)).toEqual(['NATT']);
  });

  it.each([
    ['a unit the rules do not know', 'SODER-9', /^employee TC-1: homeUnit SODER-9 is not a unit in the mapping rules \(exported by unit NATT\)/, 'mapping.unknown-unit'],
    ['a unit of another tenant', 'OH-1', /^employee TC-1: homeUnit OH-1 is a unit of tenant omsorgshuset, the exporting unit NATT one of kommunen/, 'mapping.unit-other-tenant'],
  ])('homeUnit %s quarantines the employee, naming id and unit, never a guess', (_what, homeUnit, reason, code) => {
    const plan = applied(mapSchedule(schedule([employee({ id: 'TC-1', employmentNumber: 'E1', homeUnit, shifts: [night] }), employee({ id: 'TC-2', employmentNumber: 'E2' })], natt), rules, TODAY));
    expect(plan.staff.map((s) => s.staffId)).toEqual(['E2']);
    expect(plan.quarantined).toEqual([{ employeeId: 'TC-1', employmentNumber: 'E1', reason: { code, path: 'Employee/@homeUnit', text: expect.stringMatching(reason) } }]);
  });
});
