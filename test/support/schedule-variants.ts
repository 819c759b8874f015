import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsDir } from '@brygga/config';

/** Builds schedule exports (schedule-export-1.xsd) for the e2e variants; names are made up. */
export interface EmployeeSpec {
  id: string;
  employmentNo: string;
  /** Lent staff: the unit they belong to (Employee/@homeUnit). */
  homeUnit?: string;
  qualification?: 'USK' | 'VB' | 'SSK';
  delegations?: Array<{ type: string; validTo: string }>;
  shifts?: Array<{ date: string; start: string; end: string; type?: string; breaks?: Array<[string, string]> }>;
  absences?: Array<{ date: string; code: string; from?: string; to?: string }>;
}

export function scheduleExport(opts: { unit: string; revision: number; periodStart: string; periodEnd: string; employees: EmployeeSpec[] }): Buffer {
  const employees = opts.employees.map((e) => {
    const lines = [
      `    <Employee id="${e.id}" employmentNo="${e.employmentNo}"${e.homeUnit ? ` homeUnit="${e.homeUnit}"` : ''}>`,
      `      <FirstName>Test</FirstName>`,
      `      <LastName>Person ${e.id}</LastName>`,
      `      <Qualification>${e.qualification ?? 'USK'}</Qualification>`,
      ...(e.delegations ?? []).map((d) => `      <Delegation type="${d.type}" validTo="${d.validTo}"/>`),
      ...(e.shifts ?? []).map((s) =>
        [
          `      <Shift date="${s.date}" start="${s.start}" end="${s.end}" type="${s.type ?? 'DAG'}">`,
          ...(s.breaks ?? []).map(([start, end]) => `        <Break start="${start}" end="${end}"/>`),
          `      </Shift>`,
        ].join('\n'),
      ),
      ...(e.absences ?? []).map((a) => `      <Absence date="${a.date}" code="${a.code}"${a.from ? ` from="${a.from}" to="${a.to}"` : ''}/>`),
      `    </Employee>`,
    ];
    return lines.join('\n');
  });
  return Buffer.from(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<ScheduleExport xmlns="urn:se:schema:export:1" generated="2026-11-20T10:00:00+01:00" revision="${opts.revision}" periodStart="${opts.periodStart}" periodEnd="${opts.periodEnd}">`,
      `  <Unit id="${opts.unit}" name="Test unit" costCenter="4700">`,
      ...employees,
      '  </Unit>',
      '</ScheduleExport>',
      '',
    ].join('\n'),
  );
}

export function scheduleExample(name: string): Buffer {
  return readFileSync(join(contractsDir(), 'scheduling-system', 'examples', name));
}
