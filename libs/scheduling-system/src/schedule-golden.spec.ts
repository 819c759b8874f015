import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsDir, loadMappingRules, repoRoot } from '@brygga/config';
import { mapSchedule, type SchedulePlan } from '@brygga/mapping';
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
