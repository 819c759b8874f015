import type { Schedule } from '@brygga/domain';
import { ScheduleXmlError, readScheduleXml } from './schedule-xml.reader';
import { escapeXml, writeScheduleXml, writeUnitsXml } from './schedule-xml.writer';

const schedule: Schedule = {
  generated: '2026-11-20T15:02:44+01:00',
  revision: 3,
  periodStart: '2026-11-23',
  periodEnd: '2026-11-24',
  unit: { id: 'NORR-1', name: 'Hemtjänst Norr & "Co" <1>', costCenter: '4711' },
  employees: [
    {
      id: 'TC-1',
      employmentNumber: 'E11000',
      firstName: "Åsa-'Märta'",
      lastName: 'Öhman & <Söner>',
      qualification: 'USK',
      delegations: [{ type: 'lakemedel', validTo: '2027-01-31' }],
      shifts: [
        { date: '2026-11-24', start: '07:00', end: '16:00', type: 'DAG', breaks: [{ start: '11:30', end: '12:00' }] },
        { date: '2026-11-23', start: '16:00', end: '20:00', type: 'DELAD', breaks: [] },
      ],
      absences: [{ date: '2026-11-23', code: 'UTB', from: '08:00', to: '12:00' }],
    },
    { id: 'TC-2', employmentNumber: 'E11001', firstName: 'Jonas', lastName: 'Nilsson', qualification: 'VB', delegations: [], shifts: [], absences: [] },
  ],
};

describe('schedule XML writer and reader', () => {
  it('round-trips a schedule, escaping what must be escaped', () => {
    const xml = writeScheduleXml(schedule);
    expect(xml).toContain('Öhman &amp; &lt;Söner&gt;');
    expect(xml).toContain('name="Hemtjänst Norr &amp; &quot;Co&quot; &lt;1&gt;"');
    expect(readScheduleXml(xml)).toEqual({
      ...schedule,
      // The writer puts shifts in date order.
      employees: [{ ...schedule.employees[0], shifts: [schedule.employees[0].shifts[1], schedule.employees[0].shifts[0]] }, schedule.employees[1]],
    });
  });

  it('writes the XSD element order and shifts and absences by date', () => {
    const xml = writeScheduleXml(schedule);
    const order = ['<FirstName>', '<LastName>', '<Qualification>', '<Delegation ', '<Shift date="2026-11-23"', '<Absence date="2026-11-23"', '<Shift date="2026-11-24"'];
    const positions = order.map((tag) => xml.indexOf(tag));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<ScheduleExport xmlns="urn:se:schema:export:1"')).toBe(true);
  });

  it('writes the unit list', () => {
    expect(writeUnitsXml([{ id: 'NATT', name: 'Nattpatrullen', costCenter: '4790' }])).toContain('<Units>\n  <Unit id="NATT" name="Nattpatrullen"/>\n</Units>');
  });

  it('refuses characters XML cannot carry, naming the field and not the value', () => {
    expect(() => escapeXml('Anna\u0001Berg', 'Employee[TC-1]/FirstName')).toThrow(/^Employee\[TC-1\]\/FirstName: /);
    expect(() => escapeXml('Anna\u0001Berg', 'x')).not.toThrow(/Anna/);
  });

  const broken: Array<[string, (xml: string) => string, RegExp]> = [
    ['a foreign namespace', (x) => x.replace('urn:se:schema:export:1', 'urn:other'), /@xmlns/],
    ['a time that is not HH:MM', (x) => x.replace('start="07:00"', 'start="7:00"'), /Employee\[@id=TC-1\]\/Shift\[2\]\/@start: invalid/],
    ['an unknown shift type', (x) => x.replace('type="DAG"', 'type="DAY"'), /@type: invalid/],
    ['an unknown element', (x) => x.replace('<Qualification>', '<Note>x</Note><Qualification>'), /unexpected element Note/],
    ['a missing last name', (x) => x.replace(/<LastName>Öhman[^\n]*\n/, ''), /Employee\[@id=TC-1\]\/LastName: required/],
    ['revision 0', (x) => x.replace('revision="3"', 'revision="0"'), /@revision: invalid/],
    ['a generated stamp without offset', (x) => x.replace('+01:00', ''), /@generated: invalid/],
    ['broken XML', (x) => x.replace('</Unit>', ''), /not well-formed/],
  ];

  it.each(broken)('rejects %s', (_name, breakIt, message) => {
    const xml = breakIt(writeScheduleXml(schedule));
    let caught: unknown;
    try {
      readScheduleXml(xml);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScheduleXmlError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toMatch(/Åsa|Öhman/);
  });
});
