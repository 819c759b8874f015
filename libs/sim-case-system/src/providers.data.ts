import { Provider } from '@brygga/domain';

/**
 * Providers per demo-municipality.md, plus two this installation does not serve; about
 * half of all clients choose a private provider, as in Umeå.
 */
export interface ProviderEntry {
  provider: Provider;
  weight: number;
  /** The planning-tool tenant per demo-municipality.md; none for providers not served. Only used to describe a switch. */
  tenant?: string;
  /** The scheduling unit whose staff can be fixed care contacts; none for providers not served. */
  team?: (postalCode: string) => string;
}

export const PROVIDERS: readonly ProviderEntry[] = [
  { provider: { code: 'HT-NORR', name: 'Hemtjänst Norr', regi: 'kommunal' }, weight: 28, tenant: 'kommunen', team: (pc) => (pc.startsWith('904') ? 'NORR-2' : 'NORR-1') },
  { provider: { code: 'HT-VÄST', name: 'Hemtjänst Väst', regi: 'kommunal' }, weight: 22, tenant: 'kommunen', team: () => 'VAST-1' },
  { provider: { code: 'OMSORGSHUSET', name: 'Omsorgshuset i Umeå AB', regi: 'privat' }, weight: 30, tenant: 'omsorgshuset', team: () => 'OH-1' },
  { provider: { code: 'ATTENDO-UMEA', name: 'Attendo Umeå', regi: 'privat' }, weight: 12 },
  { provider: { code: 'HEMTJANSTKOMPANIET', name: 'Hemtjänstkompaniet i Umeå AB', regi: 'privat' }, weight: 8 },
];

export const PROVIDER_WEIGHTS = PROVIDERS.map((p) => [p, p.weight] as const);

export const PROVIDER_BY_CODE: ReadonlyMap<string, ProviderEntry> = new Map(PROVIDERS.map((p) => [p.provider.code, p]));

/**
 * Where a client who changes provider goes, by the provider they leave. Weighted so that
 * about half of the switches among served providers stay in tenant `kommunen`
 * (HT-NORR ↔ HT-VÄST), most others cross tenants, and a few go to or come from a
 * provider this installation does not serve.
 */
export const SWITCH_TARGETS: ReadonlyMap<string, readonly (readonly [string, number])[]> = new Map([
  ['HT-NORR', [['HT-VÄST', 55], ['OMSORGSHUSET', 35], ['ATTENDO-UMEA', 6], ['HEMTJANSTKOMPANIET', 4]]],
  ['HT-VÄST', [['HT-NORR', 55], ['OMSORGSHUSET', 35], ['ATTENDO-UMEA', 6], ['HEMTJANSTKOMPANIET', 4]]],
  ['OMSORGSHUSET', [['HT-NORR', 45], ['HT-VÄST', 40], ['ATTENDO-UMEA', 9], ['HEMTJANSTKOMPANIET', 6]]],
  ['ATTENDO-UMEA', [['HT-NORR', 35], ['HT-VÄST', 25], ['OMSORGSHUSET', 30], ['HEMTJANSTKOMPANIET', 10]]],
  ['HEMTJANSTKOMPANIET', [['HT-NORR', 35], ['HT-VÄST', 25], ['OMSORGSHUSET', 30], ['ATTENDO-UMEA', 10]]],
] as const);

export type SwitchScope = 'withinTenant' | 'acrossTenants' | 'notServed';

/** How a switch from one provider to another looks to this installation. */
export function switchScope(from: string, to: string): SwitchScope {
  const a = PROVIDER_BY_CODE.get(from)?.tenant;
  const b = PROVIDER_BY_CODE.get(to)?.tenant;
  if (a === undefined || b === undefined) return 'notServed';
  return a === b ? 'withinTenant' : 'acrossTenants';
}
