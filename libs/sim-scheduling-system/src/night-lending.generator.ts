import type { Employee } from '@brygga/domain';
import { SeededRandom } from './seeded-random';
import { DAY_PLANS } from './shift-templates';
import { addDays } from './stockholm-time';
import type { UnitRoster } from './unit-roster';

export const NIGHT_UNIT_ID = 'NATT';
/** Day teams that lend to the night patrol: the night patrol's own tenant only (the rules refuse a home unit of another tenant). */
const LENDING_UNITS = ['NORR-1', 'NORR-2', 'VAST-1'];
/** Which of each day team's staff is lent: one that always exists, not the first (whose roster other demos lean on). */
const LENT_INDEX = 2;
const NIGHTS_PER_WEEK = 2;

/**
 * The night patrol partly staffed from the day teams (scheduling-system README, "An
 * employee in more than one unit"): one employee of each day team works a few nights
 * in the NATT unit, listed there with `homeUnit`. Only nights free in the home roster on
 * that day and the next are taken, so no two shifts of one person overlap.
 */
export function lendToNightPatrol(rosters: UnitRoster[], seed: number | string, from: string, days: number): void {
  const night = rosters.find((r) => r.unit.id === NIGHT_UNIT_ID);
  if (!night) return;
  // A stream of its own, so lending leaves every unit's own roster as the seed made it.
  const rng = new SeededRandom(`${String(seed)}:lent-nights`);
  for (const home of rosters.filter((r) => LENDING_UNITS.includes(r.unit.id))) {
    const employee = home.employees[LENT_INDEX];
    if (!employee) continue;
    const busy = new Set([...employee.shifts.map((s) => s.date), ...employee.absences.map((a) => a.date)]);
    const free = Array.from({ length: days }, (_, i) => addDays(from, i)).filter((date) => !busy.has(date) && !busy.has(addDays(date, 1)));
    const wanted = Math.max(1, Math.round((days / 7) * NIGHTS_PER_WEEK));
    const nights = rng.sample(free, wanted);
    if (nights.length === 0) continue;
    const lent: Employee = {
      ...employee,
      homeUnit: home.unit.id,
      delegations: employee.delegations.map((d) => ({ ...d })),
      shifts: nights.flatMap((date) => DAY_PLANS.night(rng).shifts.map((s) => ({ date, ...s, breaks: s.breaks.map((b) => ({ ...b })) }))),
      absences: [],
    };
    night.employees.push(lent);
  }
}
