import { Assignment, Client, Decision, Intervention, KeyKind } from '@brygga/domain';
import { FIRST_NAMES, SeededRandom, SURNAMES } from '@brygga/sim-scheduling-system';
import { addDays, stockholmLocal } from './calendar';
import { decisionValidTo, digits, DOOR_CODE_SHARE, fixedCareContacts, phoneNumber, umeaAddress } from './client-details.generator';
import { randomIdentityNumber } from './identity-number.generator';
import { generateInterventions } from './intervention.generator';
import { pickSwitchTarget, switchProvider } from './provider-switch.generator';
import { PROVIDER_WEIGHTS, switchScope, SwitchScope } from './providers.data';
import { SimIds } from './sim-ids';
import { ASSESSORS, LANGUAGES } from './municipality.data';

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

function generateClient(ctx: GenerationContext): Client {
  const { rng } = ctx;
  const thisYear = Number(ctx.today.slice(0, 4));
  const [minYear, maxYear] = rng.chance(0.85) ? [thisYear - 101, thisYear - 65] : [thisYear - 64, thisYear - 25];
  let identity = randomIdentityNumber(rng, minYear, maxYear, COORDINATION_NUMBER_SHARE);
  while (ctx.usedIdentities.has(identity.value)) identity = randomIdentityNumber(rng, minYear, maxYear, COORDINATION_NUMBER_SHARE);
  ctx.usedIdentities.add(identity.value);

  const address = umeaAddress(rng);
  const client: Client = {
    identityNumber: identity.value,
    identityKind: identity.kind,
    protectedIdentity: rng.chance(PROTECTED_IDENTITY_SHARE),
    firstName: rng.pick(FIRST_NAMES),
    lastName: rng.pick(SURNAMES),
    address,
    key: { kind: rng.weighted(KEY_KINDS) },
  };
  if (rng.chance(DOOR_CODE_SHARE)) client.address.doorCode = digits(rng, 4);
  if (rng.chance(0.8)) client.phone = phoneNumber(rng);
  if (client.key.kind === 'digital') client.key.lockId = `LAS-${digits(rng, 5)}`;
  if (rng.chance(0.7)) client.safetyAlarm = rng.chance(0.7);
  if (rng.chance(0.4)) client.language = rng.weighted(LANGUAGES);
  return client;
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
  first.validTo = decisionValidTo(rng, start, today);
  if (split === interventions.length) return [first];
  const laterFrom = addDays(start, rng.int(10, 200));
  const secondFrom = laterFrom < today ? laterFrom : start > today ? start : today;
  const second: Decision = { id: ctx.ids.nextDecisionId(), decisionDate: decidedBefore(secondFrom), validFrom: secondFrom, legalBasis, interventions: interventions.slice(split) };
  second.validTo = decisionValidTo(rng, secondFrom, today);
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

/**
 * Share of clients with a provider switch in progress: their assignment already ended
 * (slutdatum within two weeks) and the new provider's assignment, starting the day
 * after, in the same export. Rounded down, so a municipality under 100 clients has none.
 */
export const SWITCH_SHARE = 0.01;
const SWITCH_ENDS_WITHIN_DAYS = 14;
/** The real system sometimes sends the new assignment before the ended one. */
const NEW_FIRST_SHARE = 0.25;

export interface MunicipalitySummary {
  clients: number;
  /** clients + switches: each switch adds the new provider's assignment. */
  assignments: number;
  switches: Record<SwitchScope, number> & { total: number };
  sekvens: number;
}

interface GenerationStore {
  ids: SimIds;
  usedIdentities: Set<string>;
  appendAssignment(a: Assignment): number;
  lastSequence: number;
}

/**
 * Ends a just-generated assignment and starts its successor, both stamped on a recent
 * day after the original's last change (never after today).
 */
function generatedSwitch(rng: SeededRandom, ids: SimIds, today: string, original: Assignment): Assignment[] {
  const originalDay = original.changedAt.slice(0, 10);
  const recent = addDays(today, -rng.int(0, 7));
  const day = recent > originalDay ? recent : originalDay;
  // Original changes are stamped 08:00–16:59; the same day, the switch comes after them.
  const hour = day === originalDay ? 17 : rng.int(8, 16);
  const minute = rng.int(0, 50);
  const endDate = addDays(today, rng.int(0, SWITCH_ENDS_WITHIN_DAYS));
  const { ended, started } = switchProvider({ rng, ids, today }, original, pickSwitchTarget(rng, original.provider.code), endDate, {
    ended: stockholmLocal(day, hour, minute),
    started: stockholmLocal(day, hour, minute + 3),
  });
  return rng.chance(NEW_FIRST_SHARE) ? [started, ended] : [ended, started];
}

/**
 * Generates `clients` clients into the store, each with one assignment, and about 1% of
 * them with a provider switch in progress (two assignments). Switch draws come from
 * their own stream, so the clients of a seed are the same ones with or without them.
 */
export function generateMunicipality(store: GenerationStore, clients: number, seed: number, today: string, kalla: string): MunicipalitySummary {
  const ctx: GenerationContext = { rng: new SeededRandom(seed), ids: store.ids, today, kalla, usedIdentities: store.usedIdentities };
  const switchRng = new SeededRandom(`${seed}:switches`);
  const indices = Array.from({ length: clients }, (_, i) => i);
  const switching = new Set(switchRng.sample(indices, Math.floor(clients * SWITCH_SHARE)));
  const switches: MunicipalitySummary['switches'] = { withinTenant: 0, acrossTenants: 0, notServed: 0, total: 0 };
  let assignments = 0;
  for (let i = 0; i < clients; i++) {
    const original = generateAssignment(ctx);
    const versions = switching.has(i) ? generatedSwitch(switchRng, store.ids, today, original) : [original];
    for (const a of versions) store.appendAssignment(a);
    assignments += versions.length === 1 ? 1 : 2;
    if (versions.length === 2) {
      const started = versions.find((a) => a.status === 'aktiv') ?? versions[0];
      switches[switchScope(original.provider.code, started.provider.code)] += 1;
      switches.total += 1;
    }
  }
  return { clients, assignments, switches, sekvens: store.lastSequence };
}
