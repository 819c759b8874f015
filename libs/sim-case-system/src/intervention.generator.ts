import { Intervention } from '@brygga/domain';
import { InterventionProfile, PROFILE_WEIGHTS } from './intervention-profiles.data';
import { SeededRandom } from '@brygga/sim-scheduling-system';
import { SimIds } from './sim-ids';

const GOALS: readonly string[] = [
  'Kunna bo kvar hemma tryggt.',
  'Känna sig ren och fräsch och själv välja kläder.',
  'Få näringsriktig mat på regelbundna tider.',
  'Behålla sin rörlighet och komma ut varje vecka.',
  'Bryta ensamheten och ha social kontakt.',
  'Ta rätt läkemedel i rätt tid.',
];

/** Free-text notes: some carry personal data on purpose, as real ones do. */
const NOTES: readonly ((relative: string, phone: string) => string)[] = [
  () => 'Använder rollator.',
  () => 'Hund i bostaden, ring på två gånger.',
  (relative, phone) => `Dotter ${relative} (${phone}) vill bli kontaktad vid förändring.`,
  () => 'Reservnyckel finns hos grannen på våning 2.',
  () => 'Hörselnedsättning, tala tydligt och vänd dig mot brukaren.',
  (relative) => `Maken ${relative} har demens och behöver också tillsyn.`,
];

export interface InterventionContext {
  relativeName: string;
  relativePhone: string;
}

export function generateIntervention(rng: SeededRandom, ids: SimIds, profile: InterventionProfile, ctx: InterventionContext): Intervention {
  const intervention: Intervention = {
    id: ids.nextInterventionId(),
    code: profile.code,
    name: rng.pick(profile.names),
    extent: profile.extent(rng),
    doubleStaffing: rng.chance(profile.doubleStaffingShare ?? 0.02),
  };
  if (profile.standardMinutes !== undefined && rng.chance(0.5)) {
    intervention.standardMinutes = rng.chance(0.8) ? profile.standardMinutes : profile.standardMinutes + 5 * rng.int(1, 4);
  }
  if (profile.delegation) intervention.delegation = profile.delegation;
  if (rng.chance(0.3)) intervention.goal = rng.pick(GOALS);
  if (rng.chance(0.2)) intervention.note = rng.pick(NOTES)(ctx.relativeName, ctx.relativePhone);
  return intervention;
}

/** 1–6 interventions with distinct codes. */
export function generateInterventions(rng: SeededRandom, ids: SimIds, ctx: InterventionContext): Intervention[] {
  const count = rng.weighted([[1, 15], [2, 25], [3, 25], [4, 20], [5, 10], [6, 5]] as const);
  const profiles: InterventionProfile[] = [];
  while (profiles.length < count) {
    const profile = rng.weighted(PROFILE_WEIGHTS);
    if (!profiles.includes(profile)) profiles.push(profile);
  }
  return profiles.map((p) => generateIntervention(rng, ids, p, ctx));
}

/** A profile whose code is not among `taken`, for churn's new interventions. */
export function pickNewProfile(rng: SeededRandom, taken: ReadonlySet<string>): InterventionProfile | undefined {
  for (let attempt = 0; attempt < 20; attempt++) {
    const profile = rng.weighted(PROFILE_WEIGHTS);
    if (!taken.has(profile.code)) return profile;
  }
  return undefined;
}
