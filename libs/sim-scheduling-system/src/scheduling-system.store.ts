import type { Employee, Schedule, ScheduleUnit, Shift, ShiftType } from '@brygga/domain';
import { Injectable } from '@nestjs/common';
import { GenerateRequest, generateRosters } from './roster.generator';
import { minutesOf } from './stockholm-time';
import type { UnitRoster } from './unit-roster';

export interface ShiftChange {
  unitId: string;
  employmentNo: string;
  date: string;
  start: string;
  end: string;
  /** For a shift added on a day without one; an existing shift keeps its type unless given. */
  type?: ShiftType;
}

export type ShiftChangeOutcome =
  | { result: 'updated' | 'added'; shift: Shift }
  | { result: 'unknownUnit' }
  | { result: 'unknownEmployee' };

/**
 * The simulator's whole state, in memory. Revisions only ever grow, even across a
 * reset, so that a middleware that outlives a reset never sees a publish as stale.
 */
@Injectable()
export class SchedulingSystemStore {
  private readonly rosters = new Map<string, UnitRoster>();
  private readonly highestRevision = new Map<string, number>();

  reset(): void {
    this.rosters.clear();
  }

  units(): ScheduleUnit[] {
    return [...this.rosters.values()].map((r) => r.unit);
  }

  roster(unitId: string): UnitRoster | undefined {
    return this.rosters.get(unitId);
  }

  /** Replaces every demo unit's roster with a freshly generated one. */
  generate(request: GenerateRequest): UnitRoster[] {
    const generated = generateRosters(request);
    for (const roster of generated) {
      roster.revision = (this.highestRevision.get(roster.unit.id) ?? 0) + 1;
      this.save(roster);
    }
    return generated;
  }

  /** Takes a posted document as the unit's complete roster, at the document's revision. */
  putSchedule(schedule: Schedule): UnitRoster {
    const roster: UnitRoster = {
      unit: { ...schedule.unit },
      revision: schedule.revision,
      periodStart: schedule.periodStart,
      periodEnd: schedule.periodEnd,
      employees: structuredClone(schedule.employees),
    };
    this.save(roster);
    return roster;
  }

  /** The next revision of a unit, as a publish makes it. */
  bumpRevision(unitId: string): number {
    const roster = this.rosters.get(unitId);
    if (!roster) throw new Error(`unknown unit ${unitId}`);
    roster.revision = Math.max(roster.revision, this.highestRevision.get(unitId) ?? 0) + 1;
    this.highestRevision.set(unitId, roster.revision);
    return roster.revision;
  }

  /** The unit's export for a period: every employee, with what falls on the period's days. */
  exportFor(unitId: string, from: string, to: string, generated: string): Schedule | undefined {
    const roster = this.rosters.get(unitId);
    if (!roster) return undefined;
    const inPeriod = (entry: { date: string }) => entry.date >= from && entry.date <= to;
    return {
      generated,
      revision: roster.revision,
      periodStart: from,
      periodEnd: to,
      unit: { ...roster.unit },
      employees: roster.employees.map(
        (e): Employee => ({
          ...e,
          delegations: e.delegations.map((d) => ({ ...d })),
          shifts: e.shifts.filter(inPeriod).map((s) => ({ ...s, breaks: s.breaks.map((b) => ({ ...b })) })),
          absences: e.absences.filter(inPeriod).map((a) => ({ ...a })),
        }),
      ),
    };
  }

  /**
   * Changes the first shift of that day, or adds one (dropping a whole-day absence
   * it would contradict). Breaks that no longer lie inside the shift are dropped.
   */
  changeShift(change: ShiftChange): ShiftChangeOutcome {
    const roster = this.rosters.get(change.unitId);
    if (!roster) return { result: 'unknownUnit' };
    const employee = roster.employees.find((e) => e.employmentNumber === change.employmentNo);
    if (!employee) return { result: 'unknownEmployee' };
    const existing = employee.shifts.find((s) => s.date === change.date);
    if (existing) {
      existing.start = change.start;
      existing.end = change.end;
      existing.type = change.type ?? existing.type;
      existing.breaks = existing.breaks.filter((b) => breakInside(existing, b.start, b.end));
      return { result: 'updated', shift: existing };
    }
    const shift: Shift = { date: change.date, start: change.start, end: change.end, type: change.type ?? 'DAG', breaks: [] };
    employee.shifts.push(shift);
    employee.absences = employee.absences.filter((a) => a.date !== change.date || a.from !== undefined);
    return { result: 'added', shift };
  }

  private save(roster: UnitRoster): void {
    this.rosters.set(roster.unit.id, roster);
    this.highestRevision.set(roster.unit.id, Math.max(roster.revision, this.highestRevision.get(roster.unit.id) ?? 0));
  }
}

/** Minutes since the shift's start, so that night shifts past midnight compare correctly. */
function sinceStart(shift: Shift, time: string): number {
  const offset = minutesOf(time) - minutesOf(shift.start);
  return offset < 0 ? offset + 1440 : offset;
}

function breakInside(shift: Shift, start: string, end: string): boolean {
  const length = sinceStart(shift, shift.end) || 1440;
  const breakStart = sinceStart(shift, start);
  const breakEnd = sinceStart(shift, end);
  return breakStart > 0 && breakStart < breakEnd && breakEnd < length;
}
