import { Assignment, Extent } from '@brygga/domain';
import { employmentNumber, MIN_EMPLOYEES_PER_UNIT } from '@brygga/sim-scheduling-system';
import { CaseSystemStore } from './case-system.store';
import { isValidIdentityNumber } from './identity-number.generator';
import { generateMunicipality, SWITCH_SHARE } from './municipality.generator';

const TODAY = '2026-11-20';

function generate(clients: number, seed: number): Assignment[] {
  const store = new CaseSystemStore();
  const summary = generateMunicipality(store, clients, seed, TODAY, 'treserva-umea');
  return store.feed(0, summary.assignments).entries.map((e) => {
    if (!e.assignment) throw new Error('generated change without model');
    return e.assignment;
  });
}

const TEAM_UNITS: Record<string, string[]> = { 'HT-NORR': ['NORR-1', 'NORR-2'], 'HT-VÄST': ['VAST-1'], OMSORGSHUSET: ['OH-1'] };

describe('municipality generator', () => {
  const clients = 6000;
  let all: Assignment[];
  beforeAll(() => {
    all = generate(clients, 20261120);
  });

  it('generates the requested number of distinct clients with valid identity numbers, 1% of them with two assignments', () => {
    const switches = Math.floor(clients * SWITCH_SHARE);
    expect(all).toHaveLength(clients + switches);
    expect(new Set(all.map((a) => a.id)).size).toBe(clients + switches);
    expect(new Set(all.map((a) => a.client.identityNumber)).size).toBe(clients);
    expect(all.filter((a) => !isValidIdentityNumber(a.client.identityNumber)).map((a) => a.id)).toEqual([]);
  });

  it('has about 1% samordningsnummer (day 61-91) and about 1% protected identities', () => {
    const coordination = all.filter((a) => a.client.identityKind === 'samordningsnummer');
    const day = (a: Assignment) => Number(a.client.identityNumber.slice(6, 8));
    expect(coordination.filter((a) => day(a) < 61 || day(a) > 91).map((a) => a.id)).toEqual([]);
    expect(all.filter((a) => a.client.identityKind === 'personnummer' && day(a) > 31).map((a) => a.id)).toEqual([]);
    expect(coordination.length / clients).toBeGreaterThan(0.003);
    expect(coordination.length / clients).toBeLessThan(0.025);
    const protectedShare = all.filter((a) => a.client.protectedIdentity).length / clients;
    expect(protectedShare).toBeGreaterThan(0.003);
    expect(protectedShare).toBeLessThan(0.025);
  });

  it('uses Swedish letters, Umeå postal codes and about half private providers', () => {
    const names = all.map((a) => `${a.client.firstName} ${a.client.lastName}`).join(' ');
    for (const letter of ['å', 'ä', 'ö', 'Å', 'Ä', 'Ö', 'É']) expect(names).toContain(letter);
    expect(all.filter((a) => !/^9\d\d \d\d$/.test(a.client.address.postalCode)).map((a) => a.id)).toEqual([]);
    expect(all.some((a) => a.provider.code === 'HT-NORR' && a.client.address.postalCode.startsWith('904'))).toBe(true);
    const privateShare = all.filter((a) => a.provider.regi === 'privat').length / clients;
    expect(privateShare).toBeGreaterThan(0.4);
    expect(privateShare).toBeLessThan(0.6);
    const providers = new Set(all.map((a) => a.provider.code));
    for (const code of ['HT-NORR', 'HT-VÄST', 'OMSORGSHUSET', 'ATTENDO-UMEA', 'HEMTJANSTKOMPANIET']) expect(providers).toContain(code);
  });

  it('covers the code list, every extent form, delegations and the optional fields', () => {
    const interventions = all.flatMap((a) => a.decisions.flatMap((d) => d.interventions));
    const codes = new Set(interventions.map((i) => i.code));
    for (const code of ['PH', 'DUSCH', 'AVPA', 'TOA', 'FRU', 'MAT', 'KVM', 'LAK', 'INSU', 'TILLSYN', 'PROM', 'SAMV', 'STAD', 'TVATT', 'INK', 'MATD', 'LEDS', 'AVL', 'LARM', 'HYG', 'MATL']) {
      expect(codes).toContain(code);
    }
    const extents: Extent[] = interventions.map((i) => i.extent);
    expect(new Set(extents.map((e) => e.kind))).toEqual(new Set(['daily', 'weekly', 'monthly', 'asNeeded']));
    expect(extents.filter((e) => e.kind === 'daily' && e.times.length !== e.occasions)).toEqual([]);
    const weekly = extents.filter((e): e is Extract<Extent, { kind: 'weekly' }> => e.kind === 'weekly');
    expect(weekly.some((e) => e.weekdays === undefined)).toBe(true);
    expect(weekly.some((e) => e.intervalWeeks === 2)).toBe(true);
    expect(weekly.filter((e) => e.weekdays && e.weekdays.length !== e.occasions)).toEqual([]);
    expect(extents.some((e) => e.times.some((t) => t.exactTime !== undefined))).toBe(true);
    expect(interventions.some((i) => i.doubleStaffing)).toBe(true);
    expect(new Set(interventions.filter((x) => x.code === 'LAK').map((i) => i.delegation))).toEqual(new Set(['lakemedel']));
    expect(new Set(interventions.filter((x) => x.code === 'INSU').map((i) => i.delegation))).toEqual(new Set(['insulin']));
    expect(interventions.some((i) => i.goal)).toBe(true);
    expect(interventions.some((i) => i.note)).toBe(true);
    expect(all.some((a) => a.client.address.doorCode)).toBe(true);
    expect(all.some((a) => a.client.key.kind === 'digital' && a.client.key.lockId)).toBe(true);
    expect(all.filter((a) => a.client.key.kind === 'digital' && !/^LAS-\d{5}$/.test(a.client.key.lockId ?? '')).map((a) => a.id)).toEqual([]);
  });

  it('picks fixed care contacts among the first employees of the client team unit', () => {
    const wrong = all.filter((a) => {
      if (a.fixedCareContacts.length > 2) return true;
      const units = TEAM_UNITS[a.provider.code];
      if (!units) return a.fixedCareContacts.length > 0;
      const unit = a.provider.code === 'HT-NORR' ? (a.client.address.postalCode.startsWith('904') ? 'NORR-2' : 'NORR-1') : units[0];
      const allowed = Array.from({ length: MIN_EMPLOYEES_PER_UNIT }, (_, i) => employmentNumber(unit, i));
      return a.fixedCareContacts.some((e) => !allowed.includes(e));
    });
    expect(wrong.map((a) => a.id)).toEqual([]);
    expect(all.some((a) => a.fixedCareContacts.length === 2)).toBe(true);
    expect(all.some((a) => a.fixedCareContacts.some((e) => e.startsWith('E12')))).toBe(true);
  });

  it('keeps decisions consistent with the start date and today', () => {
    const wrong = all.filter(
      (a) =>
        a.decisions.length === 0 ||
        a.decisions.some((d) => d.interventions.length === 0 || d.decisionDate > TODAY || d.validFrom < a.startDate || (d.validTo !== undefined && d.validTo <= d.validFrom)),
    );
    expect(wrong.map((a) => a.id)).toEqual([]);
  });

  it('is deterministic per seed', () => {
    expect(JSON.stringify(generate(300, 7))).toBe(JSON.stringify(generate(300, 7)));
    expect(JSON.stringify(generate(300, 8))).not.toBe(JSON.stringify(generate(300, 7)));
  });
});
