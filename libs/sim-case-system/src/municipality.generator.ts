import { Assignment, Client, Decision, Intervention, KeyKind, Provider } from '@brygga/domain';
import { employmentNumber, MIN_EMPLOYEES_PER_UNIT } from '@brygga/sim-scheduling-system';
import { addDays, stockholmLocal } from './calendar';
import { randomIdentityNumber } from './identity-number.generator';
import { generateInterventions } from './intervention.generator';
import { SeededRandom } from '@brygga/sim-scheduling-system';
import { SimIds } from './sim-ids';
import { ASSESSORS, FIRST_NAMES, LANGUAGES, SURNAMES, UMEA_POSTAL_PREFIXES, UMEA_STREETS } from './swedish-names.data';

/**
 * Providers per demo-municipality.md, plus two this installation does not serve; about
 * half of all clients choose a private provider, as in Umeå.
 */
interface ProviderEntry {
  provider: Provider;
  weight: number;
  /** The scheduling unit whose staff can be fixed care contacts; none for providers not served. */
  team?: (postalCode: string) => string;
}

const PROVIDERS: readonly ProviderEntry[] = [
  { provider: { code: 'HT-NORR', name: 'Hemtjänst Norr', regi: 'kommunal' }, weight: 28, team: (pc) => (pc.startsWith('904') ? 'NORR-2' : 'NORR-1') },
  { provider: { code: 'HT-VÄST', name: 'Hemtjänst Väst', regi: 'kommunal' }, weight: 22, team: () => 'VAST-1' },
  { provider: { code: 'OMSORGSHUSET', name: 'Omsorgshuset i Umeå AB', regi: 'privat' }, weight: 30, team: () => 'OH-1' },
  { provider: { code: 'ATTENDO-UMEA', name: 'Attendo Umeå', regi: 'privat' }, weight: 12 },
  { provider: { code: 'HEMTJANSTKOMPANIET', name: 'Hemtjänstkompaniet i Umeå AB', regi: 'privat' }, weight: 8 },
];

const PROVIDER_WEIGHTS = PROVIDERS.map((p) => [p, p.weight] as const);
const KEY_KINDS: readonly (readonly [KeyKind, number])[] = [['digital', 40], ['fysisk', 45], ['ingen', 15]];

export const COORDINATION_NUMBER_SHARE = 0.01;
export const PROTECTED_IDENTITY_SHARE = 0.01;

export interface GenerationContext {
  rng: SeededRandom;
  ids: SimIds;
  /** Stockholm calendar date the generated history is relative to. */
  today: string;
  kalla: string;
  /** Identity numbers already in use: a client has one assignment per provider, not two people one number. */
  usedIdentities: Set<string>;
}

function digits(rng: SeededRandom, count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += String(rng.int(0, 9));
  return text;
}

function phoneNumber(rng: SeededRandom): string {
  return rng.chance(0.5) ? `090-${digits(rng, 6)}` : `07${rng.pick(['0', '2', '3', '6'])}-${digits(rng, 7)}`;
}

function generateClient(ctx: GenerationContext): Client {
  const { rng } = ctx;
  const thisYear = Number(ctx.today.slice(0, 4));
  const [minYear, maxYear] = rng.chance(0.85) ? [thisYear - 101, thisYear - 65] : [thisYear - 64, thisYear - 25];
  let identity = randomIdentityNumber(rng, minYear, maxYear, COORDINATION_NUMBER_SHARE);
  while (ctx.usedIdentities.has(identity.value)) identity = randomIdentityNumber(rng, minYear, maxYear, COORDINATION_NUMBER_SHARE);
  ctx.usedIdentities.add(identity.value);

  const postalCode = `${rng.weighted(UMEA_POSTAL_PREFIXES)} ${digits(rng, 2)}`;
  const street = `${rng.pick(UMEA_STREETS)} ${rng.int(1, 80)}${rng.chance(0.2) ? ` ${rng.pick(['A', 'B', 'C'])}` : ''}`;
  const client: Client = {
    identityNumber: identity.value,
    identityKind: identity.kind,
    protectedIdentity: rng.chance(PROTECTED_IDENTITY_SHARE),
    firstName: rng.pick(FIRST_NAMES),
    lastName: rng.pick(SURNAMES),
    address: { street, postalCode, city: 'Umeå' },
    key: { kind: rng.weighted(KEY_KINDS) },
  };
  if (rng.chance(0.35)) client.address.doorCode = digits(rng, 4);
  if (rng.chance(0.8)) client.phone = phoneNumber(rng);
  if (client.key.kind === 'digital') client.key.lockId = `LAS-${digits(rng, 5)}`;
  if (rng.chance(0.7)) client.safetyAlarm = rng.chance(0.7);
  if (rng.chance(0.4)) client.language = rng.weighted(LANGUAGES);
  return client;
}

function fixedCareContacts(rng: SeededRandom, team: string | undefined): string[] {
  if (!team) return [];
  const count = rng.weighted([[0, 30], [1, 55], [2, 15]] as const);
  const candidates = Array.from({ length: MIN_EMPLOYEES_PER_UNIT }, (_, i) => employmentNumber(team, i));
  return rng.sample(candidates, count);
}

function validTo(rng: SeededRandom, validFrom: string, today: string): string | undefined {
  if (rng.chance(0.6)) return undefined;
  const end = addDays(validFrom, rng.int(90, 730));
  const soonest = addDays(today, rng.int(30, 365));
  return end > soonest ? end : soonest;
}

function generateDecisions(ctx: GenerationContext, start: string, interventions: Intervention[]): Decision[] {
  const { rng, today } = ctx;
  const decidedBefore = (date: string): string => {
    const candidate = addDays(date, -rng.int(1, 10));
    return candidate < today ? candidate : today;
  };
  const legalBasis = rng.chance(0.9) ? 'SoL 4 kap. 1 §' : 'SoL 4 kap. 2 §';
  const split = interventions.length >= 2 && rng.chance(0.15) ? rng.int(1, interventions.length - 1) : interventions.length;
  const first: Decision = { id: ctx.ids.nextDecisionId(), decisionDate: decidedBefore(start), validFrom: start, legalBasis, interventions: interventions.slice(0, split) };
  first.validTo = validTo(rng, start, today);
  if (split === interventions.length) return [first];
  const laterFrom = addDays(start, rng.int(10, 200));
  const secondFrom = laterFrom < today ? laterFrom : start > today ? start : today;
  const second: Decision = { id: ctx.ids.nextDecisionId(), decisionDate: decidedBefore(secondFrom), validFrom: secondFrom, legalBasis, interventions: interventions.slice(split) };
  second.validTo = validTo(rng, secondFrom, today);
  return [first, second];
}

/** One client's assignment, version 1, as the case system would first export it. */
export function generateAssignment(ctx: GenerationContext): Assignment {
  const { rng, today } = ctx;
  const entry = rng.weighted(PROVIDER_WEIGHTS);
  const client = generateClient(ctx);
  const start = rng.chance(0.9) ? addDays(today, -rng.int(0, 900)) : addDays(today, rng.int(1, 14));
  const interventions = generateInterventions(rng, ctx.ids, { relativeName: rng.pick(FIRST_NAMES), relativePhone: phoneNumber(rng) });
  if (interventions.some((i) => i.code === 'LARM')) client.safetyAlarm = true;
  const decisions = generateDecisions(ctx, start, interventions);
  const lastDecided = decisions.map((d) => d.decisionDate).sort().at(-1) ?? today;
  return {
    sourceSystem: ctx.kalla,
    id: ctx.ids.nextAssignmentId(start.slice(0, 4)),
    version: 1,
    status: 'aktiv',
    startDate: start,
    changedAt: stockholmLocal(lastDecided, rng.int(8, 16), rng.int(0, 59)),
    provider: entry.provider,
    client,
    assessor: rng.pick(ASSESSORS),
    fixedCareContacts: fixedCareContacts(rng, entry.team?.(client.address.postalCode)),
    decisions,
  };
}

/** Generates `clients` assignments into the store; returns the last sequence number. */
export function generateMunicipality(
  store: { ids: SimIds; usedIdentities: Set<string>; appendAssignment(a: Assignment): number; lastSequence: number },
  clients: number,
  seed: number,
  today: string,
  kalla: string,
): number {
  const ctx: GenerationContext = { rng: new SeededRandom(seed), ids: store.ids, today, kalla, usedIdentities: store.usedIdentities };
  for (let i = 0; i < clients; i++) store.appendAssignment(generateAssignment(ctx));
  return store.lastSequence;
}
