import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsDir, loadMappingRules, repoRoot } from '@brygga/config';
import { mapSchedule, mergeStaffDay, type SchedulePlan, type StaffPlan } from '@brygga/mapping';
import { DateTime } from 'luxon';
import { parseScheduleExport } from './schedule-export.parser';

/**
 * The pure half of the schedules flow against the contract's golden files: export XML
 * -> parse -> map, shaped like expected/after-schedule-*.json (expected/README.md:
 * date-times compare as instants, skills computed on 2026-11-23).
 */
const contracts = contractsDir();
const rules = loadMappingRules(join(repoRoot(), 'config', 'mapping-rules.yaml'));
const TODAY = '2026-11-23';
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;

function asTenants(plan: SchedulePlan): unknown {
  if (plan.outcome !== 'apply') throw new Error('expected the unit to be served');
  const staff = Object.fromEntries(plan.staff.map((s) => [s.staffId, { staff: s.staff, days: s.days }]));
  return { tenants: { [plan.tenant]: { staff } }, quarantined: plan.quarantined };
}

/** Every date-time string replaced by its instant in epoch milliseconds. */
function instants(value: unknown): unknown {
  if (typeof value === 'string' && ISO_WITH_OFFSET.test(value)) return DateTime.fromISO(value).toMillis();
  if (Array.isArray(value)) return value.map(instants);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, instants(v)]));
  return value;
}

function dateTimes(value: unknown): string[] {
  if (typeof value === 'string') return ISO_WITH_OFFSET.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(dateTimes);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(dateTimes);
  return [];
}

describe.each([
  ['schedule-norr1.xml', 'after-schedule-norr1.json'],
  ['schedule-natt-dst.xml', 'after-schedule-natt-dst.json'],
])('%s -> %s', (example, golden) => {
  const plan = mapSchedule(parseScheduleExport(readFileSync(join(contracts, 'scheduling-system', 'examples', example))), rules, TODAY);
  const expected: unknown = JSON.parse(readFileSync(join(contracts, 'expected', golden), 'utf8'));
  const actual = asTenants(plan);

  it('holds what the golden file holds, date-times compared as instants', () => {
    expect(instants(actual)).toEqual(instants(expected));
  });

  it('writes every date-time with the Stockholm offset of its instant', () => {
    const all = dateTimes(actual);
    expect(all.length).toBeGreaterThan(0);
    for (const s of all) {
      const stockholm = DateTime.fromISO(s, { zone: 'Europe/Stockholm' }).toISO({ suppressMilliseconds: true });
      expect(s).toBe(stockholm);
    }
  });

  it('matches the golden strings exactly', () => {
    expect(actual).toEqual(expected);
  });
});

describe.each([
  ['schedule-norr1.xml', 'schedule-natt-lan.xml'],
  ['schedule-natt-lan.xml', 'schedule-norr1.xml'],
])('%s and %s -> after-schedule-natt-lan.json (each day the merge of every unit\'s part)', (...examples) => {
  const plans = examples.map((example) => mapSchedule(parseScheduleExport(readFileSync(join(contracts, 'scheduling-system', 'examples', example))), rules, TODAY));
  const expected: unknown = JSON.parse(readFileSync(join(contracts, 'expected', 'after-schedule-natt-lan.json'), 'utf8'));

  it('holds what the golden file holds', () => {
    const byStaff = new Map<string, StaffPlan[]>();
    for (const plan of plans) {
      if (plan.outcome !== 'apply') throw new Error('expected the unit to be served');
      for (const s of plan.staff) byStaff.set(s.staffId, [...(byStaff.get(s.staffId) ?? []), s]);
    }
    const staff = Object.fromEntries(
      [...byStaff].map(([id, parts]) => {
        const dates = [...new Set(parts.flatMap((p) => Object.keys(p.days)))].sort();
        const days = Object.fromEntries(dates.map((d) => [d, mergeStaffDay(parts.flatMap((p) => (p.days[d] ? [p.days[d]] : [])))]));
        return [id, { staff: parts[parts.length - 1].staff, days }];
      }),
    );
    expect(instants({ tenants: { kommunen: { staff } }, quarantined: plans.flatMap((p) => (p.outcome === 'apply' ? p.quarantined : [])) })).toEqual(instants(expected));
  });
});

describe('a skipped-hour time in an export, end to end', () => {
  const natt = readFileSync(join(contracts, 'scheduling-system', 'examples', 'schedule-natt-dst.xml'), 'utf8');
  // The autumn example moved to the spring night, plus a second employee whose break lies in the skipped hour.
  const bad = `<Employee id="TC-000999" employmentNo="E14001"><FirstName>Märta</FirstName><LastName>Lind</LastName><Qualification>VB</Qualification>
      <Shift date="2026-03-28" start="21:15" end="07:15" type="NATT"><Break start="02:15" end="02:45"/></Shift></Employee></Unit>`;
  const xml = natt
    .replace('periodStart="2026-10-24" periodEnd="2026-10-26"', 'periodStart="2026-03-28" periodEnd="2026-03-29"')
    .replace('<Shift date="2026-10-24"', '<Shift date="2026-03-28"')
    .replace(/<Shift date="2026-10-25"[\s\S]*?<\/Shift>/, '')
    .replace('</Unit>', bad);

  it('quarantines that employee, naming id and time, and applies the other', () => {
    const plan = mapSchedule(parseScheduleExport(Buffer.from(xml, 'utf8')), rules, TODAY);
    if (plan.outcome !== 'apply') throw new Error('expected the unit to be served');
    expect(plan.staff.map((s) => s.staffId)).toEqual(['E09811']);
    expect(plan.staff[0].days['2026-03-28'].shifts).toEqual([
      { start: '2026-03-28T21:15:00+01:00', end: '2026-03-29T07:15:00+02:00', kind: 'NATT', teamId: 'NATT', breaks: [{ start: '2026-03-29T01:00:00+01:00', end: '2026-03-29T01:30:00+01:00' }] },
    ]);
    expect(plan.quarantined).toHaveLength(1);
    expect(plan.quarantined[0]).toMatchObject({ employeeId: 'TC-000999', employmentNumber: 'E14001' });
    expect(plan.quarantined[0].reason.code).toBe('local-time.skipped');
    expect(plan.quarantined[0].reason.text).toContain('TC-000999');
    expect(plan.quarantined[0].reason.text).toContain('2026-03-29 02:15');
    expect(JSON.stringify(plan.quarantined[0].reason)).not.toMatch(/Märta|Lind/);
  });
});
