import { Extent, TimeOfDay, TimeOfDayName, Weekday, WEEKDAYS } from '@brygga/domain';
import { SeededRandom } from '@brygga/sim-scheduling-system';

/**
 * How each intervention code of kodlista.md typically looks in a decision: its wording,
 * how often it is granted, its extent. Retired codes (HYG, MATL) stay rare on purpose.
 */
export interface InterventionProfile {
  code: string;
  names: readonly string[];
  /** Relative frequency among interventions. */
  weight: number;
  standardMinutes?: number;
  delegation?: string;
  doubleStaffingShare?: number;
  extent: (rng: SeededRandom) => Extent;
}

/** Minutes after midnight of each time of day's window (kodlista.md); natt wraps midnight. */
const WINDOWS: Record<TimeOfDayName, readonly [number, number]> = {
  morgon: [7 * 60, 10 * 60],
  förmiddag: [9 * 60, 11 * 60 + 30],
  lunch: [11 * 60, 13 * 60 + 30],
  eftermiddag: [13 * 60 + 30, 16 * 60],
  middag: [16 * 60, 18 * 60],
  kväll: [18 * 60, 22 * 60],
  natt: [22 * 60, 31 * 60],
};

const EXACT_TIME_SHARE = 0.15;

function time(rng: SeededRandom, name: TimeOfDayName): TimeOfDay {
  if (!rng.chance(EXACT_TIME_SHARE)) return { name };
  const [from, to] = WINDOWS[name];
  const minutes = (from + 15 * rng.int(0, Math.floor((to - from - 1) / 15))) % (24 * 60);
  return { name, exactTime: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}` };
}

/** Every day, one Tidpunkt per occasion, drawn in day order from the candidate names. */
function daily(candidates: readonly TimeOfDayName[], min: number, max: number): (rng: SeededRandom) => Extent {
  return (rng) => {
    const names = rng.sample(candidates, rng.int(min, Math.min(max, candidates.length)));
    return { kind: 'daily', occasions: names.length, times: names.map((n) => time(rng, n)) };
  };
}

/** Weekly; with fixed weekdays about half the time (then occasions = number of days). */
function weekly(min: number, max: number, everyOtherShare: number, candidates: readonly TimeOfDayName[]): (rng: SeededRandom) => Extent {
  return (rng) => {
    const occasions = rng.int(min, max);
    const intervalWeeks = rng.chance(everyOtherShare) ? 2 : 1;
    const weekdays: Weekday[] | undefined = rng.chance(0.5) ? rng.sample(WEEKDAYS, occasions) : undefined;
    const times = candidates.length > 0 && rng.chance(0.6) ? [time(rng, rng.pick(candidates))] : [];
    return { kind: 'weekly', occasions, intervalWeeks, weekdays, times };
  };
}

function monthly(min: number, max: number): (rng: SeededRandom) => Extent {
  return (rng) => ({ kind: 'monthly', occasions: rng.int(min, max), times: [] });
}

const asNeeded = (): Extent => ({ kind: 'asNeeded', times: [] });

function either(a: (rng: SeededRandom) => Extent, b: (rng: SeededRandom) => Extent, shareOfA: number): (rng: SeededRandom) => Extent {
  return (rng) => (rng.chance(shareOfA) ? a(rng) : b(rng));
}

const MEALS: readonly TimeOfDayName[] = ['lunch', 'middag'];
const CARE_DAY: readonly TimeOfDayName[] = ['morgon', 'lunch', 'middag', 'kväll'];
const MEDICATION: readonly TimeOfDayName[] = ['morgon', 'lunch', 'middag', 'kväll', 'natt'];

export const INTERVENTION_PROFILES: readonly InterventionProfile[] = [
  { code: 'PH', names: ['Personlig hygien', 'Hjälp med personlig hygien'], weight: 14, standardMinutes: 20, extent: daily(['morgon', 'kväll'], 1, 2) },
  { code: 'DUSCH', names: ['Dusch', 'Dusch med hjälp'], weight: 9, standardMinutes: 45, doubleStaffingShare: 0.3, extent: weekly(1, 2, 0, ['förmiddag', 'eftermiddag']) },
  { code: 'AVPA', names: ['Av- och påklädning'], weight: 8, standardMinutes: 15, extent: daily(['morgon', 'kväll'], 1, 2) },
  { code: 'TOA', names: ['Toalettbesök'], weight: 5, standardMinutes: 10, doubleStaffingShare: 0.15, extent: daily(CARE_DAY, 1, 4) },
  { code: 'FRU', names: ['Frukost'], weight: 7, standardMinutes: 15, extent: daily(['morgon'], 1, 1) },
  { code: 'MAT', names: ['Måltid, uppvärmning och servering', 'Måltid'], weight: 10, standardMinutes: 20, extent: daily(MEALS, 1, 2) },
  { code: 'KVM', names: ['Kvällsmål'], weight: 6, standardMinutes: 15, extent: daily(['kväll'], 1, 1) },
  { code: 'LAK', names: ['Läkemedelshjälp', 'Läkemedel, överlämnande'], weight: 10, standardMinutes: 5, delegation: 'lakemedel', extent: daily(MEDICATION, 1, 4) },
  { code: 'INSU', names: ['Insulingivning'], weight: 2, standardMinutes: 10, delegation: 'insulin', extent: daily(['morgon', 'kväll'], 1, 2) },
  { code: 'TILLSYN', names: ['Tillsyn', 'Tillsyn natt', 'Tillsynsbesök'], weight: 8, standardMinutes: 10, extent: daily(['förmiddag', 'eftermiddag', 'kväll', 'natt'], 1, 3) },
  { code: 'PROM', names: ['Promenad och utevistelse', 'Promenad'], weight: 4, standardMinutes: 30, extent: weekly(1, 2, 0.2, ['förmiddag', 'eftermiddag']) },
  { code: 'SAMV', names: ['Social samvaro'], weight: 3, standardMinutes: 30, extent: weekly(1, 3, 0, ['eftermiddag']) },
  { code: 'STAD', names: ['Städning'], weight: 9, standardMinutes: 60, extent: weekly(1, 1, 0.8, ['förmiddag']) },
  { code: 'TVATT', names: ['Tvätt'], weight: 5, standardMinutes: 60, extent: either(weekly(1, 1, 0.5, []), monthly(1, 2), 0.7) },
  { code: 'INK', names: ['Inköp', 'Inköp av dagligvaror'], weight: 8, standardMinutes: 45, extent: weekly(1, 1, 0, ['förmiddag', 'eftermiddag']) },
  { code: 'MATD', names: ['Matdistribution'], weight: 5, standardMinutes: 5, extent: weekly(1, 3, 0, ['lunch']) },
  { code: 'LEDS', names: ['Ledsagning'], weight: 3, standardMinutes: 60, extent: either(asNeeded, monthly(1, 2), 0.7) },
  { code: 'AVL', names: ['Avlösning i hemmet', 'Avlösning'], weight: 2, standardMinutes: 120, extent: either(monthly(2, 4), weekly(1, 1, 0, ['eftermiddag']), 0.6) },
  { code: 'LARM', names: ['Trygghetslarm, åtgärd vid larm'], weight: 4, extent: asNeeded },
  { code: 'HYG', names: ['Hygien'], weight: 0.3, standardMinutes: 20, extent: daily(['morgon', 'kväll'], 1, 2) },
  { code: 'MATL', names: ['Matlagning'], weight: 0.3, standardMinutes: 20, extent: daily(MEALS, 1, 1) },
];

export const PROFILE_BY_CODE: ReadonlyMap<string, InterventionProfile> = new Map(INTERVENTION_PROFILES.map((p) => [p.code, p]));

export const PROFILE_WEIGHTS: readonly (readonly [InterventionProfile, number])[] = INTERVENTION_PROFILES.map((p) => [p, p.weight]);
