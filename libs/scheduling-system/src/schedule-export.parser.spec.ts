import type { ReasonCode } from '@brygga/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsDir } from '@brygga/config';
import { parseScheduleExport } from './schedule-export.parser';
import { ScheduleRejectedError } from './schedule-rejected.error';

const examples = join(contractsDir(), 'scheduling-system', 'examples');
const norr1 = readFileSync(join(examples, 'schedule-norr1.xml'), 'utf8');
const natt = readFileSync(join(examples, 'schedule-natt-dst.xml'), 'utf8');

/** The NORR-1 example with one literal edit; fails the test if the edit does not apply. */
function norr1With(from: string, to: string): Buffer {
  if (!norr1.includes(from)) throw new Error(`edit target not in the example: ${from}`);
  return Buffer.from(norr1.replace(from, to), 'utf8');
}

function rejection(buf: Buffer): string {
  try {
    parseScheduleExport(buf);
  } catch (err) {
    if (err instanceof ScheduleRejectedError) return err.reason;
    throw err;
  }
  throw new Error('expected the export to be rejected');
}

describe('parseScheduleExport: the contract examples', () => {
  it('reads schedule-norr1.xml whole', () => {
    const s = parseScheduleExport(Buffer.from(norr1, 'utf8'));
    expect(s.quarantined).toEqual([]);
    expect(s).toMatchObject({ generated: '2026-11-20T15:02:44+01:00', revision: 57, periodStart: '2026-11-23', periodEnd: '2026-11-29' });
    expect(s.unit).toEqual({ id: 'NORR-1', name: 'Hemtjänst Norr, arbetslag 1', costCenter: '4711' });
    expect(s.employees.map((e) => e.employmentNumber)).toEqual(['E10234', 'E10377']);
    const [leila, jonas] = s.employees;
    expect(leila).toMatchObject({ id: 'TC-000871', firstName: 'Leila', lastName: 'Haddad', qualification: 'USK' });
    expect(leila.delegations).toEqual([
      { type: 'lakemedel', validTo: '2027-03-31' },
      { type: 'insulin', validTo: '2026-10-31' },
    ]);
    expect(leila.shifts).toHaveLength(4);
    expect(leila.shifts[0]).toEqual({ date: '2026-11-23', start: '07:00', end: '16:00', type: 'DAG', breaks: [{ start: '11:30', end: '12:00' }] });
    expect(leila.shifts[3]).toEqual({ date: '2026-11-27', start: '16:00', end: '20:00', type: 'DELAD', breaks: [] });
    expect(leila.absences).toEqual([{ date: '2026-11-25', code: 'SJK' }]);
    expect(jonas.shifts[0].type).toBe('KVÄLL');
    expect(jonas.absences).toEqual([{ date: '2026-11-24', code: 'UTB', from: '08:00', to: '12:00' }]);
  });

  it('reads schedule-natt-dst.xml with Swedish letters', () => {
    const s = parseScheduleExport(Buffer.from(natt, 'utf8'));
    expect(s.unit.id).toBe('NATT');
    expect(s.employees[0]).toMatchObject({ firstName: 'Åsa', lastName: 'Öhman', employmentNumber: 'E09811' });
    expect(s.employees[0].shifts.map((x) => [x.date, x.start, x.end, x.type])).toEqual([
      ['2026-10-24', '21:15', '07:15', 'NATT'],
      ['2026-10-25', '21:15', '07:15', 'NATT'],
    ]);
  });
});

describe('parseScheduleExport: encodings and Swedish letters', () => {
  const latin1Text = natt.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
  const cases: Array<[string, Buffer]> = [
    ['UTF-8 without BOM', Buffer.from(natt, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(natt, 'utf8')])],
    ['ISO-8859-1 declared', Buffer.from(latin1Text, 'latin1')],
    ['character references', Buffer.from(natt.replace('<FirstName>Åsa', '<FirstName>&#xC5;sa').replace('Öhman', '&#214;hman'), 'utf8')],
  ];
  it.each(cases)('%s', (_label, buf) => {
    const s = parseScheduleExport(buf);
    expect([s.employees[0].firstName, s.employees[0].lastName]).toEqual(['Åsa', 'Öhman']);
    expect(s.employees[0].shifts[1].type).toBe('NATT');
  });

  it('keeps KVÄLL and a Swedish-letter code in ISO-8859-1', () => {
    const text = norr1.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace('type="lakemedel"', 'type="läkemedel"');
    const s = parseScheduleExport(Buffer.from(text, 'latin1'));
    expect(s.employees[0].delegations[0].type).toBe('läkemedel');
    expect(s.employees[1].shifts[0].type).toBe('KVÄLL');
    expect(s.unit.name).toBe('Hemtjänst Norr, arbetslag 1');
  });

  it('keeps an escaped ampersand literal (no double decoding)', () => {
    const s = parseScheduleExport(Buffer.from(natt.replace('<FirstName>Åsa', '<FirstName>&amp;#xC5;sa'), 'utf8'));
    expect(s.employees[0].firstName).toBe('&#xC5;sa');
  });

  it('rejects latin1 bytes in a document that says UTF-8', () => {
    expect(rejection(Buffer.from(natt, 'latin1'))).toMatch(/not valid UTF-8/);
  });

  it('rejects an encoding it does not support', () => {
    expect(rejection(Buffer.from(natt.replace('encoding="UTF-8"', 'encoding="EBCDIC-SE"'), 'utf8'))).toMatch(/declared encoding is not one the contract allows \(UTF-8 or ISO-8859-1; it declares EBCDIC-SE\)/);
  });
});

describe('parseScheduleExport: documents rejected whole', () => {
  const cases: Array<[string, Buffer, RegExp]> = [
    ['not well-formed', norr1With('</Unit>', ''), /not well-formed XML/],
    ['wrong root', Buffer.from(norr1.replace(/ScheduleExport/g, 'Export'), 'utf8'), /root element must be ScheduleExport/],
    ['no namespace', norr1With(' xmlns="urn:se:schema:export:1"', ''), /root element must be ScheduleExport in namespace/],
    ['other namespace', norr1With('urn:se:schema:export:1', 'urn:se:schema:export:2'), /namespace urn:se:schema:export:1/],
    ['revision zero', norr1With('revision="57"', 'revision="0"'), /@revision is not a positive integer/],
    ['revision not a number', norr1With('revision="57"', 'revision="5x"'), /@revision is not a positive integer/],
    ['revision missing', norr1With('revision="57" ', ''), /@revision is missing/],
    ['date not real', norr1With('periodEnd="2026-11-29"', 'periodEnd="2026-02-30"'), /@periodEnd is not a real date/],
    ['period reversed', norr1With('periodStart="2026-11-23"', 'periodStart="2026-12-01"'), /periodStart is after periodEnd/],
    ['generated without offset', norr1With('2026-11-20T15:02:44+01:00', '2026-11-20T15:02:44'), /@generated is not a date-time with an offset/],
    ['unit id breaks Code', norr1With('id="NORR-1"', 'id="NORR 1"'), /Unit\/@id is not a code/],
    ['unit costCenter missing', norr1With(' costCenter="4711"', ''), /Unit\/@costCenter is missing/],
    ['two units', norr1With('</Unit>', '</Unit><Unit id="X" name="x" costCenter="1"/>'), /exactly one Unit/],
    ['unknown header attribute', norr1With('revision="57"', 'revision="57" foo="1"'), /attribute foo/],
    ['DOCTYPE', norr1With('<ScheduleExport', '<!DOCTYPE ScheduleExport><ScheduleExport'), /DOCTYPE/],
    ['unknown element in unit', norr1With('</Unit>', '<Note/></Unit>'), /element Note/],
  ];
  it.each(cases)('%s', (_label, buf, reason) => {
    expect(rejection(buf)).toMatch(reason);
  });

  it('accepts the root under a namespace prefix and an xsi:schemaLocation', () => {
    const text = norr1
      .replace(/<(\/?)(ScheduleExport|Unit|Employee|FirstName|LastName|Qualification|Delegation|Shift|Break|Absence)\b/g, '<$1s:$2')
      .replace('xmlns="urn:se:schema:export:1"', 'xmlns:s="urn:se:schema:export:1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:se:schema:export:1 x.xsd"');
    const s = parseScheduleExport(Buffer.from(text, 'utf8'));
    expect(s.quarantined).toEqual([]);
    expect(s.employees).toHaveLength(2);
  });
});

describe('parseScheduleExport: one employee quarantined, the rest applied', () => {
  const leila = 'TC-000871';
  const cases: Array<[string, Buffer, RegExp, ReasonCode]> = [
    ['shift type not in enum', norr1With('type="DAG">\n        <Break start="11:30"', 'type="DAGG">\n        <Break start="11:30"'), /Shift\/@type is not one of DAG, KVÄLL, NATT, DELAD/, 'value.not-allowed'],
    ['time not HH:MM', norr1With('start="07:00" end="16:00"', 'start="7:00" end="16:00"'), /Shift\/@start is not a time HH:MM/, 'time.invalid'],
    ['time 24:00', norr1With('start="07:00" end="16:00"', 'start="07:00" end="24:00"'), /Shift\/@end is not a time HH:MM/, 'time.invalid'],
    ['shift date not real', norr1With('<Shift date="2026-11-23" start="07:00"', '<Shift date="2026-11-31" start="07:00"'), /Shift\/@date is not a real date/, 'date.invalid'],
    ['five breaks', norr1With('<Break start="11:30" end="12:00"/>', '<Break start="08:00" end="08:10"/>'.repeat(4) + '<Break start="11:30" end="12:00"/>'), /has 5 breaks \(at most 4\)/, 'element.too-many'],
    ['absence code not in enum', norr1With('code="SJK"', 'code="SJUK"'), /Absence\/@code is not one of SJK, SEM, FPL, UTB, OVR/, 'value.not-allowed'],
    ['absence from without to', norr1With('<Absence date="2026-11-25" code="SJK"/>', '<Absence date="2026-11-25" code="SJK" from="08:00"/>'), /has from without to \(both or neither\)/, 'time-span.incomplete'],
    ['qualification not in enum', norr1With('<Qualification>USK</Qualification>\n      <Delegation type="lakemedel"', '<Qualification>LÄK</Qualification>\n      <Delegation type="lakemedel"'), /Qualification is not one of USK, VB, SSK/, 'value.not-allowed'],
    ['first name empty', norr1With('<FirstName>Leila</FirstName>', '<FirstName></FirstName>'), /FirstName must be 1 to 200 characters/, 'text.length'],
    ['last name too long', norr1With('<LastName>Haddad</LastName>', `<LastName>${'Å'.repeat(201)}</LastName>`), /LastName must be 1 to 200 characters/, 'text.length'],
    ['qualification missing', norr1With('<Qualification>USK</Qualification>\n      <Delegation type="lakemedel"', '<Delegation type="lakemedel"'), /exactly one Qualification/, 'element.missing'],
    ['delegation after a shift', norr1With('<Absence date="2026-11-25" code="SJK"/>', '<Absence date="2026-11-25" code="SJK"/><Delegation type="x" validTo="2027-01-01"/>'), /out of the schema's order/, 'element.out-of-order'],
    ['delegation type breaks Code', norr1With('type="insulin"', 'type="insulin pump"'), /Delegation\/@type is not a code/, 'code.format'],
    ['delegation validTo not real', norr1With('validTo="2026-10-31"', 'validTo="2026-13-01"'), /Delegation\/@validTo is not a real date/, 'date.invalid'],
    ['unknown element', norr1With('<Absence date="2026-11-25" code="SJK"/>', '<Absence date="2026-11-25" code="SJK"/><Phone>070</Phone>'), /element Phone that the schema does not define/, 'element.unexpected'],
  ];
  it.each(cases)('%s', (_label, buf, rule, code) => {
    const s = parseScheduleExport(buf);
    expect(s.employees.map((e) => e.id)).toEqual(['TC-000912']);
    expect(s.quarantined).toHaveLength(1);
    expect(s.quarantined[0]).toMatchObject({ employeeId: leila, employmentNumber: 'E10234' });
    expect(s.quarantined[0].reason.code).toBe(code);
    expect(s.quarantined[0].reason.text).toMatch(new RegExp(`^employee ${leila}: `));
    expect(s.quarantined[0].reason.text).toMatch(rule);
    for (const personal of ['Leila', 'Haddad', 'ÅÅÅ', 'LÄK', '070']) expect(JSON.stringify(s.quarantined[0].reason)).not.toContain(personal);
  });

  it('names the position when the employee id itself is broken', () => {
    const s = parseScheduleExport(norr1With('id="TC-000871" employmentNo="E10234"', 'id="TC 871" employmentNo="E10234"'));
    expect(s.quarantined).toEqual([
      {
        employeeId: '#1',
        employmentNumber: 'E10234',
        reason: { code: 'code.format', path: 'Employee/@id', text: 'employee at position 1 (no valid id): Employee/@id is not a code ([A-Za-z0-9ÅÄÖåäö_.-], 1 to 64 characters)' },
      },
    ]);
  });
});
