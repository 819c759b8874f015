import type { PlanningStaffDay } from '@brygga/domain';
import type { SchedulePlan, StaffPlan } from '@brygga/mapping';
import type { UnitDate } from './schedule-state.store';
import { decideUnitDates, mergedDays } from './unit-dates.planner';

type AppliedPlan = Extract<SchedulePlan, { outcome: 'apply' }>;

const D1 = '2026-11-23';
const D2 = '2026-11-24';
const shift = (date: string, teamId: string, hour: string): PlanningStaffDay => ({ shifts: [{ start: `${date}T${hour}:00:00+01:00`, end: `${date}T23:00:00+01:00`, kind: 'DAG', teamId, breaks: [] }], absences: [] });
const off: PlanningStaffDay = { shifts: [], absences: [] };

function staffPlan(staffId: string, days: Record<string, PlanningStaffDay>): StaffPlan {
  return { staffId, staff: { employmentNumber: staffId, firstName: 'A', lastName: 'B', teamId: 'NORR-1', skills: [] }, days };
}

function plan(revision: number, staff: StaffPlan[], quarantined: AppliedPlan['quarantined'] = []): AppliedPlan {
  return { outcome: 'apply', tenant: 'kommunen', team: 'NORR-1', unitId: 'NORR-1', revision, rulesVersion: 'v', staff, quarantined };
}

describe('decideUnitDates', () => {
  it('first export: every date, a part per listed employee (empty ones removed), listing recorded', () => {
    const d = decideUnitDates(plan(3, [staffPlan('E1', { [D1]: shift(D1, 'NORR-1', '07'), [D2]: off })]), [D1, D2], new Map());
    expect(d.dates).toEqual([D1, D2]);
    expect(d.changes).toEqual([
      { staffId: 'E1', date: D1, day: shift(D1, 'NORR-1', '07') },
      { staffId: 'E1', date: D2, day: null },
    ]);
    expect(d.record).toEqual(new Map([[D1, { revision: 3, staffIds: ['E1'] }], [D2, { revision: 3, staffIds: ['E1'] }]]));
    expect(d.newest).toBe(true);
  });

  it('the same revision again: nothing, unless reapplied (a requeue from quarantine); a newer revision still wins', () => {
    const applied = new Map<string, UnitDate>([
      [D1, { revision: 7, staffIds: ['E1'] }],
      [D2, { revision: 8, staffIds: ['E1'] }],
    ]);
    const same = plan(7, [staffPlan('E1', { [D1]: off, [D2]: off })]);
    expect(decideUnitDates(same, [D1, D2], applied).dates).toEqual([]);
    expect(decideUnitDates(same, [D1, D2], applied, true).dates).toEqual([D1]);
  });

  it('a late older publish: only the dates no newer export spoke for; not the newest', () => {
    const applied = new Map<string, UnitDate>([[D2, { revision: 8, staffIds: ['E1'] }]]);
    const d = decideUnitDates(plan(7, [staffPlan('E1', { [D1]: off, [D2]: off })]), [D1, D2], applied);
    expect(d.dates).toEqual([D1]);
    expect(d.changes.map((c) => c.date)).toEqual([D1]);
    expect(d.newest).toBe(false);
  });

  it('an employee no longer listed loses this unit\'s part on the applied dates; a quarantined one keeps it', () => {
    const applied = new Map<string, UnitDate>([[D1, { revision: 2, staffIds: ['E1', 'E2', 'E3'] }]]);
    const d = decideUnitDates(plan(3, [staffPlan('E1', { [D1]: off })], [{ employeeId: 'TC-3', employmentNumber: 'E3', reason: { code: 'element.unexpected', text: 'r' } }]), [D1], applied);
    expect(d.changes).toEqual([
      { staffId: 'E1', date: D1, day: null },
      { staffId: 'E2', date: D1, day: null },
    ]);
    expect([...d.removed]).toEqual(['E2']);
    expect(d.record.get(D1)).toEqual({ revision: 3, staffIds: ['E1', 'E3'] });
  });

  it('an employee only an unrecorded apply of the unit listed (it may have written the day) loses the part all the same, on the dates applied', () => {
    const applied = new Map<string, UnitDate>([[D1, { revision: 2, staffIds: ['E1'] }]]);
    const maybeListed = new Map([[D1, ['E1', 'E4']], [D2, ['E5']]]);
    const d = decideUnitDates(plan(3, [staffPlan('E1', { [D1]: off, [D2]: off })]), [D1, D2], applied, false, maybeListed);
    expect(d.changes).toEqual([
      { staffId: 'E1', date: D1, day: null },
      { staffId: 'E4', date: D1, day: null },
      { staffId: 'E1', date: D2, day: null },
      { staffId: 'E5', date: D2, day: null },
    ]);
    expect([...d.removed].sort()).toEqual(['E4', 'E5']);
    expect(d.record.get(D1)).toEqual({ revision: 3, staffIds: ['E1'] });
  });

  it('a quarantined employee without a staff id might be anyone: nobody is removed, everyone stays listed', () => {
    const applied = new Map<string, UnitDate>([[D1, { revision: 2, staffIds: ['E2'] }]]);
    const d = decideUnitDates(plan(3, [], [{ employeeId: '#2', reason: { code: 'element.unexpected', text: 'r' } }]), [D1], applied);
    expect(d.changes).toEqual([]);
    expect(d.record.get(D1)).toEqual({ revision: 3, staffIds: ['E2'] });
  });
});

describe('mergedDays', () => {
  it("replaces this unit's part and merges it with the other units' parts of the same date", () => {
    const stored = new Map([['E1', new Map([[`${D1}|NATT`, shift(D1, 'NATT', '21')], [`${D1}|NORR-1`, shift(D1, 'NORR-1', '06')], [`${D2}|NATT`, shift(D2, 'NATT', '21')]])]]);
    const [one] = mergedDays('NORR-1', [{ staffId: 'E1', date: D1, day: shift(D1, 'NORR-1', '07') }], stored);
    expect(one.day.shifts.map((s) => [s.teamId, s.start])).toEqual([
      ['NORR-1', `${D1}T07:00:00+01:00`],
      ['NATT', `${D1}T21:00:00+01:00`],
    ]);
    const [gone] = mergedDays('NATT', [{ staffId: 'E1', date: D1, day: null }], stored);
    expect(gone.day.shifts.map((s) => s.teamId)).toEqual(['NORR-1']);
  });
});
