import axios from 'axios';
import type { Assignment } from '@brygga/domain';
import { CaseFeedClient, parseUppdragsexport } from '@brygga/case-system';
import { ActualPlanningState, diffPlanningState, expectedPlanningState, MappingRules, normalisePlanning, PlanningStateDifference } from '@brygga/mapping';

export interface ConsistencyReport {
  assignments: number;
  customers: number;
  serviceOrders: number;
  /** Assignments whose latest version the rules quarantine: left out of the comparison. */
  quarantined: number;
  differences: PlanningStateDifference[];
}

const PAGE = 5000;

/** The latest version of every assignment in the case system, read from its own change feed from the start. */
export async function latestAssignments(caseSystemUrl: string, feedToken: string): Promise<Assignment[]> {
  const feed = new CaseFeedClient(caseSystemUrl, feedToken);
  const latest = new Map<string, Assignment>();
  for (let after = 0; ; ) {
    const page = await feed.fetch(after, PAGE);
    if (page.kind === 'wait') {
      await new Promise((r) => setTimeout(r, page.retryAfterMs ?? 1000));
      continue;
    }
    const { header, results } = parseUppdragsexport(page.body);
    for (const r of results) if (r.ok && (latest.get(r.assignment.id)?.version ?? 0) < r.assignment.version) latest.set(r.assignment.id, r.assignment);
    if (results.length === 0 || header.sekvens <= after) break;
    after = header.sekvens;
  }
  return [...latest.values()];
}

/** What the planning-tool simulator holds, keyed like the expectation. */
async function planningState(planningToolUrl: string, tenants: string[]): Promise<ActualPlanningState> {
  const state: ActualPlanningState = new Map();
  for (const tenant of tenants) {
    const { data } = await axios.get(`${planningToolUrl}/_sim/${tenant}/state`, { timeout: 60_000 });
    const customers = data.customers as Array<Record<string, unknown> & { identityNumber: string; serviceOrders: Array<Record<string, unknown> & { source: { interventionId: string } }> }>;
    state.set(
      tenant,
      new Map(
        customers.map(({ id: _id, serviceOrders, ...customer }) => [
          customer.identityNumber,
          { customer, serviceOrders: Object.fromEntries(serviceOrders.map(({ id: _orderId, ...o }) => [o.source.interventionId, o])) },
        ]),
      ),
    );
  }
  return state;
}

/**
 * Does the planning tool hold exactly what the case system says it must? The whole feed
 * is read from the start and the expectation computed from the latest versions at once,
 * independently of the order the middleware applied them in.
 */
export async function checkPlanningMatchesCaseSystem(urls: { caseSystem: string; planningTool: string }, feedToken: string, rules: MappingRules, today: string): Promise<ConsistencyReport> {
  const latest = await latestAssignments(urls.caseSystem, feedToken);
  const { state, quarantined } = expectedPlanningState(latest, rules, today);
  const actual = await planningState(urls.planningTool, Object.keys(rules.tenants));
  const customers = [...state.values()].reduce((n, t) => n + t.size, 0);
  const serviceOrders = [...state.values()].reduce((n, t) => n + [...t.values()].reduce((m, c) => m + Object.keys(c.serviceOrders).length, 0), 0);
  return { assignments: latest.length, customers, serviceOrders, quarantined: quarantined.length, differences: diffPlanningState(state, actual, (v) => normalisePlanning(v)) };
}
