import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsDir } from '@brygga/config';
import { parseScheduleExport } from './schedule-export.parser';

/** Employee/@homeUnit (schedule-export-1.xsd): optional, a Code, names the lent employee's own unit. */
const nattLan = readFileSync(join(contractsDir(), 'scheduling-system', 'examples', 'schedule-natt-lan.xml'), 'utf8');
const withJonas = (attributes: string) => Buffer.from(nattLan.replace('employmentNo="E10377" homeUnit="NORR-1"', attributes), 'utf8');

describe('readEmployee: homeUnit', () => {
  it('reads it where given and leaves it out where absent', () => {
    const s = parseScheduleExport(Buffer.from(nattLan, 'utf8'));
    expect(s.quarantined).toEqual([]);
    expect(s.employees.map((e) => [e.id, e.homeUnit])).toEqual([
      ['TC-001204', undefined],
      ['TC-000912', 'NORR-1'],
    ]);
    expect('homeUnit' in s.employees[0]).toBe(false);
  });

  it.each([
    ['not a code', 'employmentNo="E10377" homeUnit="NORR 1"', /homeUnit is not a code/],
    ['empty', 'employmentNo="E10377" homeUnit=""', /homeUnit is not a code/],
  ])('quarantines the employee when it is %s, naming the attribute and the rule', (_what, attributes, reason) => {
    const s = parseScheduleExport(withJonas(attributes));
    expect(s.employees.map((e) => e.id)).toEqual(['TC-001204']);
    expect(s.quarantined).toHaveLength(1);
    expect(s.quarantined[0].reason).toMatchObject({ code: 'code.format', path: 'Employee/@homeUnit', text: expect.stringMatching(reason) });
    expect(JSON.stringify(s.quarantined[0].reason)).not.toMatch(/Jonas|Nilsson/);
  });

  it('still refuses an attribute the schema does not define', () => {
    const s = parseScheduleExport(withJonas('employmentNo="E10377" homeTeam="NORR-1"'));
    expect(s.quarantined[0].reason).toMatchObject({ code: 'attribute.unexpected', path: 'Employee/@homeTeam', text: expect.stringMatching(/attribute homeTeam that the schema does not define/) });
  });
});
