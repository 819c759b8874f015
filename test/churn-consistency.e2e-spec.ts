import { loadMappingRules } from '@brygga/config';
import { checkPlanningMatchesCaseSystem, latestAssignments } from '../apps/demo/src/planning-consistency.check';
import { drained, eventually, flowCounters, harnessPerSpecFile, TOKENS } from './support/e2e-harness';

const rules = loadMappingRules('config/mapping-rules.yaml');
const stockholmToday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

/**
 * The demo's promise, tested: a generated municipality with provider switches in
 * progress, then rounds of churn with switches and annulments of one of two, pulled from
 * the feed; afterwards the planning tool holds exactly what the case system says.
 */
describe('a generated municipality with switches, then churn: the planning tool matches the case system', () => {
  const h = harnessPerSpecFile({ CASE_SYSTEM_POLL_SECONDS: '1', WORKER_CONCURRENCY: '16' });

  async function matches(what: string): Promise<void> {
    const report = await eventually(
      async () => {
        await drained(h);
        const r = await checkPlanningMatchesCaseSystem(h, TOKENS.caseFeed, rules, stockholmToday());
        return r.differences.length === 0 ? r : undefined;
      },
      `the planning tool to match the case system ${what}`,
      90_000,
    );
    expect(report.customers).toBeGreaterThan(0);
  }

  it('after the full sync, after churn with switches, after a forced switch and an annulment of one of two', async () => {
    await h.http.delete(`${h.caseSystem}/_sim`);
    const generated = (await h.http.post(`${h.caseSystem}/_sim/generate`, { clients: 400, seed: 3 })).data;
    expect(generated.switches.total).toBe(4);
    await matches('after the full sync');

    let switched = 0;
    for (let round = 0; round < 4; round++) {
      const kinds = (await h.http.post(`${h.caseSystem}/_sim/churn`, { changes: 40, seed: 100 + round })).data;
      switched += kinds.switched ?? 0;
    }
    expect(switched).toBeGreaterThan(0);
    await matches('after churn');

    const latest = await latestAssignments(h.caseSystem, TOKENS.caseFeed);
    const norr = latest.find((a) => a.status === 'aktiv' && a.provider.code === 'HT-NORR');
    if (!norr) throw new Error('the generated municipality has no aktiv HT-NORR assignment');
    const forced = await h.http.post(`${h.caseSystem}/_sim/switch`, { id: norr.id, provider: 'HT-VÄST' });
    expect(forced.status).toBe(200);
    await matches('after a switch within kommunen');
    expect((await h.http.post(`${h.caseSystem}/_sim/annul`, { id: forced.data.started.id })).status).toBe(200);
    await matches('after annulling the new assignment of the switch');

    const stats = await flowCounters(h, 'interventions');
    expect(stats.failed ?? 0).toBe(0);
  }, 300_000);
});
