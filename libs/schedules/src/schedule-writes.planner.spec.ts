import type { PlanningStaff, PlanningStaffDay } from '@brygga/domain';
import { contentHash, SentDay } from './schedule-state.store';
import { planScheduleWrites, ScheduleWritesInput, StaffDayPlan } from './schedule-writes.planner';

const staff: PlanningStaff = { employmentNumber: 'E1', firstName: 'A', lastName: 'B', teamId: 'NORR-1', skills: ['USK'] };
const work: PlanningStaffDay = { shifts: [{ start: '2026-11-23T07:00:00+01:00', end: '2026-11-23T16:00:00+01:00', kind: 'DAG', teamId: 'NORR-1', breaks: [] }], absences: [] };
const off: PlanningStaffDay = { shifts: [], absences: [] };
const employee = { qualification: 'USK' as const, delegations: [] };

const sent = (day: PlanningStaffDay): SentDay => ({ hash: contentHash(day), empty: day.shifts.length + day.absences.length === 0 });
const day = (date: string, body: PlanningStaffDay, previous?: PlanningStaffDay, over: Partial<StaffDayPlan> = {}): StaffDayPlan => ({
  staffId: 'E1',
  date,
  day: body,
  previous: previous && sent(previous),
  removed: false,
  ...over,
});

function input(over: Partial<ScheduleWritesInput> = {}): ScheduleWritesInput {
  return {
    unitId: 'NORR-1',
    staff: [{ staffId: 'E1', staff, employee }],
    sentStaff: new Map(),
    days: [day('2026-11-23', work), day('2026-11-24', off)],
    ...over,
  };
}

describe('planScheduleWrites', () => {
  it('first time: the staff record first, then only the days with content', () => {
    const { writes, counts } = planScheduleWrites(input());
    expect(writes.map((w) => w.write.path)).toEqual(['/staff/E1', '/staff/E1/days/2026-11-23']);
    expect(counts).toEqual({ staffWritten: 1, daysWritten: 1, daysUnchanged: 1, daysWrittenForRemoved: 0 });
    expect(writes[0].staff?.sent).toMatchObject({ hash: contentHash(staff), unitId: 'NORR-1', qualification: 'USK' });
    expect(writes[1].day).toEqual({ staffId: 'E1', date: '2026-11-23', day: sent(work) });
  });

  it('nothing changed: nothing written', () => {
    const sentStaff = new Map([['E1', { hash: contentHash(staff), unitId: 'NATT', staff, qualification: 'USK' as const, delegations: [] }]]);
    expect(planScheduleWrites(input({ sentStaff, days: [day('2026-11-23', work, work), day('2026-11-24', off, off)] })).writes).toEqual([]);
  });

  it('a day that became empty is written empty, whichever unit filled it', () => {
    const paths = planScheduleWrites(input({ staff: [], days: [day('2026-11-23', off, work)] })).writes.map((w) => w.write.path);
    expect(paths).toEqual(['/staff/E1/days/2026-11-23']);
  });

  it('days of an employee the unit no longer lists are counted apart, staff records before any day', () => {
    const { writes, counts } = planScheduleWrites(input({ days: [day('2026-11-23', off, work, { staffId: 'E9', removed: true }), day('2026-11-24', work)] }));
    expect(writes.map((w) => w.write.path)).toEqual(['/staff/E1', '/staff/E1/days/2026-11-24', '/staff/E9/days/2026-11-23']);
    expect(counts).toMatchObject({ daysWritten: 1, daysWrittenForRemoved: 1 });
  });
});
