import type { Assignment, AssignmentStatus, ProviderRegi, Reason } from '@brygga/domain';
import { EXACTLY_ONE, UNBOUNDED, type XmlElement } from '@brygga/xml-intake';
import { readBeslut } from './beslut.reader';
import { readBrukare } from './brukare.reader';
import type { UppdragResult } from './parsed-export.types';
import { asDate, asDateTimeWithOffset, asInteger, asKod } from './xml-value.validator';
import { ContractElement } from './contract-element.reader';
import { oneOfRule, RULES } from './contract.rules';

const STATUSES: readonly AssignmentStatus[] = ['aktiv', 'avslutad', 'makulerad'];
const REGI: readonly ProviderRegi[] = ['kommunal', 'privat'];

/**
 * One Uppdrag element -> the canonical Assignment, or every reason it cannot be used.
 * Each assignment stands alone: its problems never affect another one.
 */
export function readUppdrag(element: XmlElement, sourceSystem: string): UppdragResult {
  const reasons: Reason[] = [];
  const el = new ContractElement('Uppdrag', element, reasons);
  el.expect({ Utforare: EXACTLY_ONE, Brukare: EXACTLY_ONE, Handlaggare: EXACTLY_ONE, FastOmsorgskontakt: [0, 2], Beslut: [0, UNBOUNDED] }, [
    'id',
    'version',
    'status',
    'startdatum',
    'slutdatum',
    'andrad',
  ]);
  const id = el.read('id', asKod, RULES.kod);
  const version = el.read('version', (v) => asInteger(v, 1), RULES.positive);
  const status = el.read('status', (v) => STATUSES.find((s) => s === v), oneOfRule(STATUSES));
  const startDate = el.read('startdatum', asDate, RULES.date);
  const endDate = el.read('slutdatum', asDate, RULES.date, false);
  const changedAt = el.read('andrad', asDateTimeWithOffset, RULES.dateTime);
  if (status === 'avslutad' && el.attr('slutdatum') === undefined) el.fail({ code: 'attribute.required-when', text: 'is required when status is avslutad' }, '@slutdatum');
  if (startDate && endDate && endDate < startDate) el.fail({ code: 'date.before-start', text: 'must not be before startdatum' }, '@slutdatum');

  const provider = readUtforare(el.child('Utforare'));
  const brukare = el.child('Brukare');
  const client = brukare && readBrukare(brukare);
  const assessor = readHandlaggare(el.child('Handlaggare'));
  const fixedCareContacts = el.children('FastOmsorgskontakt').map((c) => {
    c.expect({}, ['anstallningsnummer']);
    return c.read('anstallningsnummer', asKod, RULES.kod);
  });
  const decisions = el.children('Beslut', (b) => `Beslut[${b.attributes.id ?? '?'}]`).map(readBeslut);
  const interventionIds = decisions.flatMap((d) => d?.interventions.map((i) => i.id) ?? []);
  if (new Set(interventionIds).size !== interventionIds.length) el.fail({ code: 'id.duplicate', text: 'an Insats id occurs in more than one Beslut' }, 'Beslut/Insats/@id');

  if (reasons.length > 0) return { ok: false, ...(id && { assignmentId: id }), ...(version !== undefined && { version }), reasons: [...reasons] };
  const assignment: Assignment = {
    sourceSystem,
    id: id as string,
    version: version as number,
    status: status as AssignmentStatus,
    startDate: startDate as string,
    ...(endDate && { endDate }),
    changedAt: changedAt as string,
    provider: provider as Assignment['provider'],
    client: client as Assignment['client'],
    assessor: assessor as Assignment['assessor'],
    fixedCareContacts: fixedCareContacts as string[],
    decisions: decisions as Assignment['decisions'],
  };
  return { ok: true, assignment };
}

function readUtforare(el: ContractElement | undefined): Assignment['provider'] | undefined {
  if (!el) return undefined;
  el.expect({}, ['kod', 'namn', 'regi']);
  const code = el.read('kod', asKod, RULES.kod);
  const name = el.read('namn', (v) => v);
  const regi = el.read('regi', (v) => REGI.find((r) => r === v), oneOfRule(REGI));
  return code && name !== undefined && regi ? { code, name, regi } : undefined;
}

function readHandlaggare(el: ContractElement | undefined): Assignment['assessor'] | undefined {
  if (!el) return undefined;
  el.expect({}, ['id', 'namn']);
  const id = el.read('id', asKod, RULES.kod);
  const name = el.read('namn', (v) => v);
  return id && name !== undefined ? { id, name } : undefined;
}
