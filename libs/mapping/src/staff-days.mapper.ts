import type { Absence, Employee, PlanningStaffDay, ReasonCode, Shift } from '@brygga/domain';
import { DateTime } from 'luxon';
import { resolveLocalInterval, resolveShiftTimes, resolveWholeDay } from './local-time.resolver';
import type { MappingRules } from './mapping-rules.types';

/** A shift or absence the planning tool cannot be given as it stands (dated outside the period, half a time span). */
export class StaffDayRuleError extends Error {
  constructor(
    readonly code: ReasonCode,
    readonly path: string,
    readonly rule: string,
  ) {
    super(rule);
    this.name = 'StaffDayRuleError';
  }
}

/** Every date from `from` to `to` inclusive (`YYYY-MM-DD`). */
export function datesOfPeriod(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = DateTime.fromISO(from, { zone: 'UTC' }); d.isValid && (d.toISODate() ?? '') <= to; d = d.plus({ days: 1 })) {
    dates.push(d.toISODate() ?? '');
  }
  return dates;
}

/**
 * The employee's days for the whole period, keyed by the local date a shift or absence
 * starts on. Every shift carries `teamId`, the team of the unit that scheduled it: a lent
 * employee's night in another unit is that unit's shift, whatever their home team. Throws SkippedLocalTimeError / LocalTimesOutOfOrderError / StaffDayRuleError;
 * the caller quarantines the employee, so no day of theirs is half-applied.
 */
export function staffDays(
  employee: Pick<Employee, 'shifts' | 'absences'>,
  period: { periodStart: string; periodEnd: string },
  rules: Pick<MappingRules, 'timeZone' | 'absenceReasons'>,
  teamId: string,
): Record<string, PlanningStaffDay> {
  const days: Record<string, PlanningStaffDay> = {};
  for (const date of datesOfPeriod(period.periodStart, period.periodEnd)) days[date] = { shifts: [], absences: [] };
  for (const shift of employee.shifts) dayOf(days, 'Shift', shift.date).shifts.push(mapShift(shift, rules.timeZone, teamId));
  for (const absence of employee.absences) dayOf(days, 'Absence', absence.date).absences.push(mapAbsence(absence, rules));
  for (const day of Object.values(days)) {
    day.shifts.sort(byStart);
    day.absences.sort(byStart);
  }
  return days;
}

function dayOf(days: Record<string, PlanningStaffDay>, what: 'Shift' | 'Absence', date: string): PlanningStaffDay {
  const day = days[date];
  // The document speaks only for its period; a day outside it would overwrite what another export owns.
  if (day === undefined) throw new StaffDayRuleError('schedule.outside-period', `Employee/${what}`, `${what} on ${date} lies outside the exported period`);
  return day;
}

function mapShift(shift: Shift, timeZone: string, teamId: string): PlanningStaffDay['shifts'][number] {
  const { start, end, breaks } = resolveShiftTimes(shift, timeZone);
  return { start, end, kind: shift.type, teamId, breaks };
}

function mapAbsence(absence: Absence, rules: Pick<MappingRules, 'timeZone' | 'absenceReasons'>): PlanningStaffDay['absences'][number] {
  if ((absence.from === undefined) !== (absence.to === undefined)) throw new StaffDayRuleError('time-span.incomplete', 'Employee/Absence', `Absence on ${absence.date} has only one of from and to`);
  const interval =
    absence.from !== undefined && absence.to !== undefined
      ? resolveLocalInterval(absence.date, absence.from, absence.to, rules.timeZone)
      : resolveWholeDay(absence.date, rules.timeZone);
  return { ...interval, reason: rules.absenceReasons[absence.code] };
}

function byStart(a: { start: string }, b: { start: string }): number {
  return Date.parse(a.start) - Date.parse(b.start);
}
