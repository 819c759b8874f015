import { Assignment, Intervention } from '@brygga/domain';
import { SeededRandom } from '@brygga/sim-scheduling-system';
import { addDays, stockholmDate, stockholmTimestamp } from './calendar';
import { CaseSystemStore } from './case-system.store';
import { generateIntervention, pickNewProfile } from './intervention.generator';
import { PROFILE_BY_CODE } from './intervention-profiles.data';
import { pickSwitchTarget, switchProvider } from './provider-switch.generator';
import { newerOfTwoAssignments } from './several-assignments.query';

export type ChurnKind = 'extent' | 'withdrawn' | 'added' | 'ended' | 'annulled' | 'switched';
export type ChurnCounts = Record<ChurnKind, number> & { total: number };

/** Per 100 changes; a provider switch (LOV) is about one change in twenty. */
export const CHURN_WEIGHTS: readonly (readonly [ChurnKind, number])[] = [
  ['extent', 38],
  ['added', 19],
  ['withdrawn', 19],
  ['ended', 11],
  ['annulled', 8],
  ['switched', 5],
];

/**
 * How often an annulment hits the newer of a client's two assignments (a switch
 * registered in error) when there is one, rather than an assignment picked at random:
 * two-assignment clients are too few for a random pick to find them.
 */
const ONE_OF_TWO_SHARE = 0.4;
const SWITCH_ENDS_WITHIN_DAYS = 14;

type Mutation = (next: Assignment, rng: SeededRandom, ctx: ChurnContext) => boolean;

interface ChurnContext {
  today: string;
  changedAt: string;
  store: CaseSystemStore;
  /** Assignments a mutation created besides the new version (a switch's new assignment). */
  created: Assignment[];
}

function allInterventions(a: Assignment): Intervention[] {
  return a.decisions.flatMap((d) => d.interventions);
}

const changeExtent: Mutation = (next, rng) => {
  const target = rng.pick(allInterventions(next));
  const profile = PROFILE_BY_CODE.get(target.code);
  const before = JSON.stringify(target.extent);
  for (let attempt = 0; profile && attempt < 5 && JSON.stringify(target.extent) === before; attempt++) target.extent = profile.extent(rng);
  // Some profiles have a single shape (FRU: once a day, morning); then the granted time changes instead.
  if (JSON.stringify(target.extent) === before) target.standardMinutes = (target.standardMinutes ?? 15) + 5;
  return true;
};

const withdraw: Mutation = (next, rng) => {
  if (allInterventions(next).length < 2) return false;
  const target = rng.pick(allInterventions(next));
  for (const d of next.decisions) d.interventions = d.interventions.filter((i) => i.id !== target.id);
  next.decisions = next.decisions.filter((d) => d.interventions.length > 0);
  return true;
};

const add: Mutation = (next, rng, ctx) => {
  const profile = pickNewProfile(rng, new Set(allInterventions(next).map((i) => i.code)));
  if (!profile) return false;
  const decision = next.decisions[next.decisions.length - 1];
  decision.interventions.push(generateIntervention(rng, ctx.store.ids, profile, { relativeName: 'Eva', relativePhone: '070-1234567' }));
  return true;
};

const end: Mutation = (next, rng, ctx) => {
  const endDate = addDays(ctx.today, rng.int(0, 21));
  next.status = 'avslutad';
  next.endDate = endDate < next.startDate ? next.startDate : endDate;
  return true;
};

const annul: Mutation = (next) => {
  next.status = 'makulerad';
  return true;
};

const switchAway: Mutation = (next, rng, ctx) => {
  const endDate = addDays(ctx.today, rng.int(0, SWITCH_ENDS_WITHIN_DAYS));
  const target = pickSwitchTarget(rng, next.provider.code);
  const { ended, started } = switchProvider({ rng, ids: ctx.store.ids, today: ctx.today }, next, target, endDate, { ended: ctx.changedAt, started: ctx.changedAt });
  Object.assign(next, ended);
  ctx.created.push(started);
  return true;
};

const MUTATIONS: Record<ChurnKind, Mutation> = { extent: changeExtent, withdrawn: withdraw, added: add, ended: end, annulled: annul, switched: switchAway };
/** What to do instead when a kind does not apply (a single intervention cannot be withdrawn). */
const FALLBACK: Record<ChurnKind, ChurnKind> = { extent: 'extent', withdrawn: 'added', added: 'extent', ended: 'ended', annulled: 'annulled', switched: 'switched' };

/**
 * N changes to active assignments, each a new version with a new sequence number; a
 * switch also starts the new provider's assignment (version 1, next sequence number),
 * which later changes may touch like any other. Ended and annulled assignments are not
 * changed again.
 */
export function churn(store: CaseSystemStore, changes: number, seed: number, now: Date): ChurnCounts {
  const rng = new SeededRandom(seed);
  const counts: ChurnCounts = { extent: 0, withdrawn: 0, added: 0, ended: 0, annulled: 0, switched: 0, total: 0 };
  const candidates = store.modelIds().filter((id) => store.model(id)?.status === 'aktiv');
  const newerOfTwo = newerOfTwoAssignments(store);
  const changedAt = stockholmTimestamp(now);
  for (let n = 0; n < changes && candidates.length > 0; n++) {
    let kind = rng.weighted(CHURN_WEIGHTS);
    const oneOfTwo = kind === 'annulled' && rng.chance(ONE_OF_TWO_SHARE) ? pickNewerOfTwo(rng, newerOfTwo, store) : undefined;
    const targeted = oneOfTwo === undefined ? -1 : candidates.indexOf(oneOfTwo);
    const index = targeted >= 0 ? targeted : rng.int(0, candidates.length - 1);
    const current = store.model(candidates[index]);
    if (!current) throw new Error(`churn: no model for assignment ${candidates[index]}`);
    const next = structuredClone(current);
    const ctx: ChurnContext = { today: stockholmDate(now), changedAt, store, created: [] };
    if (!MUTATIONS[kind](next, rng, ctx)) {
      kind = FALLBACK[kind];
      if (!MUTATIONS[kind](next, rng, ctx)) {
        kind = 'extent';
        MUTATIONS.extent(next, rng, ctx);
      }
    }
    next.version = current.version + 1;
    next.changedAt = changedAt;
    store.appendAssignment(next);
    for (const created of ctx.created) {
      store.appendAssignment(created);
      candidates.push(created.id);
      newerOfTwo.push(created.id);
    }
    counts[kind] += 1;
    counts.total += 1;
    if (next.status !== 'aktiv') {
      candidates[index] = candidates[candidates.length - 1];
      candidates.pop();
    }
  }
  return counts;
}

/** A still active newer-of-two assignment, or none; spent entries are dropped on the way. */
function pickNewerOfTwo(rng: SeededRandom, pool: string[], store: CaseSystemStore): string | undefined {
  while (pool.length > 0) {
    const index = rng.int(0, pool.length - 1);
    const id = pool[index];
    if (store.model(id)?.status === 'aktiv') return id;
    pool[index] = pool[pool.length - 1];
    pool.pop();
  }
  return undefined;
}
