import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { validateSync } from 'class-validator';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { maintenanceWindowProblems, TIME_OF_DAY_NAMES } from '@brygga/domain';
import type { MappingRules } from '@brygga/mapping';
import { MappingRulesError } from './mapping-rules.error';
import {
  ABSENCE_REASONS,
  InterventionRuleSchema,
  MappingRulesRootSchema,
  PostalCodeTeamSchema,
  ProviderRuleSchema,
  TenantRuleSchema,
  TimeWindowSchema,
  UnitRuleSchema,
} from './mapping-rules.schema';

export { MappingRulesError } from './mapping-rules.error';

type Schema = new () => object;
type Problems = string[];

const QUALIFICATIONS = ['USK', 'VB', 'SSK'];
const ABSENCE_CODES = ['SJK', 'SEM', 'FPL', 'UTB', 'OVR'];

/** Reads, validates and versions the mapping-rules file; throws MappingRulesError naming every problem. */
export function loadMappingRules(path: string): MappingRules {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'unreadable';
    throw new MappingRulesError(path, [`the file cannot be read (${code})`]);
  }
  return parseMappingRules(text, path);
}

export function parseMappingRules(text: string, sourceName: string): MappingRules {
  let data: unknown;
  try {
    data = parseYaml(text, { uniqueKeys: true });
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? ` at line ${err.linePos[0].line}` : '';
    const what = err instanceof YAMLParseError ? err.code : 'unreadable';
    throw new MappingRulesError(sourceName, [`not valid YAML${where} (${what})`]);
  }
  const problems: Problems = [];
  if (!isMap(data)) throw new MappingRulesError(sourceName, ['the file must hold a map of rules at its top level']);
  checkShape(MappingRulesRootSchema, data, '', problems);
  if (problems.length === 0) checkContent(data, problems);
  if (problems.length > 0) throw new MappingRulesError(sourceName, problems);
  const version = createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 12);
  return { ...(data as unknown as Omit<MappingRules, 'version'>), version };
}

function checkContent(data: Record<string, unknown>, problems: Problems): void {
  checkTimeZone(data.timeZone as string, problems);
  const tenants = eachEntry(data.tenants, 'tenants', problems, (v, path) => {
    if (checkShape(TenantRuleSchema, v, path, problems) && v.maintenance !== undefined) checkList(v.maintenance, `${path}.maintenance`, problems, (w, p) => checkMaintenanceWindow(w, p, problems));
  });
  eachEntry(data.providers, 'providers', problems, (v, path) => {
    if (!checkShape(ProviderRuleSchema, v, path, problems)) return;
    checkKnown(v.tenant, tenants, `${path}.tenant`, 'tenant', 'tenants', problems);
    if (v.postalCodeTeams !== undefined) checkList(v.postalCodeTeams, `${path}.postalCodeTeams`, problems, (e, p) => checkShape(PostalCodeTeamSchema, e, p, problems));
  });
  const codes = eachEntry(data.interventions, 'interventions', problems, (v, path) => checkIntervention(v, path, problems));
  eachEntry(data.retiredCodes, 'retiredCodes', problems, (v, path, key) => {
    if (typeof v !== 'string') return problems.push(`${path}: must be the code that replaced it`);
    if (codes.has(key)) problems.push(`${path}: is also a current code in interventions`);
    checkKnown(v, codes, path, 'code', 'interventions', problems);
  });
  checkExactKeys(data.timesOfDay, 'timesOfDay', TIME_OF_DAY_NAMES, problems, (v, path) => checkShape(TimeWindowSchema, v, path, problems));
  eachEntry(data.units, 'units', problems, (v, path) => {
    if (checkShape(UnitRuleSchema, v, path, problems)) checkKnown(v.tenant, tenants, `${path}.tenant`, 'tenant', 'tenants', problems);
  });
  checkExactKeys(data.qualificationSkills, 'qualificationSkills', QUALIFICATIONS, problems, (v, path) => checkSkills(v, path, problems));
  checkExactKeys(data.absenceReasons, 'absenceReasons', ABSENCE_CODES, problems, (v, path) => {
    if (!(ABSENCE_REASONS as readonly unknown[]).includes(v)) problems.push(`${path}: must be one of ${ABSENCE_REASONS.join(', ')}`);
  });
}

function checkIntervention(v: unknown, path: string, problems: Problems): void {
  if (!checkShape(InterventionRuleSchema, v, path, problems)) return;
  if (v.planned === true) {
    for (const field of ['activityCode', 'title', 'standardMinutes']) {
      if (v[field] === undefined) problems.push(`${path}.${field}: is required when planned is true`);
    }
  }
  if (v.requiredSkills !== undefined) checkSkills(v.requiredSkills, `${path}.requiredSkills`, problems);
  if (v.standardMinutesByTimeOfDay !== undefined) {
    eachEntry(v.standardMinutesByTimeOfDay, `${path}.standardMinutesByTimeOfDay`, problems, (m, p, name) => {
      if (!(TIME_OF_DAY_NAMES as readonly string[]).includes(name)) problems.push(`${p}: unknown time of day (one of ${TIME_OF_DAY_NAMES.join(', ')})`);
      else if (typeof m !== 'number' || !Number.isInteger(m) || m < 1 || m > 600) problems.push(`${p}: must be a whole number of minutes, 1 to 600`);
    });
  }
}

const MAINTENANCE_KEYS = ['from', 'until', 'reason'];

function checkMaintenanceWindow(w: unknown, path: string, problems: Problems): void {
  if (!isMap(w)) return void problems.push(`${path}: must be a map of from, until and reason`);
  for (const key of Object.keys(w)) if (!MAINTENANCE_KEYS.includes(key)) problems.push(`${path}.${key}: unknown key (one of ${MAINTENANCE_KEYS.join(', ')})`);
  for (const problem of maintenanceWindowProblems(w)) problems.push(`${path}.${problem}`);
}

function checkTimeZone(zone: string, problems: Problems): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    problems.push(`timeZone: unknown IANA time zone "${zone}"`);
  }
}

function checkSkills(v: unknown, path: string, problems: Problems): void {
  checkList(v, path, problems, (s, p) => {
    if (typeof s !== 'string' || s.trim() === '') problems.push(`${p}: must be a non-empty skill name`);
  });
}

function checkKnown(value: unknown, known: Set<string>, path: string, what: string, where: string, problems: Problems): void {
  if (typeof value === 'string' && !known.has(value)) problems.push(`${path}: unknown ${what} "${value}" (not in ${where})`);
}

/** Validates one fixed-shape object; unknown keys are errors (a typo must not be ignored silently). */
function checkShape(schema: Schema, value: unknown, path: string, problems: Problems): value is Record<string, unknown> {
  if (!isMap(value)) {
    problems.push(`${path || '(top level)'}: must be a map`);
    return false;
  }
  const before = problems.length;
  const instance = Object.assign(new schema(), value);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  for (const error of errors) {
    const at = path ? `${path}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    if (constraints.whitelistValidation) problems.push(`${at}: unknown key`);
    else if (value[error.property] === undefined) problems.push(`${at}: is required`);
    else problems.push(`${at}: ${Object.values(constraints)[0] ?? 'is invalid'}`);
  }
  return problems.length === before;
}

function eachEntry(
  map: unknown,
  path: string,
  problems: Problems,
  check: (value: unknown, path: string, key: string) => unknown,
): Set<string> {
  if (!isMap(map)) {
    problems.push(`${path}: must be a map`);
    return new Set();
  }
  for (const [key, value] of Object.entries(map)) check(value, `${path}.${key}`, key);
  return new Set(Object.keys(map));
}

function checkExactKeys(
  map: unknown,
  path: string,
  keys: readonly string[],
  problems: Problems,
  check: (value: unknown, path: string) => unknown,
): void {
  if (!isMap(map)) {
    problems.push(`${path}: must be a map`);
    return;
  }
  for (const key of keys) if (!(key in map)) problems.push(`${path}.${key}: is required`);
  for (const [key, value] of Object.entries(map)) {
    if (!keys.includes(key)) problems.push(`${path}.${key}: unknown key (one of ${keys.join(', ')})`);
    else check(value, `${path}.${key}`);
  }
}

function checkList(v: unknown, path: string, problems: Problems, check: (item: unknown, path: string) => unknown): void {
  if (!Array.isArray(v)) {
    problems.push(`${path}: must be a list`);
    return;
  }
  v.forEach((item, i) => check(item, `${path}[${i}]`));
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
