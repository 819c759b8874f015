import { Assignment } from '@brygga/domain';
import { CaseSystemStore } from './case-system.store';
import { churn } from './churn.generator';
import { generateMunicipality } from './municipality.generator';

const NOW = new Date('2026-11-20T08:00:00Z');

function interventionIds(a: Assignment): string[] {
  return a.decisions.flatMap((d) => d.interventions.map((i) => i.id));
}

describe('churn', () => {
  it('makes N new versions of existing assignments, of every kind', () => {
    const store = new CaseSystemStore();
    const before = generateMunicipality(store, 200, 1, '2026-11-20', 'treserva-umea');
    const originals = new Map(store.changesAfter(0).map((e) => [e.id, e.assignment as Assignment]));
    const counts = churn(store, 300, 2, NOW);

    expect(counts.total).toBe(300);
    expect(counts.extent + counts.withdrawn + counts.added + counts.ended + counts.annulled).toBe(300);
    for (const kind of ['extent', 'withdrawn', 'added', 'ended', 'annulled'] as const) expect(counts[kind]).toBeGreaterThan(0);
    expect(store.lastSequence).toBe(before + 300);

    const changes = store.changesAfter(before);
    const versions = new Map<string, number>([...originals.keys()].map((id) => [id, 1]));
    const problems: string[] = [];
    for (const change of changes) {
      const a = change.assignment as Assignment;
      if (!originals.has(a.id)) problems.push(`${a.id}: not an existing assignment`);
      if (a.version !== (versions.get(a.id) ?? 0) + 1) problems.push(`${a.id}: version ${a.version} does not follow`);
      versions.set(a.id, a.version);
      if (a.status === 'avslutad' && (!a.endDate || a.endDate < a.startDate)) problems.push(`${a.id}: avslutad without a valid slutdatum`);
      if (a.changedAt !== '2026-11-20T09:00:00+01:00') problems.push(`${a.id}: andrad not now`);
      if (a.decisions.length === 0 || a.decisions.some((d) => d.interventions.length === 0)) problems.push(`${a.id}: empty decision`);
    }
    expect(problems).toEqual([]);

    const finals = [...new Set(changes.map((c) => c.id))].map((id) => store.model(id) as Assignment);
    expect(finals.some((a) => a.status === 'makulerad')).toBe(true);
    expect(finals.some((a) => a.status === 'avslutad')).toBe(true);
    const withdrawnSomewhere = finals.some((a) => interventionIds(originals.get(a.id) as Assignment).some((id) => !interventionIds(a).includes(id)));
    const addedSomewhere = finals.some((a) => interventionIds(a).some((id) => !interventionIds(originals.get(a.id) as Assignment).includes(id)));
    expect(withdrawnSomewhere).toBe(true);
    expect(addedSomewhere).toBe(true);
  });

  it('never changes an ended or annulled assignment again, and does not touch the old version', () => {
    const store = new CaseSystemStore();
    generateMunicipality(store, 30, 4, '2026-11-20', 'treserva-umea');
    const v1 = JSON.stringify(store.changesAfter(0).map((e) => e.assignment));
    churn(store, 400, 5, NOW);
    expect(JSON.stringify(store.changesAfter(0).slice(0, 30).map((e) => e.assignment))).toBe(v1);
    const ended = new Set<string>();
    for (const change of store.changesAfter(0)) {
      expect(ended.has(change.id)).toBe(false);
      if (change.assignment?.status !== 'aktiv') ended.add(change.id);
    }
  });

  it('is deterministic per seed', () => {
    const run = () => {
      const store = new CaseSystemStore();
      generateMunicipality(store, 50, 4, '2026-11-20', 'treserva-umea');
      churn(store, 60, 9, NOW);
      return JSON.stringify(store.changesAfter(0).map((e) => e.assignment));
    };
    expect(run()).toBe(run());
  });
});
