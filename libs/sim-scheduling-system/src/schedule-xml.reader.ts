import type { Absence, AbsenceCode, Delegation, Employee, Qualification, Schedule, ScheduleBreak, Shift, ShiftType } from '@brygga/domain';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SCHEDULE_NAMESPACE } from './schedule-xml.writer';
import { isIsoDate, isLocalTime } from './stockholm-time';

/** A document that breaks the schema; names the path and rule, never a personal value. */
export class ScheduleXmlError extends Error {
  constructor(
    readonly path: string,
    readonly rule: string,
  ) {
    super(`${path}: ${rule}`);
    this.name = 'ScheduleXmlError';
  }
}

type XmlNode = Record<string, unknown>;

const REPEATED = new Set(['Employee', 'Delegation', 'Shift', 'Break', 'Absence']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

const QUALIFICATIONS: readonly Qualification[] = ['USK', 'VB', 'SSK'];
const SHIFT_TYPES: readonly ShiftType[] = ['DAG', 'KVÄLL', 'NATT', 'DELAD'];
const ABSENCE_CODES: readonly AbsenceCode[] = ['SJK', 'SEM', 'FPL', 'UTB', 'OVR'];
const CODE = /^[A-Za-z0-9ÅÄÖåäö_.-]{1,64}$/;
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;

/** What each element may hold: unknown attributes or children are schema errors. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  ScheduleExport: ['@xmlns', '@generated', '@revision', '@periodStart', '@periodEnd', 'Unit'],
  Unit: ['@id', '@name', '@costCenter', 'Employee'],
  Employee: ['@id', '@employmentNo', '@homeUnit', 'FirstName', 'LastName', 'Qualification', 'Delegation', 'Shift', 'Absence'],
  Delegation: ['@type', '@validTo'],
  Shift: ['@date', '@start', '@end', '@type', 'Break'],
  Break: ['@start', '@end'],
  Absence: ['@date', '@code', '@from', '@to'],
};

function node(value: unknown, path: string, element: string): XmlNode {
  // An element with neither attributes nor children parses to an empty string.
  const result = value === '' ? {} : value;
  if (typeof result !== 'object' || result === null || Array.isArray(result)) throw new ScheduleXmlError(path, 'must be an element');
  for (const key of Object.keys(result)) {
    if (!ALLOWED[element].includes(key)) throw new ScheduleXmlError(path, `unexpected ${key.startsWith('@') ? 'attribute' : 'element'} ${key}`);
  }
  return result as XmlNode;
}

function list(parent: XmlNode, name: string): unknown[] {
  const value = parent[name];
  return Array.isArray(value) ? value : [];
}

function text(parent: XmlNode, name: string, path: string, check: (v: string) => boolean = (v) => v.length > 0 && v.length <= 200): string {
  const value = parent[name];
  if (typeof value !== 'string') throw new ScheduleXmlError(`${path}/${name}`, 'required');
  if (!check(value)) throw new ScheduleXmlError(`${path}/${name}`, 'invalid value');
  return value;
}

function optional(parent: XmlNode, name: string, path: string, check: (v: string) => boolean): string | undefined {
  return parent[name] === undefined ? undefined : text(parent, name, path, check);
}

function oneOf<T extends string>(values: readonly T[]): (v: string) => v is T {
  return (v: string): v is T => (values as readonly string[]).includes(v);
}

const isCode = (v: string) => CODE.test(v);

function readBreak(value: unknown, path: string): ScheduleBreak {
  const b = node(value, path, 'Break');
  return { start: text(b, '@start', path, isLocalTime), end: text(b, '@end', path, isLocalTime) };
}

function readShift(value: unknown, path: string): Shift {
  const s = node(value, path, 'Shift');
  const breaks = list(s, 'Break');
  if (breaks.length > 4) throw new ScheduleXmlError(path, 'at most 4 Break elements');
  return {
    date: text(s, '@date', path, isIsoDate),
    start: text(s, '@start', path, isLocalTime),
    end: text(s, '@end', path, isLocalTime),
    type: text(s, '@type', path, oneOf(SHIFT_TYPES)) as ShiftType,
    breaks: breaks.map((b, i) => readBreak(b, `${path}/Break[${i + 1}]`)),
  };
}

function readAbsence(value: unknown, path: string): Absence {
  const a = node(value, path, 'Absence');
  const absence: Absence = { date: text(a, '@date', path, isIsoDate), code: text(a, '@code', path, oneOf(ABSENCE_CODES)) as AbsenceCode };
  const from = optional(a, '@from', path, isLocalTime);
  const to = optional(a, '@to', path, isLocalTime);
  if (from !== undefined) absence.from = from;
  if (to !== undefined) absence.to = to;
  return absence;
}

function readDelegation(value: unknown, path: string): Delegation {
  const d = node(value, path, 'Delegation');
  return { type: text(d, '@type', path, isCode), validTo: text(d, '@validTo', path, isIsoDate) };
}

function readEmployee(value: unknown, index: number): Employee {
  const position = `ScheduleExport/Unit/Employee[${index + 1}]`;
  const e = node(value, position, 'Employee');
  const id = text(e, '@id', position, isCode);
  const path = `ScheduleExport/Unit/Employee[@id=${id}]`;
  const homeUnit = optional(e, '@homeUnit', path, isCode);
  return {
    id,
    employmentNumber: text(e, '@employmentNo', path, isCode),
    ...(homeUnit === undefined ? {} : { homeUnit }),
    firstName: text(e, 'FirstName', path),
    lastName: text(e, 'LastName', path),
    qualification: text(e, 'Qualification', path, oneOf(QUALIFICATIONS)) as Qualification,
    delegations: list(e, 'Delegation').map((d, i) => readDelegation(d, `${path}/Delegation[${i + 1}]`)),
    shifts: list(e, 'Shift').map((s, i) => readShift(s, `${path}/Shift[${i + 1}]`)),
    absences: list(e, 'Absence').map((a, i) => readAbsence(a, `${path}/Absence[${i + 1}]`)),
  };
}

/** Parses and checks a `ScheduleExport` document (schedule-export-1.xsd). */
export function readScheduleXml(xml: string): Schedule {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) throw new ScheduleXmlError(`line ${wellFormed.err.line}`, 'not well-formed XML');
  const documentNode: unknown = parser.parse(xml);
  if (typeof documentNode !== 'object' || documentNode === null || !('ScheduleExport' in documentNode)) {
    throw new ScheduleXmlError('ScheduleExport', 'root element missing');
  }
  const root = node(documentNode.ScheduleExport, 'ScheduleExport', 'ScheduleExport');
  if (root['@xmlns'] !== SCHEDULE_NAMESPACE) throw new ScheduleXmlError('ScheduleExport/@xmlns', `must be ${SCHEDULE_NAMESPACE}`);
  const revision = text(root, '@revision', 'ScheduleExport', (v) => /^\d+$/.test(v) && Number(v) >= 1 && Number.isSafeInteger(Number(v)));
  const unit = node(root.Unit, 'ScheduleExport/Unit', 'Unit');
  return {
    generated: text(root, '@generated', 'ScheduleExport', (v) => DATE_TIME_WITH_OFFSET.test(v)),
    revision: Number(revision),
    periodStart: text(root, '@periodStart', 'ScheduleExport', isIsoDate),
    periodEnd: text(root, '@periodEnd', 'ScheduleExport', isIsoDate),
    unit: {
      id: text(unit, '@id', 'ScheduleExport/Unit', isCode),
      name: text(unit, '@name', 'ScheduleExport/Unit', () => true),
      costCenter: text(unit, '@costCenter', 'ScheduleExport/Unit', isCode),
    },
    employees: list(unit, 'Employee').map(readEmployee),
  };
}
