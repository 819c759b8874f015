import type { Employee, PlanningStaffDay, PlanningWrite } from '@brygga/domain';
import type { StaffPlan } from '@brygga/mapping';
import { contentHash, DayRecord, SentDay, SentStaff } from './schedule-state.store';

/** One write and what to record once the planning tool accepted it. */
export interface PlannedWrite {
  write: PlanningWrite;
  staff?: { staffId: string; sent: SentStaff };
  day?: DayRecord;
}

/** Last-sent state of an employee who was listed for these dates and is not any more. */
export interface RemovedStaff {
  staffId: string;
  days: Map<string, SentDay>;
}

export interface ScheduleWritesInput {
  unitId: string;
  staff: StaffPlan[];
  /** The parsed employees, by employment number (= staff id), for what the skills come from. */
  employees: Map<string, Employee>;
  sentStaff: Map<string, SentStaff>;
  sentDays: Map<string, Map<string, SentDay>>;
  removed: RemovedStaff[];
}

export interface ScheduleWriteCounts {
  staffWritten: number;
  daysWritten: number;
  daysUnchanged: number;
  daysEmptiedForRemoved: number;
}

const EMPTY_DAY: PlanningStaffDay = { shifts: [], absences: [] };

export const staffPath = (staffId: string) => `/staff/${encodeURIComponent(staffId)}`;
export const dayPath = (staffId: string, date: string) => `${staffPath(staffId)}/days/${date}`;

function isEmpty(day: PlanningStaffDay): boolean {
  return day.shifts.length === 0 && day.absences.length === 0;
}

/**
 * Only what changed since it was last sent, each staff record before its own days (the
 * planning tool answers 404 to a day of unknown staff). An empty day is written only
 * over a day this unit had filled: never-sent empty days equal days off already, and a
 * day filled by another unit's export is that unit's to clear.
 */
export function planScheduleWrites(input: ScheduleWritesInput): { writes: PlannedWrite[]; counts: ScheduleWriteCounts } {
  const writes: PlannedWrite[] = [];
  const counts: ScheduleWriteCounts = { staffWritten: 0, daysWritten: 0, daysUnchanged: 0, daysEmptiedForRemoved: 0 };
  for (const plan of input.staff) {
    const employee = input.employees.get(plan.staffId);
    if (!employee) throw new Error(`staff ${plan.staffId} is in the plan but not among the parsed employees`);
    const hash = contentHash(plan.staff);
    if (input.sentStaff.get(plan.staffId)?.hash !== hash) {
      const sent: SentStaff = { hash, unitId: input.unitId, staff: plan.staff, qualification: employee.qualification, delegations: employee.delegations };
      writes.push({ write: { method: 'PUT', path: staffPath(plan.staffId), body: plan.staff }, staff: { staffId: plan.staffId, sent } });
      counts.staffWritten++;
    }
    const sentDays = input.sentDays.get(plan.staffId) ?? new Map<string, SentDay>();
    for (const date of Object.keys(plan.days).sort()) {
      const day = plan.days[date];
      const dayHash = contentHash(day);
      const previous = sentDays.get(date);
      const empty = isEmpty(day);
      if (previous?.hash === dayHash || (empty && (!previous || previous.empty || previous.unitId !== input.unitId))) {
        counts.daysUnchanged++;
        continue;
      }
      writes.push({ write: { method: 'PUT', path: dayPath(plan.staffId, date), body: day }, day: { staffId: plan.staffId, date, day: { unitId: input.unitId, hash: dayHash, empty } } });
      counts.daysWritten++;
    }
  }
  const emptyHash = contentHash(EMPTY_DAY);
  for (const removed of input.removed) {
    for (const [date, previous] of [...removed.days].sort(([a], [b]) => a.localeCompare(b))) {
      if (previous.empty || previous.unitId !== input.unitId) continue;
      writes.push({
        write: { method: 'PUT', path: dayPath(removed.staffId, date), body: EMPTY_DAY },
        day: { staffId: removed.staffId, date, day: { unitId: input.unitId, hash: emptyHash, empty: true } },
      });
      counts.daysEmptiedForRemoved++;
    }
  }
  return { writes, counts };
}
