import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsDir } from '@brygga/config';
import { formatIdentityNumber } from '@brygga/sim-case-system';

/** The Uppdrag element of the contract's uppdrag-ny.xml (provider HT-NORR, tenant kommunen). */
function exampleUppdrag(): string {
  const text = readFileSync(join(contractsDir(), 'case-system', 'examples', 'uppdrag-ny.xml'), 'utf8');
  return text.slice(text.indexOf('<Uppdrag '), text.indexOf('</Uppdrag>') + '</Uppdrag>'.length);
}

export interface SingleExport {
  assignmentId: string;
  identityNumber: string;
  body: Buffer;
}

/**
 * Builds one-assignment exports, each for a person of its own: born in 1925, an age
 * the generated municipality gives few people, with birth numbers from 900 up.
 */
export function singleExports(runLabel: string): (n: number) => SingleExport {
  const template = exampleUppdrag();
  return (n) => {
    const assignmentId = `UPP-BENCH-${runLabel}-${n}`;
    const identityNumber = formatIdentityNumber(1925, 1 + (n % 12), 1 + (Math.floor(n / 12) % 28), 900 + (n % 99), 'personnummer');
    const uppdrag = template.replace('id="UPP-2026-0417"', `id="${assignmentId}"`).replace('19380412-5676', identityNumber);
    return { assignmentId, identityNumber, body: exportOf(uppdrag) };
  };
}

/**
 * Like `singleExports`, but every n up to 365 × 999 × 4 a person of its own, born 2003 to
 * 2006: the generated municipality's clients are born 25 to 101 years ago, so these never
 * meet one of them, and a steady push of tens of thousands never repeats a person.
 */
export function uniquePersonExports(runLabel: string): (n: number) => SingleExport {
  const template = exampleUppdrag();
  return (n) => {
    const dayOfYear = n % 365;
    const date = new Date(Date.UTC(2003 + (Math.floor(n / (365 * 999)) % 4), 0, 1 + dayOfYear));
    const birthNumber = 1 + (Math.floor(n / 365) % 999);
    const assignmentId = `UPP-BENCH-${runLabel}-${n}`;
    const identityNumber = formatIdentityNumber(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), birthNumber, 'personnummer');
    const uppdrag = template.replace('id="UPP-2026-0417"', `id="${assignmentId}"`).replace('19380412-5676', identityNumber);
    return { assignmentId, identityNumber, body: exportOf(uppdrag) };
  };
}

function exportOf(uppdrag: string): Buffer {
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Uppdragsexport xmlns="urn:se:omsorg:uppdrag:1" skapad="2026-11-20T06:00:12+01:00" sekvens="1" kalla="treserva-umea">\n${uppdrag}\n</Uppdragsexport>\n`,
    'utf8',
  );
}
