import type { Employee, Reason, Schedule, ScheduleUnit } from '@brygga/domain';
import { decodeXmlDocument, readXmlDocument, type XmlElement } from '@brygga/xml-intake';
import { readEmployee } from './employee-element.reader';
import { attributesOf, elementChildren, EXPORT_NAMESPACE, required, type ValueRule } from './export-rule.checks';
import { ExportRuleError } from './export-rule.error';
import { asScheduleRejection, ScheduleRejectedError } from './schedule-rejected.error';
import { code, date, dateTimeWithOffset, positiveInteger } from './schedule-values.validators';

/** An employee left out of the schedule because their part of the export breaks a contract rule. */
export interface EmployeeQuarantine {
  /** The scheduling system's id, or `#<position>` when the element carries no valid id. */
  employeeId: string;
  /** Absent when the element carries no valid employment number. */
  employmentNumber?: string;
  /** Its text names the employee id and the rule; never a personal value. */
  reason: Reason;
}

/** The canonical schedule of the employees that passed, plus those that did not. */
export interface ParsedSchedule extends Schedule {
  quarantined: EmployeeQuarantine[];
}

const DATE_RULE: ValueRule = { code: 'date.invalid', text: 'a real date (YYYY-MM-DD)' };
const CODE_RULE: ValueRule = { code: 'code.format', text: 'a code ([A-Za-z0-9ÅÄÖåäö_.-], 1 to 64 characters)' };

/** The XSD's outer shape (ScheduleExport > Unit > Employee): anything else there is refused by the scan, before a parser builds it. */
const OUTER_ELEMENTS = [
  { depth: 1, names: new Set(['Unit']), refusal: (name: string) => `ScheduleExport holds an element ${name} that the schema does not define` },
  { depth: 2, names: new Set(['Employee']), refusal: (name: string) => `Unit holds an element ${name} that the schema does not define` },
];

/**
 * Parses a published schedule export (schedule-export-1.xsd). A broken document,
 * header or unit throws ScheduleRejectedError; a broken employee is quarantined and
 * the rest of the document stands, as the contract asks for the skipped-hour case.
 */
export function parseScheduleExport(buf: Buffer): ParsedSchedule {
  const { root } = asScheduleRejection(() => readXmlDocument(decodeXmlDocument(buf), { allowed: OUTER_ELEMENTS }));
  if (root.name !== 'ScheduleExport' || root.namespace !== EXPORT_NAMESPACE) {
    throw new ScheduleRejectedError(`the root element must be ScheduleExport in namespace ${EXPORT_NAMESPACE}`);
  }
  const { header, unitElement } = documentLevel(() => readHeader(root));
  const employees: Employee[] = [];
  const quarantined: EmployeeQuarantine[] = [];
  unitElement.children.forEach((element, index) => {
    try {
      employees.push(readEmployee(element));
    } catch (err) {
      if (!(err instanceof ExportRuleError)) throw err;
      quarantined.push(quarantineOf(element, index, err));
    }
  });
  return { ...header, employees, quarantined };
}

function readHeader(root: XmlElement): { header: Omit<Schedule, 'employees'>; unitElement: XmlElement } {
  attributesOf(root, ['generated', 'revision', 'periodStart', 'periodEnd']);
  const generated = required(root, 'generated', dateTimeWithOffset, { code: 'date-time.invalid', text: 'a date-time with an offset' });
  const revision = required(root, 'revision', positiveInteger, { code: 'number.invalid', text: 'a positive integer' });
  const periodStart = required(root, 'periodStart', date, DATE_RULE);
  const periodEnd = required(root, 'periodEnd', date, DATE_RULE);
  if (periodStart > periodEnd) throw new ExportRuleError('date.before-start', 'ScheduleExport/@periodEnd', 'periodStart is after periodEnd');
  const children = elementChildren(root);
  if (children.length !== 1 || children[0].name !== 'Unit') throw new ExportRuleError('element.unexpected', 'ScheduleExport/Unit', 'ScheduleExport must hold exactly one Unit and nothing else');
  const unitElement = children[0];
  return { header: { generated, revision, periodStart, periodEnd, unit: readUnit(unitElement) }, unitElement };
}

function readUnit(element: XmlElement): ScheduleUnit {
  attributesOf(element, ['id', 'name', 'costCenter']);
  const unit = {
    id: required(element, 'id', code, CODE_RULE),
    name: required(element, 'name', (v) => v, { code: 'text.length', text: 'a string' }),
    costCenter: required(element, 'costCenter', code, CODE_RULE),
  };
  const other = elementChildren(element).find((c) => c.name !== 'Employee');
  if (other) throw new ExportRuleError('element.unexpected', `Unit/${other.name}`, `Unit ${unit.id} holds an element ${other.name} that the schema does not define`);
  return unit;
}

function quarantineOf(element: XmlElement, index: number, broken: ExportRuleError): EmployeeQuarantine {
  const id = code(element.attributes.id);
  const employmentNumber = code(element.attributes.employmentNo);
  const employeeId = id ?? `#${index + 1}`;
  const reason: Reason = { code: broken.code, path: broken.path, text: `employee ${id ?? `at position ${index + 1} (no valid id)`}: ${broken.rule}` };
  return employmentNumber === undefined ? { employeeId, reason } : { employeeId, employmentNumber, reason };
}

function documentLevel<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof ExportRuleError) throw new ScheduleRejectedError(err.rule);
    throw err;
  }
}
