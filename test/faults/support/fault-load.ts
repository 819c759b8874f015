import { DEMO_TOKENS } from '../../support/simulator-stack';
import type { RosterPeriod } from './end-state.check';
import { stockholmToday } from './end-state.check';
import { type FaultStack, http } from './fault-stack';

/** At least 2,000 assignments: 2,000 clients, each switching client one more. */
export const CLIENTS = 2000;
const ROSTER_DAYS = 14;

export interface LoadFigures {
  assignments: number;
  switchesGenerated: number;
  churnChanges: number;
  churnSwitches: number;
  rosterUnits: number;
  rosterDocuments: number;
  /** Push mode: documents that got a 202, and push rounds that stopped on a failure (Redis away) and were resumed. */
  pushedDocuments: number;
  pushRoundsFailed: number;
}

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await http.post(url, body);
  if (res.status >= 300) throw new Error(`POST ${url} answered ${res.status}`);
  return res.data as Record<string, unknown>;
}

/**
 * The load every fault test runs under: a generated municipality the workers pull from the
 * case system's feed, every unit's roster published to the API, then rounds of churn
 * (switches included) while the fault happens. `started` resolves once the municipality
 * and the rosters are in; `finished` once the last churn round is.
 */
/**
 * Pushes every change of the case system not yet pushed to the API (the simulator's push: one
 * document at a time, each retried until `202`, stopping at the first that keeps failing),
 * again until none is left: every document that got a `202` is one the middleware must keep.
 */
export async function pushAll(stack: FaultStack, batchSize = 20): Promise<{ documents: number; failedRounds: number }> {
  let documents = 0;
  let failedRounds = 0;
  for (;;) {
    const result = await post(`${stack.caseSystem}/_sim/push`, { url: `${stack.api.url}/inbound/case-system`, token: DEMO_TOKENS.caseInbound, batchSize });
    documents += result.documents as number;
    if (result.failed === 0) return { documents, failedRounds };
    failedRounds += 1;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export function startLoad(stack: FaultStack, seed: number, options: { churnRounds?: number; churnEveryMs?: number; rosters?: boolean; via?: 'feed' | 'push' } = {}): {
  started: Promise<{ period?: RosterPeriod; firstPush: Promise<void> }>;
  finished: Promise<LoadFigures & { period?: RosterPeriod }>;
} {
  const figures: LoadFigures = { assignments: 0, switchesGenerated: 0, churnChanges: 0, churnSwitches: 0, rosterUnits: 0, rosterDocuments: 0, pushedDocuments: 0, pushRoundsFailed: 0 };
  const pushed = async (): Promise<void> => {
    if (options.via !== 'push') return;
    const { documents, failedRounds } = await pushAll(stack);
    figures.pushedDocuments += documents;
    figures.pushRoundsFailed += failedRounds;
  };
  const started = (async () => {
    const generated = await post(`${stack.caseSystem}/_sim/generate`, { clients: CLIENTS, seed });
    figures.assignments = generated.assignments as number;
    figures.switchesGenerated = (generated.switches as { total: number }).total;
    // Pushed in the background (the fault may come meanwhile); the feed, when polled, needs nothing.
    const firstPush = pushed();
    // Awaited by `finished`; until then a failure must not count as unhandled.
    firstPush.catch(() => undefined);
    if (options.rosters === false) return { firstPush };
    const from = stockholmToday();
    const rosters = await post(`${stack.schedulingSystem}/_sim/generate`, { seed, from, days: ROSTER_DAYS });
    const units = (rosters.units as Array<{ unitId: string }>).map((u) => u.unitId);
    figures.rosterUnits = units.length;
    const published = await post(`${stack.schedulingSystem}/_sim/publish`, { url: `${stack.api.url}/inbound/scheduling-system`, token: DEMO_TOKENS.scheduleInbound });
    const outcomes = published.published as Array<{ unitId: string; status: number }>;
    const refused = outcomes.filter((o) => o.status !== 202);
    if (refused.length > 0) throw new Error(`roster publish not accepted for ${refused.map((o) => `${o.unitId} (${o.status})`).join(', ')}`);
    figures.rosterDocuments += outcomes.length;
    return { period: { from, to: rosters.to as string, units }, firstPush };
  })();
  const finished = (async () => {
    const { period, firstPush } = await started;
    await firstPush;
    for (let round = 0; round < (options.churnRounds ?? 4); round++) {
      await new Promise((r) => setTimeout(r, options.churnEveryMs ?? 2000));
      const kinds = await post(`${stack.caseSystem}/_sim/churn`, { changes: 60, seed: seed * 100 + round });
      figures.churnChanges += (kinds.total as number) ?? 0;
      figures.churnSwitches += (kinds.switched as number) ?? 0;
      await pushed();
    }
    if (period) {
      // A second publish of every unit (a new revision of each, same period): the flow must end on the latest.
      const again = await post(`${stack.schedulingSystem}/_sim/publish`, { url: `${stack.api.url}/inbound/scheduling-system`, token: DEMO_TOKENS.scheduleInbound });
      const outcomes = again.published as Array<{ unitId: string; status: number }>;
      const refused = outcomes.filter((o) => o.status !== 202);
      if (refused.length > 0) throw new Error(`second roster publish not accepted for ${refused.map((o) => `${o.unitId} (${o.status})`).join(', ')}`);
      figures.rosterDocuments += outcomes.length;
    }
    return { ...figures, period };
  })();
  // Either may be awaited later than it fails; the test awaits both.
  started.catch(() => undefined);
  finished.catch(() => undefined);
  return { started, finished };
}
