/**
 * The canonical assignment (uppdrag): one client, one provider, full current state.
 * Field names are English; values that name a contract enumeration stay as the
 * contract spells them (`aktiv`, `morgon`), so nothing is translated twice.
 */
export type AssignmentStatus = 'aktiv' | 'avslutad' | 'makulerad';
export type ProviderRegi = 'kommunal' | 'privat';
export type IdentityKind = 'personnummer' | 'samordningsnummer';
export type KeyKind = 'fysisk' | 'digital' | 'ingen';
export type TimeOfDayName = 'morgon' | 'förmiddag' | 'lunch' | 'eftermiddag' | 'middag' | 'kväll' | 'natt';
export type Weekday = 'må' | 'ti' | 'on' | 'to' | 'fr' | 'lö' | 'sö';

export const TIME_OF_DAY_NAMES: readonly TimeOfDayName[] = ['morgon', 'förmiddag', 'lunch', 'eftermiddag', 'middag', 'kväll', 'natt'];
export const WEEKDAYS: readonly Weekday[] = ['må', 'ti', 'on', 'to', 'fr', 'lö', 'sö'];

export interface Provider {
  code: string;
  name: string;
  regi: ProviderRegi;
}

export interface Address {
  street: string;
  /** As the case system writes it: `NNN NN`. */
  postalCode: string;
  city: string;
  /** Door code: sensitive, never logged. */
  doorCode?: string;
}

export interface Client {
  /** `YYYYMMDD-NNNN`, personnummer or samordningsnummer. Never logged, never in an id or URL. */
  identityNumber: string;
  identityKind: IdentityKind;
  protectedIdentity: boolean;
  firstName: string;
  lastName: string;
  address: Address;
  phone?: string;
  key: { kind: KeyKind; lockId?: string };
  safetyAlarm?: boolean;
  /** ISO 639-1. */
  language?: string;
}

export interface TimeOfDay {
  name: TimeOfDayName;
  /** Agreed exact time `HH:MM`, where the client asked for one. */
  exactTime?: string;
}

export type Extent =
  | { kind: 'daily'; occasions: number; times: TimeOfDay[] }
  | { kind: 'weekly'; occasions: number; intervalWeeks: number; weekdays?: Weekday[]; times: TimeOfDay[] }
  | { kind: 'monthly'; occasions: number; times: TimeOfDay[] }
  | { kind: 'asNeeded'; times: TimeOfDay[] };

export interface Intervention {
  id: string;
  code: string;
  /** The assessor's wording (Benamning); not sent on. */
  name: string;
  extent: Extent;
  /** Schablon/@minuter where the decision sets one. */
  standardMinutes?: number;
  doubleStaffing: boolean;
  delegation?: string;
  goal?: string;
  /** Free text: may hold personal data. */
  note?: string;
}

export interface Decision {
  id: string;
  decisionDate: string;
  validFrom: string;
  validTo?: string;
  legalBasis: string;
  interventions: Intervention[];
}

export interface Assignment {
  /** Uppdragsexport/@kalla of the document that carried it. */
  sourceSystem: string;
  id: string;
  version: number;
  status: AssignmentStatus;
  startDate: string;
  endDate?: string;
  changedAt: string;
  provider: Provider;
  client: Client;
  assessor: { id: string; name: string };
  /** Employment numbers, at most two. */
  fixedCareContacts: string[];
  decisions: Decision[];
}
