import { Assignment, Decision, Intervention } from '@brygga/domain';
import { SeededRandom } from '@brygga/sim-scheduling-system';
import { addDays } from './calendar';
import { decisionValidTo, digits, DOOR_CODE_SHARE, fixedCareContacts, umeaAddress } from './client-details.generator';
import { generateIntervention, pickNewProfile } from './intervention.generator';
import { PROFILE_BY_CODE } from './intervention-profiles.data';
import { PROVIDER_BY_CODE, ProviderEntry, SWITCH_TARGETS } from './providers.data';
import { SimIds } from './sim-ids';

/**
 * A client changing provider (LOV), as the case system records it: the current
 * assignment is ended (`avslutad`, `slutdatum`) and a new assignment for the new
 * provider starts the day after, for the same client (same identity number), with its
 * own id and its own interventions. See demo-municipality.md, "One client, several
 * assignments", and the contract's example uppdrag-byte.xml.
 */
export interface SwitchContext {
  rng: SeededRandom;
  ids: SimIds;
  /** Stockholm calendar date: the new decision is never dated after it. */
  today: string;
}

export interface ProviderSwitch {
  ended: Assignment;
  started: Assignment;
}

/** Share of clients whose move a new assignment comes with: a new provider is often a new home. */
const MOVES_SHARE = 0.5;
const NEW_LOCK_SHARE = 0.5;
const DROPPED_NEED_SHARE = 0.3;
const NEW_NEED_SHARE = 0.3;

export function pickSwitchTarget(rng: SeededRandom, fromCode: string): ProviderEntry {
  const targets = SWITCH_TARGETS.get(fromCode);
  if (!targets) throw new Error(`no switch targets for provider ${fromCode}`);
  const code = rng.weighted(targets);
  const entry = PROVIDER_BY_CODE.get(code);
  if (!entry) throw new Error(`unknown switch target ${code}`);
  return entry;
}

/** The interventions still granted when the new assignment starts, under new ids: the client's needs move with them. */
function carriedInterventions(ctx: SwitchContext, old: Assignment, start: string): Intervention[] {
  const { rng, ids } = ctx;
  const still = old.decisions.filter((d) => d.validTo === undefined || d.validTo >= start).flatMap((d) => d.interventions);
  const carried = still.map((i) => ({ ...structuredClone(i), id: ids.nextInterventionId() }));
  if (carried.length > 1 && rng.chance(DROPPED_NEED_SHARE)) carried.splice(rng.int(0, carried.length - 1), 1);
  if (carried.length === 0 || rng.chance(NEW_NEED_SHARE)) {
    const profile = pickNewProfile(rng, new Set(carried.map((i) => i.code)));
    if (profile) carried.push(generateIntervention(rng, ids, profile, { relativeName: old.client.firstName, relativePhone: old.client.phone ?? '070-1234567' }));
  }
  // pickNewProfile gives up after a few draws; a client always has at least one need.
  if (carried.length === 0) carried.push(generateIntervention(rng, ids, PROFILE_BY_CODE.get('PH') ?? fail('PH'), { relativeName: 'Eva', relativePhone: '070-1234567' }));
  return carried;
}

function fail(code: string): never {
  throw new Error(`intervention profile ${code} missing`);
}

/**
 * Ends `current` on `endDate` (never before its start) and starts a new assignment for
 * `to` the day after. Both carry `changedAt` stamps the caller chooses (the new one is
 * registered a few minutes after the old one is ended, as in uppdrag-byte.xml).
 */
export function switchProvider(
  ctx: SwitchContext,
  current: Assignment,
  to: ProviderEntry,
  endDate: string,
  changedAt: { ended: string; started: string },
): ProviderSwitch {
  const { rng, ids, today } = ctx;
  const ended = structuredClone(current);
  ended.version = current.version + 1;
  ended.status = 'avslutad';
  ended.endDate = endDate < current.startDate ? current.startDate : endDate;
  ended.changedAt = changedAt.ended;

  const start = addDays(ended.endDate, 1);
  const client = structuredClone(current.client);
  if (rng.chance(MOVES_SHARE)) {
    client.address = umeaAddress(rng);
    if (rng.chance(DOOR_CODE_SHARE)) client.address.doorCode = digits(rng, 4);
  }
  if (client.key.kind === 'digital' && rng.chance(NEW_LOCK_SHARE)) client.key.lockId = `LAS-${digits(rng, 5)}`;
  const interventions = carriedInterventions(ctx, current, start);
  if (interventions.some((i) => i.code === 'LARM')) client.safetyAlarm = true;
  const decidedOn = changedAt.started.slice(0, 10) < today ? changedAt.started.slice(0, 10) : today;
  const decision: Decision = {
    id: ids.nextDecisionId(),
    decisionDate: decidedOn,
    validFrom: start,
    legalBasis: current.decisions[0]?.legalBasis ?? 'SoL 4 kap. 1 §',
    interventions,
  };
  decision.validTo = decisionValidTo(rng, start, today);
  const started: Assignment = {
    sourceSystem: current.sourceSystem,
    id: ids.nextAssignmentId(start.slice(0, 4)),
    version: 1,
    status: 'aktiv',
    startDate: start,
    changedAt: changedAt.started,
    provider: to.provider,
    client,
    assessor: current.assessor,
    fixedCareContacts: fixedCareContacts(rng, to.team?.(client.address.postalCode)),
    decisions: [decision],
  };
  return { ended, started };
}
