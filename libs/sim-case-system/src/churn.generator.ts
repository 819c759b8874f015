import { Assignment, Intervention } from '@brygga/domain';
import { addDays, stockholmDate, stockholmTimestamp } from './calendar';
import { CaseSystemStore } from './case-system.store';
import { generateIntervention, pickNewProfile } from './intervention.generator';
import { PROFILE_BY_CODE } from './intervention-profiles.data';
import { SeededRandom } from '@brygga/sim-scheduling-system';

export type ChurnKind = 'extent' | 'withdrawn' | 'added' | 'ended' | 'annulled';
export type ChurnCounts = Record<ChurnKind, number> & { total: number };

const KIND_WEIGHTS: readonly (readonly [ChurnKind, number])[] = [
  ['extent', 40],
  ['added', 20],
  ['withdrawn', 20],
  ['ended', 12],
  ['annulled', 8],
];

type Mutation = (next: Assignment, rng: SeededRandom, ctx: ChurnContext) => boolean;

interface ChurnContext {
  today: string;
  store: CaseSystemStore;
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

const MUTATIONS: Record<ChurnKind, Mutation> = { extent: changeExtent, withdrawn: withdraw, added: add, ended: end, annulled: annul };
/** What to do instead when a kind does not apply (a single intervention cannot be withdrawn). */
const FALLBACK: Record<ChurnKind, ChurnKind> = { extent: 'extent', withdrawn: 'added', added: 'extent', ended: 'ended', annulled: 'annulled' };

/**
 * N changes to existing active assignments, each a new version with a new sequence number.
 * Ended and annulled assignments are not changed again.
 */
export function churn(store: CaseSystemStore, changes: number, seed: number, now: Date): ChurnCounts {
  const rng = new SeededRandom(seed);
  const counts: ChurnCounts = { extent: 0, withdrawn: 0, added: 0, ended: 0, annulled: 0, total: 0 };
  const candidates = store.modelIds().filter((id) => store.model(id)?.status === 'aktiv');
  const ctx: ChurnContext = { today: stockholmDate(now), store };
  const changedAt = stockholmTimestamp(now);
  for (let n = 0; n < changes && candidates.length > 0; n++) {
    const index = rng.int(0, candidates.length - 1);
    const current = store.model(candidates[index]);
    if (!current) throw new Error(`churn: no model for assignment ${candidates[index]}`);
    const next = structuredClone(current);
    let kind = rng.weighted(KIND_WEIGHTS);
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
    counts[kind] += 1;
    counts.total += 1;
    if (next.status !== 'aktiv') {
      candidates[index] = candidates[candidates.length - 1];
      candidates.pop();
    }
  }
  return counts;
}
