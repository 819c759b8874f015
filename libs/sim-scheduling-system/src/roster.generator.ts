import type { Delegation, Employee, Qualification } from '@brygga/domain';
import { DEMO_UNITS, DemoUnit, MAX_EMPLOYEES_PER_UNIT, MIN_EMPLOYEES_PER_UNIT, employmentNumber } from './demo-staff';
import { lendToNightPatrol, NIGHT_UNIT_ID } from './night-lending.generator';
import { SeededRandom } from './seeded-random';
import { DAY_PLANS, DAY_TEAM_WEIGHTS, DayPlanKind, NIGHT_TEAM_WEIGHTS, WEEKEND_DAY_TEAM_WEIGHTS } from './shift-templates';
import { addDays, clocksChangeInNightAfter, weekday } from './stockholm-time';
import { FIRST_NAMES, SURNAMES } from './swedish-names.data';
import type { UnitRoster } from './unit-roster';

export interface GenerateRequest {
  seed: number | string;
  /** First day, `YYYY-MM-DD`. */
  from: string;
  days: number;
}

/** How many of the night team always work the nights the clocks change, so every demo has one. */
const NIGHT_STAFF_ON_CLOCK_CHANGE = 2;
const NON_NURSE_WEIGHTS: Readonly<Record<'USK' | 'VB', number>> = { USK: 60, VB: 40 };

/** The schedulers' own staff id, distinct from the employment number on purpose. */
export function schedulingEmployeeId(unit: DemoUnit, index: number): string {
  return `TC-${String(unit.unitNo * 1000 + index).padStart(6, '0')}`;
}

/**
 * Rosters for every demo unit for `days` days from `from`, the same for the same seed.
 * Each unit has 6–10 staff of its own; the first always exist and carry the shared
 * employment numbers. The night patrol also lists a few day-team staff lent to it.
 */
export function generateRosters(request: GenerateRequest): UnitRoster[] {
  const rng = new SeededRandom(request.seed);
  const periodEnd = addDays(request.from, request.days - 1);
  const rosters = DEMO_UNITS.map((unit) => ({
    unit: { id: unit.id, name: unit.name, costCenter: unit.costCenter },
    revision: 1,
    periodStart: request.from,
    periodEnd,
    employees: generateStaff(rng, unit, request),
  }));
  lendToNightPatrol(rosters, request.seed, request.from, request.days);
  return rosters;
}

function generateStaff(rng: SeededRandom, unit: DemoUnit, request: GenerateRequest): Employee[] {
  const count = rng.int(MIN_EMPLOYEES_PER_UNIT, MAX_EMPLOYEES_PER_UNIT);
  const nurseIndex = rng.int(1, count - 1);
  const usedNames = new Set<string>();
  const staff: Employee[] = [];
  for (let index = 0; index < count; index++) {
    const qualification: Qualification = index === 0 ? 'USK' : index === nurseIndex ? 'SSK' : rng.weighted(NON_NURSE_WEIGHTS);
    const [firstName, lastName] = uniqueName(rng, usedNames);
    const employee: Employee = {
      id: schedulingEmployeeId(unit, index),
      employmentNumber: employmentNumber(unit.id, index),
      firstName,
      lastName,
      qualification,
      delegations: qualification === 'VB' ? [] : delegationsFor(rng, index, request.from),
      shifts: [],
      absences: [],
    };
    fillDays(rng, employee, unit.id === NIGHT_UNIT_ID, index, request);
    staff.push(employee);
  }
  return staff;
}

function uniqueName(rng: SeededRandom, used: Set<string>): [string, string] {
  for (;;) {
    const name: [string, string] = [rng.pick(FIRST_NAMES), rng.pick(SURNAMES)];
    const key = name.join(' ');
    if (!used.has(key)) {
      used.add(key);
      return name;
    }
  }
}

/**
 * The first employee of every unit holds a valid and an expired delegation, so every
 * roster exercises the expiry rule; the others get a random mix.
 */
function delegationsFor(rng: SeededRandom, index: number, from: string): Delegation[] {
  const valid = () => addDays(from, rng.int(30, 500));
  const expired = () => addDays(from, -rng.int(1, 120));
  if (index === 0) return [{ type: 'lakemedel', validTo: valid() }, { type: 'insulin', validTo: expired() }];
  const delegations: Delegation[] = [];
  if (rng.chance(0.7)) delegations.push({ type: 'lakemedel', validTo: rng.chance(0.2) ? expired() : valid() });
  if (rng.chance(0.35)) delegations.push({ type: 'insulin', validTo: rng.chance(0.25) ? expired() : valid() });
  return delegations;
}

function fillDays(rng: SeededRandom, employee: Employee, nightTeam: boolean, index: number, request: GenerateRequest): void {
  for (let day = 0; day < request.days; day++) {
    const date = addDays(request.from, day);
    const plan = DAY_PLANS[planKind(rng, nightTeam, index, day, date)](rng);
    for (const shift of plan.shifts) employee.shifts.push({ date, ...shift, breaks: shift.breaks.map((b) => ({ ...b })) });
    for (const absence of plan.absences) employee.absences.push({ date, ...absence });
  }
}

const clockChangeNights = new Map<string, boolean>();
/** Memoised: luxon zone arithmetic per employee-day would dominate generation time. */
function clockChangeNight(date: string): boolean {
  let changes = clockChangeNights.get(date);
  if (changes === undefined) {
    changes = clocksChangeInNightAfter(date);
    clockChangeNights.set(date, changes);
  }
  return changes;
}

function planKind(rng: SeededRandom, nightTeam: boolean, index: number, day: number, date: string): DayPlanKind {
  if (nightTeam) {
    if (index < NIGHT_STAFF_ON_CLOCK_CHANGE && clockChangeNight(date)) return 'night';
    return rng.weighted(NIGHT_TEAM_WEIGHTS);
  }
  // One split shift on the first day, so even a one-day roster shows a DELAD.
  if (index === 1 && day === 0) return 'split';
  return rng.weighted(weekday(date) >= 6 ? WEEKEND_DAY_TEAM_WEIGHTS : DAY_TEAM_WEIGHTS);
}
