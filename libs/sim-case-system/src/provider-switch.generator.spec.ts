import { Assignment } from '@brygga/domain';
import { addDays } from './calendar';
import { CaseSystemStore } from './case-system.store';
import { generateMunicipality, MunicipalitySummary } from './municipality.generator';
import { switchScope } from './providers.data';

const TODAY = '2026-11-20';

interface Generated {
  summary: MunicipalitySummary;
  changes: { seq: number; assignment: Assignment }[];
}

function generate(clients: number, seed: number): Generated {
  const store = new CaseSystemStore();
  const summary = generateMunicipality(store, clients, seed, TODAY, 'treserva-umea');
  return { summary, changes: store.changesAfter(0).map((e) => ({ seq: e.seq, assignment: e.assignment as Assignment })) };
}

function interventionIds(a: Assignment): string[] {
  return a.decisions.flatMap((d) => d.interventions.map((i) => i.id));
}

/** The generated switches, as pairs of the ended and the new assignment of one client. */
function switchPairs(changes: Generated['changes']): { ended: Assignment; started: Assignment; seqGap: number }[] {
  const byClient = new Map<string, Generated['changes']>();
  for (const c of changes) byClient.set(c.assignment.client.identityNumber, [...(byClient.get(c.assignment.client.identityNumber) ?? []), c]);
  return [...byClient.values()]
    .filter((list) => list.length === 2)
    .map((list) => {
      const ended = list.find((c) => c.assignment.status === 'avslutad');
      const started = list.find((c) => c.assignment.status === 'aktiv');
      if (!ended || !started) throw new Error(`client with two assignments that are not ended + active: ${list.map((c) => c.assignment.id).join(', ')}`);
      return { ended: ended.assignment, started: started.assignment, seqGap: Math.abs(ended.seq - started.seq) };
    });
}

describe('generated provider switches', () => {
  it('gives 1% of the demo municipality (seed 1, 2,100 clients) a switch, within and across tenants', () => {
    const { summary, changes } = generate(2100, 1);
    expect(summary).toMatchObject({ clients: 2100, assignments: 2121 });
    // Pinned: the demo's figures (README); a change to the generator shows here.
    expect(summary.switches).toEqual({ withinTenant: 5, acrossTenants: 12, notServed: 4, total: 21 });
    expect(changes).toHaveLength(2121);
    expect(switchPairs(changes)).toHaveLength(21);
  });

  it('mixes within-tenant, cross-tenant and not-served switches in a larger municipality', () => {
    const { summary, changes } = generate(6000, 20261120);
    const pairs = switchPairs(changes);
    expect(pairs).toHaveLength(60);
    const scopes = pairs.map((p) => switchScope(p.ended.provider.code, p.started.provider.code));
    expect(scopes.filter((s) => s === 'withinTenant')).toHaveLength(summary.switches.withinTenant);
    expect(scopes.filter((s) => s === 'acrossTenants')).toHaveLength(summary.switches.acrossTenants);
    expect(summary.switches.withinTenant).toBeGreaterThanOrEqual(10);
    expect(summary.switches.acrossTenants).toBeGreaterThanOrEqual(10);
    expect(summary.switches.notServed).toBeGreaterThan(0);
    const kommunen = pairs.filter((p) => switchScope(p.ended.provider.code, p.started.provider.code) === 'withinTenant');
    expect(new Set(kommunen.flatMap((p) => [p.ended.provider.code, p.started.provider.code]))).toEqual(new Set(['HT-NORR', 'HT-VÄST']));
  });

  it('ends the old assignment within two weeks and starts the new one the day after, side by side in the feed', () => {
    const problems: string[] = [];
    for (const { ended, started, seqGap } of switchPairs(generate(6000, 20261120).changes)) {
      const id = `${ended.id}→${started.id}`;
      if (ended.version !== 2 || started.version !== 1) problems.push(`${id}: versions ${ended.version}, ${started.version}`);
      if (!ended.endDate || ended.endDate < TODAY || ended.endDate > addDays(TODAY, 14) || ended.endDate < ended.startDate) problems.push(`${id}: slutdatum ${ended.endDate}`);
      if (ended.endDate && started.startDate !== addDays(ended.endDate, 1)) problems.push(`${id}: start not the day after`);
      if (ended.provider.code === started.provider.code) problems.push(`${id}: same provider`);
      if (seqGap !== 1) problems.push(`${id}: not adjacent in the feed`);
      if (interventionIds(started).some((i) => interventionIds(ended).includes(i))) problems.push(`${id}: intervention ids reused`);
      if (started.decisions.some((d) => d.decisionDate > TODAY || d.validFrom < started.startDate)) problems.push(`${id}: decision dates`);
      if (ended.changedAt >= started.changedAt) problems.push(`${id}: the new one registered before the old one ended`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps a seed deterministic', () => {
    expect(JSON.stringify(generate(400, 5))).toBe(JSON.stringify(generate(400, 5)));
  });
});
