import { Assignment } from '@brygga/domain';
import { addDays } from './calendar';
import { CaseSystemStore } from './case-system.store';
import { churn, CHURN_WEIGHTS, ChurnKind } from './churn.generator';
import { generateMunicipality } from './municipality.generator';

const NOW = new Date('2026-11-20T08:00:00Z');
const KINDS: readonly ChurnKind[] = ['extent', 'withdrawn', 'added', 'ended', 'annulled', 'switched'];

function interventionIds(a: Assignment): string[] {
  return a.decisions.flatMap((d) => d.interventions.map((i) => i.id));
}

describe('churn', () => {
  it('makes N new versions of existing assignments, of every kind; a switch also starts a new assignment', () => {
    const store = new CaseSystemStore();
    const before = generateMunicipality(store, 200, 1, '2026-11-20', 'treserva-umea').sekvens;
    const originals = new Map(store.changesAfter(0).map((e) => [e.id, e.assignment as Assignment]));
    const counts = churn(store, 300, 2, NOW);

    expect(counts.total).toBe(300);
    expect(KINDS.reduce((n, k) => n + counts[k], 0)).toBe(300);
    for (const kind of KINDS) expect(counts[kind]).toBeGreaterThan(0);
    expect(store.lastSequence).toBe(before + 300 + counts.switched);

    const changes = store.changesAfter(before);
    const versions = new Map<string, number>([...originals.keys()].map((id) => [id, 1]));
    const problems: string[] = [];
    let started = 0;
    for (const [n, change] of changes.entries()) {
      const a = change.assignment as Assignment;
      if (!versions.has(a.id)) {
        // A switch's new assignment: right after the ended one, for the same client, the day after.
        const ended = changes[n - 1]?.assignment;
        started += 1;
        if (a.version !== 1 || a.status !== 'aktiv') problems.push(`${a.id}: new assignment not version 1 aktiv`);
        if (!ended || ended.status !== 'avslutad' || ended.client.identityNumber !== a.client.identityNumber) problems.push(`${a.id}: not preceded by the client's ended one`);
        else if (ended.endDate === undefined || a.startDate !== addDays(ended.endDate, 1) || ended.provider.code === a.provider.code) problems.push(`${a.id}: not the next day or same provider`);
      } else if (a.version !== (versions.get(a.id) ?? 0) + 1) problems.push(`${a.id}: version ${a.version} does not follow`);
      versions.set(a.id, a.version);
      if (a.status === 'avslutad' && (!a.endDate || a.endDate < a.startDate)) problems.push(`${a.id}: avslutad without a valid slutdatum`);
      if (a.changedAt !== '2026-11-20T09:00:00+01:00') problems.push(`${a.id}: andrad not now`);
      if (a.decisions.length === 0 || a.decisions.some((d) => d.interventions.length === 0)) problems.push(`${a.id}: empty decision`);
    }
    expect(problems).toEqual([]);
    expect(started).toBe(counts.switched);

    const finals = [...new Set(changes.map((c) => c.id))].map((id) => store.model(id) as Assignment).filter((a) => originals.has(a.id));
    expect(finals.some((a) => a.status === 'makulerad')).toBe(true);
    expect(finals.some((a) => a.status === 'avslutad')).toBe(true);
    const withdrawnSomewhere = finals.some((a) => interventionIds(originals.get(a.id) as Assignment).some((id) => !interventionIds(a).includes(id)));
    const addedSomewhere = finals.some((a) => interventionIds(a).some((id) => !interventionIds(originals.get(a.id) as Assignment).includes(id)));
    expect(withdrawnSomewhere).toBe(true);
    expect(addedSomewhere).toBe(true);
  });

  it('switches at about the weighted rate (5 in 100) and counts them in the summary', () => {
    expect(CHURN_WEIGHTS.find(([k]) => k === 'switched')?.[1]).toBe(5);
    const store = new CaseSystemStore();
    generateMunicipality(store, 2100, 1, '2026-11-20', 'treserva-umea');
    const counts = churn(store, 2000, 3, NOW);
    expect(counts.switched / counts.total).toBeGreaterThan(0.035);
    expect(counts.switched / counts.total).toBeLessThan(0.065);
  });

  it('annuls the newer of two assignments now and then, leaving the other as it was', () => {
    const store = new CaseSystemStore();
    const generated = generateMunicipality(store, 2100, 1, '2026-11-20', 'treserva-umea');
    churn(store, 600, 4, NOW);
    const byClient = new Map<string, Assignment[]>();
    for (const id of store.modelIds()) {
      const a = store.model(id) as Assignment;
      byClient.set(a.client.identityNumber, [...(byClient.get(a.client.identityNumber) ?? []), a]);
    }
    const oneOfTwo = [...byClient.values()].filter((list) => list.length === 2 && list.some((a) => a.status === 'makulerad') && list.some((a) => a.status !== 'makulerad'));
    expect(oneOfTwo.length).toBeGreaterThan(0);
    for (const list of oneOfTwo) {
      const annulled = list.find((a) => a.status === 'makulerad') as Assignment;
      const other = list.find((a) => a.status !== 'makulerad') as Assignment;
      expect(annulled.startDate > other.startDate).toBe(true);
    }
    expect(generated.switches.total).toBe(21);
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
      generateMunicipality(store, 250, 4, '2026-11-20', 'treserva-umea');
      churn(store, 120, 9, NOW);
      return JSON.stringify(store.changesAfter(0).map((e) => e.assignment));
    };
    expect(run()).toBe(run());
  });
});
