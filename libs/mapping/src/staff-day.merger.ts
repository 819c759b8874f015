import type { PlanningStaffDay } from '@brygga/domain';

type DayShift = PlanningStaffDay['shifts'][number];
type DayAbsence = PlanningStaffDay['absences'][number];

/**
 * One employee's day in the planning tool from what each unit's latest export gives for
 * it (scheduling-system README, "An employee in more than one unit"): every shift, each
 * keeping the team of the unit that scheduled it, ordered by start; an absence that more
 * than one unit gives counts once. The result does not depend on the order of the
 * contributions, so the same parts always give the same body (and the same content hash).
 */
export function mergeStaffDay(contributions: readonly PlanningStaffDay[]): PlanningStaffDay {
  const shifts = contributions.flatMap((c) => c.shifts).sort(shiftOrder);
  const absences = new Map<string, DayAbsence>();
  for (const absence of contributions.flatMap((c) => c.absences)) {
    // Same instants and reason: one absence, whichever unit said it (instants, as offsets may be written differently).
    const key = `${Date.parse(absence.start)}|${Date.parse(absence.end)}|${absence.reason}`;
    if (!absences.has(key)) absences.set(key, absence);
  }
  return { shifts, absences: [...absences.values()].sort(absenceOrder) };
}

function shiftOrder(a: DayShift, b: DayShift): number {
  // Ties (two units scheduling the same start) are broken on end, then team, so order never depends on arrival.
  return instant(a.start, b.start) || instant(a.end, b.end) || (a.teamId ?? '').localeCompare(b.teamId ?? '') || (a.kind ?? '').localeCompare(b.kind ?? '');
}

function absenceOrder(a: DayAbsence, b: DayAbsence): number {
  return instant(a.start, b.start) || instant(a.end, b.end) || a.reason.localeCompare(b.reason);
}

function instant(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}
