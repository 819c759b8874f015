import type { AbsenceCode, ScheduleBreak, ShiftType } from '@brygga/domain';
import type { SeededRandom } from './seeded-random';

/** A shift without its date: what one day of one employee's roster looks like. */
export interface ShiftTemplate {
  start: string;
  end: string;
  type: ShiftType;
  breaks: ScheduleBreak[];
}

export interface AbsenceTemplate {
  code: AbsenceCode;
  from?: string;
  to?: string;
}

export interface DayPlan {
  shifts: ShiftTemplate[];
  absences: AbsenceTemplate[];
}

export type DayPlanKind = 'off' | 'day' | 'evening' | 'split' | 'night' | 'absent' | 'partlyAbsent';

const ABSENCE_WEIGHTS: Readonly<Record<AbsenceCode, number>> = { SJK: 4, SEM: 3, FPL: 1, UTB: 1, OVR: 1 };
/** Partial absences are errands and courses; sick leave and vacation come as whole days. */
const PARTIAL_ABSENCE_WEIGHTS: Readonly<Record<AbsenceCode, number>> = { SJK: 1, SEM: 0, FPL: 0, UTB: 3, OVR: 2 };

/**
 * Every generated time lies between 07:00 and 01:45 the next morning, so none can fall
 * into the skipped spring hour (02:00–02:59), whichever night the clocks change.
 */
export const DAY_PLANS: Readonly<Record<DayPlanKind, (rng: SeededRandom) => DayPlan>> = {
  off: () => ({ shifts: [], absences: [] }),
  day: (rng) => {
    const late = rng.chance(0.25);
    return late
      ? { shifts: [{ start: '08:00', end: '16:30', type: 'DAG', breaks: [{ start: '12:00', end: '12:30' }] }], absences: [] }
      : { shifts: [{ start: '07:00', end: '16:00', type: 'DAG', breaks: [{ start: '11:30', end: '12:00' }] }], absences: [] };
  },
  evening: () => ({
    shifts: [{ start: '13:30', end: '22:00', type: 'KVÄLL', breaks: [{ start: '17:30', end: '18:00' }] }],
    absences: [],
  }),
  split: () => ({
    shifts: [
      { start: '07:00', end: '11:00', type: 'DELAD', breaks: [] },
      { start: '16:00', end: '20:00', type: 'DELAD', breaks: [] },
    ],
    absences: [],
  }),
  night: (rng) => {
    const breakStart = rng.pick(['00:45', '01:00', '01:15']);
    const breakEnd = { '00:45': '01:15', '01:00': '01:30', '01:15': '01:45' }[breakStart] as string;
    return { shifts: [{ start: '21:15', end: '07:15', type: 'NATT', breaks: [{ start: breakStart, end: breakEnd }] }], absences: [] };
  },
  absent: (rng) => ({ shifts: [], absences: [{ code: rng.weighted(ABSENCE_WEIGHTS) }] }),
  partlyAbsent: (rng) => {
    const code = rng.weighted(PARTIAL_ABSENCE_WEIGHTS);
    // A morning away is followed by an evening shift; an afternoon away by nothing.
    return rng.chance(0.5)
      ? { shifts: DAY_PLANS.evening(rng).shifts, absences: [{ code, from: '08:00', to: '12:00' }] }
      : { shifts: [], absences: [{ code, from: '13:00', to: '16:00' }] };
  },
};

/** How often each kind of day occurs, for day-and-evening teams and for the night team. */
export const DAY_TEAM_WEIGHTS: Readonly<Record<DayPlanKind, number>> = {
  off: 25, day: 33, evening: 20, split: 8, night: 0, absent: 8, partlyAbsent: 6,
};
export const WEEKEND_DAY_TEAM_WEIGHTS: Readonly<Record<DayPlanKind, number>> = {
  off: 55, day: 20, evening: 15, split: 4, night: 0, absent: 4, partlyAbsent: 2,
};
export const NIGHT_TEAM_WEIGHTS: Readonly<Record<DayPlanKind, number>> = {
  off: 45, day: 0, evening: 0, split: 0, night: 45, absent: 10, partlyAbsent: 0,
};
