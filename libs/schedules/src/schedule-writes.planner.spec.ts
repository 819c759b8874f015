import type { Employee, PlanningStaff, PlanningStaffDay } from '@brygga/domain';
import { contentHash, SentDay } from './schedule-state.store';
import { planScheduleWrites, ScheduleWritesInput } from './schedule-writes.planner';

const staff: PlanningStaff = { employmentNumber: 'E1', firstName: 'A', lastName: 'B', teamId: 'NORR-1', skills: ['USK'] };
const work: PlanningStaffDay = { shifts: [{ start: '2026-11-23T07:00:00+01:00', end: '2026-11-23T16:00:00+01:00', kind: 'DAG', breaks: [] }], absences: [] };
const off: PlanningStaffDay = { shifts: [], absences: [] };
const employee = { id: 'TC-1', employmentNumber: 'E1', qualification: 'USK', delegations: [] } as unknown as Employee;

function input(over: Partial<ScheduleWritesInput> = {}): ScheduleWritesInput {
  return {
    unitId: 'NORR-1',
    staff: [{ staffId: 'E1', staff, days: { '2026-11-23': work, '2026-11-24': off } }],
    employees: new Map([['E1', employee]]),
    sentStaff: new Map(),
    sentDays: new Map(),
    removed: [],
    ...over,
  };
}

const sent = (day: PlanningStaffDay, unitId = 'NORR-1'): SentDay => ({ unitId, hash: contentHash(day), empty: day.shifts.length + day.absences.length === 0 });

describe('planScheduleWrites', () => {
  it('first time: the staff record first, then only the days with content', () => {
    const { writes, counts } = planScheduleWrites(input());
    expect(writes.map((w) => w.write.path)).toEqual(['/staff/E1', '/staff/E1/days/2026-11-23']);
    expect(counts).toEqual({ staffWritten: 1, daysWritten: 1, daysUnchanged: 1, daysEmptiedForRemoved: 0 });
    expect(writes[0].staff?.sent).toMatchObject({ hash: contentHash(staff), unitId: 'NORR-1', qualification: 'USK' });
  });

  it('nothing changed: nothing written', () => {
    const sentStaff = new Map([['E1', { hash: contentHash(staff), unitId: 'NORR-1', staff, qualification: 'USK' as const, delegations: [] }]]);
    const sentDays = new Map([['E1', new Map([['2026-11-23', sent(work)]])]]);
    expect(planScheduleWrites(input({ sentStaff, sentDays })).writes).toEqual([]);
  });

  it('a day that became empty is written empty; one filled by another unit is left to that unit', () => {
    const sentDays = new Map([['E1', new Map([['2026-11-23', sent(work)], ['2026-11-24', sent(work, 'NORR-2')]])]]);
    const plan = input({ sentDays, staff: [{ staffId: 'E1', staff, days: { '2026-11-23': off, '2026-11-24': off } }] });
    const paths = planScheduleWrites(plan).writes.map((w) => w.write.path);
    expect(paths).toEqual(['/staff/E1', '/staff/E1/days/2026-11-23']);
  });

  it('a removed employee: days this unit filled are emptied, others left alone', () => {
    const removed = [{ staffId: 'E9', days: new Map([['2026-11-23', sent(work)], ['2026-11-24', sent(off)], ['2026-11-25', sent(work, 'NORR-2')]]) }];
    const { writes, counts } = planScheduleWrites(input({ staff: [], removed }));
    expect(writes.map((w) => [w.write.path, w.write.method === 'PUT' ? w.write.body : undefined])).toEqual([['/staff/E9/days/2026-11-23', off]]);
    expect(counts.daysEmptiedForRemoved).toBe(1);
  });
});
