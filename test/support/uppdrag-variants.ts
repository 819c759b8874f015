import { formatIdentityNumber } from '@brygga/sim-case-system';
import { example } from './planning-state';

/** The Uppdrag element of uppdrag-ny.xml, as text, to build variants of. */
function nyUppdrag(): string {
  const text = example('uppdrag-ny.xml').toString('utf8');
  return text.slice(text.indexOf('<Uppdrag '), text.indexOf('</Uppdrag>') + '</Uppdrag>'.length);
}

export interface Variant {
  id: string;
  version?: number;
  identityNumber?: string;
  provider?: string;
  status?: 'aktiv' | 'avslutad' | 'makulerad';
  code?: string;
  /** Schablon minutes of INS-1 (20 in the example). */
  minutes?: number;
}

/** A valid personnummer for test person n (born 1940-01-01 + n days within January). */
export function personnummer(n: number): string {
  if (n < 900) return formatIdentityNumber(1940, 1, 1 + (n % 28), 100 + n, 'personnummer');
  // Past the 900 three-digit birth numbers of 1940-01: later years, months and days (a 20,000-client load).
  const m = n - 900;
  return formatIdentityNumber(1941 + Math.floor(m / 302_400), 1 + (Math.floor(m / 25_200) % 12), 1 + (Math.floor(m / 900) % 28), 100 + (m % 900), 'personnummer');
}

/** A variant of the ny assignment: another id, person, provider, version, status or code. */
export function uppdrag(v: Variant): string {
  let xml = nyUppdrag()
    .replace('id="UPP-2026-0417"', `id="${v.id}"`)
    .replace('version="1"', `version="${v.version ?? 1}"`);
  if (v.identityNumber) xml = xml.replace('19380412-5676', v.identityNumber);
  if (v.provider) xml = xml.replace('kod="HT-NORR" namn="Hemtjänst Norr" regi="kommunal"', `kod="${v.provider}" namn="Annan utförare" regi="privat"`);
  if (v.status) xml = xml.replace('status="aktiv"', `status="${v.status}"${v.status === 'avslutad' ? ' slutdatum="2027-01-15"' : ''}`);
  if (v.code) xml = xml.replace('kod="STAD"', `kod="${v.code}"`);
  if (v.minutes) xml = xml.replace('<Schablon minuter="20"/>', `<Schablon minuter="${v.minutes}"/>`);
  return xml;
}

export function exportOf(...uppdrag: string[]): Buffer {
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Uppdragsexport xmlns="urn:se:omsorg:uppdrag:1" skapad="2026-11-20T06:00:12+01:00" sekvens="1" kalla="treserva-umea">\n${uppdrag.join('\n')}\n</Uppdragsexport>\n`,
    'utf8',
  );
}
