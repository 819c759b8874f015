import type { Absence, Employee, Schedule, ScheduleUnit, Shift } from '@brygga/domain';

export const SCHEDULE_NAMESPACE = 'urn:se:schema:export:1';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** Characters XML 1.0 cannot carry at all, even escaped. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text and attribute values; refuses characters XML cannot represent (naming the field only). */
export function escapeXml(value: string, field: string): string {
  if (NOT_XML.test(value)) throw new Error(`${field}: contains a character that XML cannot carry`);
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function attributes(pairs: ReadonlyArray<[string, string | number | undefined]>, where: string): string {
  return pairs
    .filter((pair): pair is [string, string | number] => pair[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value), `${where}/@${name}`)}"`)
    .join('');
}

type DatedEntry = { kind: 'shift'; value: Shift } | { kind: 'absence'; value: Absence };

/** Shifts and absences of one employee in date order; the schema allows them mixed. */
function entriesInDateOrder(employee: Employee): DatedEntry[] {
  const entries: DatedEntry[] = [
    ...employee.shifts.map((value): DatedEntry => ({ kind: 'shift', value })),
    ...employee.absences.map((value): DatedEntry => ({ kind: 'absence', value })),
  ];
  const rank = (e: DatedEntry) => `${e.value.date}|${e.kind === 'shift' ? `0${e.value.start}` : `1${e.value.from ?? ''}`}`;
  return entries.sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}

function writeShift(shift: Shift, where: string): string[] {
  const open = `      <Shift${attributes([['date', shift.date], ['start', shift.start], ['end', shift.end], ['type', shift.type]], where)}`;
  if (shift.breaks.length === 0) return [`${open}/>`];
  return [
    `${open}>`,
    ...shift.breaks.map((b) => `        <Break${attributes([['start', b.start], ['end', b.end]], `${where}/Break`)}/>`),
    '      </Shift>',
  ];
}

function writeAbsence(absence: Absence, where: string): string {
  return `      <Absence${attributes([['date', absence.date], ['code', absence.code], ['from', absence.from], ['to', absence.to]], where)}/>`;
}

function writeEmployee(employee: Employee): string[] {
  const where = `Employee[${employee.id}]`;
  return [
    // homeUnit only for lent staff: absent means the exporting unit.
    `    <Employee${attributes([['id', employee.id], ['employmentNo', employee.employmentNumber], ['homeUnit', employee.homeUnit]], where)}>`,
    // Element order is fixed by the XSD sequence.
    `      <FirstName>${escapeXml(employee.firstName, `${where}/FirstName`)}</FirstName>`,
    `      <LastName>${escapeXml(employee.lastName, `${where}/LastName`)}</LastName>`,
    `      <Qualification>${escapeXml(employee.qualification, `${where}/Qualification`)}</Qualification>`,
    ...employee.delegations.map((d) => `      <Delegation${attributes([['type', d.type], ['validTo', d.validTo]], `${where}/Delegation`)}/>`),
    ...entriesInDateOrder(employee).flatMap((entry) =>
      entry.kind === 'shift' ? writeShift(entry.value, `${where}/Shift`) : [writeAbsence(entry.value, `${where}/Absence`)],
    ),
    '    </Employee>',
  ];
}

/** A `ScheduleExport` document (schedule-export-1.xsd), UTF-8. */
export function writeScheduleXml(schedule: Schedule): string {
  const root = attributes(
    [
      ['xmlns', SCHEDULE_NAMESPACE],
      ['generated', schedule.generated],
      ['revision', schedule.revision],
      ['periodStart', schedule.periodStart],
      ['periodEnd', schedule.periodEnd],
    ],
    'ScheduleExport',
  );
  const unit = schedule.unit;
  return [
    XML_DECLARATION,
    `<ScheduleExport${root}>`,
    `  <Unit${attributes([['id', unit.id], ['name', unit.name], ['costCenter', unit.costCenter]], 'Unit')}>`,
    ...schedule.employees.flatMap(writeEmployee),
    '  </Unit>',
    '</ScheduleExport>',
    '',
  ].join('\n');
}

/** The `GET /api/units` answer: `<Units><Unit id=".." name=".."/>…</Units>`. */
export function writeUnitsXml(units: readonly ScheduleUnit[]): string {
  const lines = units.map((u) => `  <Unit${attributes([['id', u.id], ['name', u.name]], 'Unit')}/>`);
  return [XML_DECLARATION, '<Units>', ...lines, '</Units>', ''].join('\n');
}
