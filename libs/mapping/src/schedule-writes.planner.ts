import type { Employee, PlanningOperationOf, PlanningStaff, PlanningStaffDay } from '@brygga/domain';
import type { MappingRules } from './mapping-rules.types';
import type { ContentHash, DayRecord, SentDay, SentStaff } from './sent-schedule.types';
import { staffSkills } from './staff-skills.mapper';

/** What the schedules flow writes: staff records and their days, never customers. */
export type StaffOperation = PlanningOperationOf<'putStaff' | 'putStaffDay'>;

/** One operation and what to record once the planning tool accepted it. */
export interface PlannedStaffWrite {
  operation: StaffOperation;
  staff?: { staffId: string; sent: SentStaff };
  day?: DayRecord;
  /**
   * What the planning tool may hold in its place as the diff saw it (recorded hash, then noted
   * ones), part of the write's Idempotency-Key. The tool answers a key it has seen from memory
   * without applying it again, so the same body sent again after another write replaced it (a
   * killed export run again after another unit's merge emptied the day) must not reuse the key.
   */
  replaces?: string;
}

/** A staff record the document gives, with the parsed employee its skills come from. */
export interface StaffRecordPlan {
  staffId: string;
  staff: PlanningStaff;
  employee: Pick<Employee, 'qualification' | 'delegations'>;
}

/** An employee-day as it must now be (the merge of every unit's part), and what was last sent for it. */
export interface StaffDayPlan {
  staffId: string;
  date: string;
  day: PlanningStaffDay;
  previous?: SentDay;
  /** Days an unrecorded earlier apply may have left standing (see RosterMaybeWritten): possibly present beside `previous`. */
  maybe?: readonly SentDay[];
  /** The unit no longer lists the employee on this date: its part went. */
  removed: boolean;
}

export interface ScheduleWritesInput {
  unitId: string;
  staff: StaffRecordPlan[];
  sentStaff: Map<string, SentStaff>;
  /** Staff record hashes an unrecorded earlier apply may have left standing, by staff id. */
  maybeStaff?: Map<string, readonly string[]>;
  days: StaffDayPlan[];
  contentHash: ContentHash;
}

export interface ScheduleWriteCounts {
  staffWritten: number;
  daysWritten: number;
  daysUnchanged: number;
  daysWrittenForRemoved: number;
}

function isEmpty(day: PlanningStaffDay): boolean {
  return day.shifts.length === 0 && day.absences.length === 0;
}

/** Nothing sent, as the planning tool sees it: a day never sent equals an empty one (expected/README.md). */
const NEVER_SENT: SentDay = { hash: '', empty: true };

/** The planning tool holds `hash` (an `empty` body) whichever of the possibly present versions it holds. */
function holdsAlready(possible: readonly SentDay[], hash: string, empty: boolean): boolean {
  return possible.every((p) => p.hash === hash || (empty && p.empty));
}

/** The possibly present versions as one string: the recorded one first (absent: ''), then the noted ones in their stored order. */
function replacing(possible: ReadonlyArray<string | undefined>): string {
  return possible.map((p) => p ?? '').join(',');
}

/**
 * Only what changed since it was last sent, every staff record before any day (the
 * planning tool answers 404 to a day of unknown staff). An empty day never sent is a day
 * off already, so it is not written. "Sent" is the recorded version and any an unrecorded
 * apply may have left (`maybe`): a body is skipped only when every one of them equals it.
 */
export function planScheduleWrites(input: ScheduleWritesInput): { writes: PlannedStaffWrite[]; counts: ScheduleWriteCounts } {
  const { contentHash } = input;
  const writes: PlannedStaffWrite[] = [];
  const counts: ScheduleWriteCounts = { staffWritten: 0, daysWritten: 0, daysUnchanged: 0, daysWrittenForRemoved: 0 };
  for (const plan of input.staff) {
    const hash = contentHash(plan.staff);
    const possible = [input.sentStaff.get(plan.staffId)?.hash, ...(input.maybeStaff?.get(plan.staffId) ?? [])];
    if (possible.every((p) => p === hash)) continue;
    const { qualification, delegations } = plan.employee;
    const sent: SentStaff = { hash, unitId: input.unitId, staff: plan.staff, qualification, delegations };
    writes.push({ operation: { kind: 'putStaff', staffId: plan.staffId, staff: plan.staff }, staff: { staffId: plan.staffId, sent }, replaces: replacing(possible) });
    counts.staffWritten++;
  }
  const days = [...input.days].sort((a, b) => a.staffId.localeCompare(b.staffId) || a.date.localeCompare(b.date));
  for (const { staffId, date, day, previous, maybe, removed } of days) {
    const hash = contentHash(day);
    const empty = isEmpty(day);
    const possible = [previous ?? NEVER_SENT, ...(maybe ?? [])];
    if (holdsAlready(possible, hash, empty)) {
      counts.daysUnchanged++;
      continue;
    }
    writes.push({ operation: { kind: 'putStaffDay', staffId, date, day }, day: { staffId, date, day: { hash, empty } }, replaces: replacing(possible.map((p) => p.hash)) });
    if (removed) counts.daysWrittenForRemoved++;
    else counts.daysWritten++;
  }
  return { writes, counts };
}

/**
 * The daily skills run for one staff member sent before: the record again with the
 * skills of `date` if they differ from those last sent (a delegation expired), else
 * nothing. Everything else stays as the export last sent it.
 */
export function planSkillsResend(
  staffId: string,
  sent: SentStaff,
  rules: Pick<MappingRules, 'qualificationSkills' | 'delegationSkillPrefix'>,
  date: string,
  contentHash: ContentHash,
): PlannedStaffWrite | undefined {
  const skills = staffSkills(sent, rules, date);
  if (JSON.stringify(skills) === JSON.stringify(sent.staff.skills)) return undefined;
  const staff = { ...sent.staff, skills };
  return { operation: { kind: 'putStaff', staffId, staff }, staff: { staffId, sent: { ...sent, staff, hash: contentHash(staff) } } };
}
