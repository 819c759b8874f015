import { Address } from '@brygga/domain';
import { employmentNumber, MIN_EMPLOYEES_PER_UNIT, SeededRandom } from '@brygga/sim-scheduling-system';
import { addDays } from './calendar';
import { UMEA_POSTAL_PREFIXES, UMEA_STREETS } from './municipality.data';

/** Pieces of a generated client and assignment, shared by the first export and by provider switches. */
export function digits(rng: SeededRandom, count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += String(rng.int(0, 9));
  return text;
}

export function phoneNumber(rng: SeededRandom): string {
  return rng.chance(0.5) ? `090-${digits(rng, 6)}` : `07${rng.pick(['0', '2', '3', '6'])}-${digits(rng, 7)}`;
}

/** An Umeå address without a door code (the caller draws that later, keeping each seed's stream as it was). */
export function umeaAddress(rng: SeededRandom): Address {
  const postalCode = `${rng.weighted(UMEA_POSTAL_PREFIXES)} ${digits(rng, 2)}`;
  const street = `${rng.pick(UMEA_STREETS)} ${rng.int(1, 80)}${rng.chance(0.2) ? ` ${rng.pick(['A', 'B', 'C'])}` : ''}`;
  return { street, postalCode, city: 'Umeå' };
}

export const DOOR_CODE_SHARE = 0.35;

export function fixedCareContacts(rng: SeededRandom, team: string | undefined): string[] {
  if (!team) return [];
  const count = rng.weighted([[0, 30], [1, 55], [2, 15]] as const);
  const candidates = Array.from({ length: MIN_EMPLOYEES_PER_UNIT }, (_, i) => employmentNumber(team, i));
  return rng.sample(candidates, count);
}

/** A decision's end: open-ended in most cases, otherwise never already past. */
export function decisionValidTo(rng: SeededRandom, validFrom: string, today: string): string | undefined {
  if (rng.chance(0.6)) return undefined;
  const end = addDays(validFrom, rng.int(90, 730));
  const soonest = addDays(today, rng.int(30, 365));
  return end > soonest ? end : soonest;
}
