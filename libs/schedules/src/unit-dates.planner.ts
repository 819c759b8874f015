import type { PlanningStaffDay } from '@brygga/domain';
import { mergeStaffDay, possiblyListed, type SchedulePlan } from '@brygga/mapping';
import { ContributionChange, contributionField, datesToApply, UnitDate } from './schedule-state.store';

type AppliedPlan = Extract<SchedulePlan, { outcome: 'apply' }>;

/** What one document changes of its unit's state, for the dates it may apply to. */
export interface UnitDatesDecision {
  /** The dates of the period no applied export of the unit with a higher or equal revision spoke for. */
  dates: string[];
  /** The unit's part of each employee-day on those dates: set for those it lists, removed for those it stopped listing. */
  changes: ContributionChange[];
  /** Revision and listing per applied date, recorded once everything was accepted. */
  record: Map<string, UnitDate>;
  /** Staff ids the unit listed on an applied date before and does not now. */
  removed: Set<string>;
  /** False when an applied export of the unit with a higher revision covers some date: its staff records are newer. */
  newest: boolean;
}

/** Everyone the document lists: applied staff and quarantined ones with a known staff id (their parts stay as they were). */
export function listedStaffIds(plan: AppliedPlan): string[] {
  return [...new Set([...plan.staff.map((s) => s.staffId), ...plan.quarantined.flatMap((q) => (q.employmentNumber ? [q.employmentNumber] : []))])].sort();
}

/**
 * Pure: from the document's plan and what the unit's exports applied before, what this one
 * changes. `reapply` (a requeue from quarantine): dates its own revision already applied
 * are decided again too, so an employee quarantined under the old rules is applied now.
 * `maybeListed`: employees an unrecorded apply of the unit may have written a day for;
 * listed before as far as removal goes, so their days are written again without its part.
 */
export function decideUnitDates(
  plan: AppliedPlan,
  periodDates: readonly string[],
  applied: Map<string, UnitDate>,
  reapply = false,
  maybeListed: ReadonlyMap<string, readonly string[]> = new Map(),
): UnitDatesDecision {
  const dates = datesToApply(applied, plan.revision, periodDates, reapply);
  const listed = listedStaffIds(plan);
  // A quarantined employee without a readable employment number might be anyone listed before: remove nobody.
  const unknownListed = plan.quarantined.some((q) => q.employmentNumber === undefined);
  const changes: ContributionChange[] = [];
  const record = new Map<string, UnitDate>();
  const removed = new Set<string>();
  for (const date of dates) {
    const before = possiblyListed(applied.get(date)?.staffIds, maybeListed.get(date));
    for (const s of plan.staff) changes.push({ staffId: s.staffId, date, day: nonEmpty(s.days[date]) });
    const gone = unknownListed ? [] : before.filter((id) => !listed.includes(id));
    for (const staffId of gone) {
      changes.push({ staffId, date, day: null });
      removed.add(staffId);
    }
    record.set(date, { revision: plan.revision, staffIds: unknownListed ? [...new Set([...before, ...listed])] : listed });
  }
  const newest = periodDates.every((date) => (applied.get(date)?.revision ?? 0) <= plan.revision);
  return { dates, changes, record, removed, newest };
}

/** A unit's part that holds nothing is not kept: it adds nothing to the merge. */
function nonEmpty(day: PlanningStaffDay | undefined): PlanningStaffDay | null {
  return day && (day.shifts.length > 0 || day.absences.length > 0) ? day : null;
}

/**
 * Each changed employee-day as it must now be: every unit's stored part, with this
 * unit's replaced by its change, merged by the mapping's rule.
 */
export function mergedDays(unitId: string, changes: readonly ContributionChange[], stored: Map<string, Map<string, PlanningStaffDay>>): Array<{ staffId: string; date: string; day: PlanningStaffDay }> {
  return changes.map(({ staffId, date, day }) => {
    const parts = new Map(stored.get(staffId) ?? []);
    if (day === null) parts.delete(contributionField(date, unitId));
    else parts.set(contributionField(date, unitId), day);
    const ofDate = [...parts].filter(([field]) => field.startsWith(`${date}|`)).map(([, part]) => part);
    return { staffId, date, day: mergeStaffDay(ofDate) };
  });
}
