import type { Absence, AbsenceCode, Delegation, Employee, Qualification, ScheduleBreak, Shift, ShiftType } from '@brygga/domain';
import { code, date, localTime, oneOf, text } from './schedule-values.validators';
import type { XmlElement } from '@brygga/xml-intake';
import { attributesOf, elementChildren, isEmpty, optional, required, textContent, type ValueRule } from './export-rule.checks';
import { ExportRuleError } from './export-rule.error';

const QUALIFICATIONS: readonly Qualification[] = ['USK', 'VB', 'SSK'];
const SHIFT_TYPES: readonly ShiftType[] = ['DAG', 'KVÄLL', 'NATT', 'DELAD'];
const ABSENCE_CODES: readonly AbsenceCode[] = ['SJK', 'SEM', 'FPL', 'UTB', 'OVR'];
const MAX_BREAKS = 4;

/** Position of each child in the XSD sequence; Shift and Absence form one repeatable choice. */
const SEQUENCE: Readonly<Record<string, number>> = { FirstName: 0, LastName: 1, Qualification: 2, Delegation: 3, Shift: 4, Absence: 4 };
const EXACTLY_ONCE = ['FirstName', 'LastName', 'Qualification'];

const isCode = (v: string | undefined) => code(v);
const CODE_RULE: ValueRule = { code: 'code.format', text: 'a code ([A-Za-z0-9ÅÄÖåäö_.-], 1 to 64 characters)' };
const DATE_RULE: ValueRule = { code: 'date.invalid', text: 'a real date (YYYY-MM-DD)' };
const TIME_RULE: ValueRule = { code: 'time.invalid', text: 'a time HH:MM (00:00 to 23:59)' };

/** Reads one Employee element; throws ExportRuleError naming the rule (never a personal value). */
export function readEmployee(element: XmlElement): Employee {
  attributesOf(element, ['id', 'employmentNo', 'homeUnit']);
  const id = required(element, 'id', isCode, CODE_RULE);
  const employmentNumber = required(element, 'employmentNo', isCode, CODE_RULE);
  // Lent staff name their own unit; the mapping decides what an unknown unit means.
  const homeUnit = optional(element, 'homeUnit', isCode, CODE_RULE);
  const children = elementChildren(element);
  checkSequence(children);
  const single = (name: string): XmlElement => children.find((c) => c.name === name) as XmlElement;
  return {
    id,
    employmentNumber,
    ...(homeUnit === undefined ? {} : { homeUnit }),
    firstName: readText(single('FirstName')),
    lastName: readText(single('LastName')),
    qualification: readQualification(single('Qualification')),
    delegations: children.filter((c) => c.name === 'Delegation').map(readDelegation),
    shifts: children.filter((c) => c.name === 'Shift').map(readShift),
    absences: children.filter((c) => c.name === 'Absence').map(readAbsence),
  };
}

function checkSequence(children: readonly XmlElement[]): void {
  let last = -1;
  for (const child of children) {
    const position = SEQUENCE[child.name];
    if (position === undefined) throw new ExportRuleError('element.unexpected', `Employee/${child.name}`, `Employee holds an element ${child.name} that the schema does not define`);
    if (position < last) throw new ExportRuleError('element.out-of-order', `Employee/${child.name}`, `Employee/${child.name} is out of the schema's order (FirstName, LastName, Qualification, Delegation, then Shift and Absence)`);
    last = position;
  }
  for (const name of EXACTLY_ONCE) {
    const count = children.filter((c) => c.name === name).length;
    if (count !== 1) throw new ExportRuleError(count === 0 ? 'element.missing' : 'element.too-many', `Employee/${name}`, `Employee must hold exactly one ${name} (found ${count})`);
  }
}

function readText(element: XmlElement): string {
  attributesOf(element, []);
  const value = text(textContent(element));
  if (value === undefined) throw new ExportRuleError('text.length', `Employee/${element.name}`, `Employee/${element.name} must be 1 to 200 characters`);
  return value;
}

function readQualification(element: XmlElement): Qualification {
  attributesOf(element, []);
  const value = oneOf(QUALIFICATIONS, textContent(element));
  if (value === undefined) throw new ExportRuleError('value.not-allowed', 'Employee/Qualification', `Employee/Qualification is not one of ${QUALIFICATIONS.join(', ')}`);
  return value;
}

function readDelegation(element: XmlElement): Delegation {
  attributesOf(element, ['type', 'validTo']);
  isEmpty(element);
  return { type: required(element, 'type', isCode, CODE_RULE), validTo: required(element, 'validTo', date, DATE_RULE) };
}

function readShift(element: XmlElement): Shift {
  attributesOf(element, ['date', 'start', 'end', 'type']);
  const shiftDate = required(element, 'date', date, DATE_RULE);
  const children = elementChildren(element);
  const unknown = children.find((c) => c.name !== 'Break');
  if (unknown) throw new ExportRuleError('element.unexpected', `Shift/${unknown.name}`, `Shift on ${shiftDate} holds an element ${unknown.name} that the schema does not define`);
  if (children.length > MAX_BREAKS) throw new ExportRuleError('element.too-many', 'Shift/Break', `Shift on ${shiftDate} has ${children.length} breaks (at most ${MAX_BREAKS})`);
  return {
    date: shiftDate,
    start: required(element, 'start', localTime, TIME_RULE),
    end: required(element, 'end', localTime, TIME_RULE),
    type: required(element, 'type', (v) => oneOf(SHIFT_TYPES, v), oneOfRule(SHIFT_TYPES)),
    breaks: children.map(readBreak),
  };
}

function readBreak(element: XmlElement): ScheduleBreak {
  attributesOf(element, ['start', 'end']);
  isEmpty(element);
  return { start: required(element, 'start', localTime, TIME_RULE), end: required(element, 'end', localTime, TIME_RULE) };
}

function oneOfRule(values: readonly string[]): ValueRule {
  return { code: 'value.not-allowed', text: `one of ${values.join(', ')}` };
}

function readAbsence(element: XmlElement): Absence {
  attributesOf(element, ['date', 'code', 'from', 'to']);
  isEmpty(element);
  const absenceDate = required(element, 'date', date, DATE_RULE);
  const absenceCode = required(element, 'code', (v) => oneOf(ABSENCE_CODES, v), oneOfRule(ABSENCE_CODES));
  const from = optional(element, 'from', localTime, TIME_RULE);
  const to = optional(element, 'to', localTime, TIME_RULE);
  if ((from === undefined) !== (to === undefined)) {
    throw new ExportRuleError('time-span.incomplete', `Absence/@${from === undefined ? 'to' : 'from'}`, `Absence on ${absenceDate} has ${from === undefined ? 'to' : 'from'} without ${from === undefined ? 'from' : 'to'} (both or neither)`);
  }
  return from === undefined || to === undefined ? { date: absenceDate, code: absenceCode } : { date: absenceDate, code: absenceCode, from, to };
}
