import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { repoRoot } from './contracts-dir';
import { loadMappingRules, MappingRulesError, parseMappingRules } from './mapping-rules.loader';

const shippedPath = join(repoRoot(), 'config', 'mapping-rules.yaml');
const shipped = readFileSync(shippedPath, 'utf8');

function problemsOf(text: string): string {
  try {
    parseMappingRules(text, 'rules.yaml');
  } catch (err) {
    if (err instanceof MappingRulesError) return err.message;
    throw err;
  }
  throw new Error('expected the rules to be rejected');
}

/** Replaces exactly one occurrence, so a broken variant cannot silently equal the shipped file. */
function edit(find: string, replace: string): string {
  const at = shipped.indexOf(find);
  if (at < 0 || shipped.indexOf(find, at + 1) >= 0) throw new Error(`test setup: "${find}" must occur exactly once`);
  return shipped.slice(0, at) + replace + shipped.slice(at + find.length);
}

describe('loadMappingRules: the shipped file', () => {
  const rules = loadMappingRules(shippedPath);

  it('loads and carries the first 12 hex of its sha256 as version', () => {
    expect(rules.version).toBe(createHash('sha256').update(shipped).digest('hex').slice(0, 12));
    expect(rules.timeZone).toBe('Europe/Stockholm');
    expect(rules.exactTimeMarginMinutes).toBe(30);
  });

  it('says what demo-municipality.md and kodlista.md say', () => {
    expect(rules.tenants.kommunen).toEqual({ baseUrl: 'http://localhost:4020/kommunen', tokenEnv: 'PLANNING_TOKEN_KOMMUNEN' });
    expect(rules.tenants.omsorgshuset).toEqual({ baseUrl: 'http://localhost:4020/omsorgshuset', tokenEnv: 'PLANNING_TOKEN_OMSORGSHUSET' });
    expect(rules.providers['HT-NORR']).toEqual({ tenant: 'kommunen', team: 'NORR-1', postalCodeTeams: [{ prefix: '904', team: 'NORR-2' }] });
    expect(rules.providers['HT-VÄST']).toEqual({ tenant: 'kommunen', team: 'VAST-1' });
    expect(rules.providers.OMSORGSHUSET).toEqual({ tenant: 'omsorgshuset', team: 'OH-1' });
    expect(Object.keys(rules.interventions)).toHaveLength(19);
    expect(rules.interventions.LAK).toEqual({ planned: true, activityCode: 'HSL-LAK', title: 'Läkemedelshjälp', standardMinutes: 5, requiredSkills: ['USK'] });
    expect(rules.interventions.TILLSYN.standardMinutesByTimeOfDay).toEqual({ natt: 5 });
    expect(rules.interventions.LARM).toEqual({ planned: false });
    expect(rules.retiredCodes).toEqual({ HYG: 'PH', MATL: 'MAT' });
    expect(rules.timesOfDay.natt).toEqual({ earliest: '22:00', latest: '07:00' });
    expect(rules.timesOfDay.förmiddag).toEqual({ earliest: '09:00', latest: '11:30' });
    expect(rules.units.NATT).toEqual({ tenant: 'kommunen', team: 'NATT' });
    expect(rules.units['OH-1']).toEqual({ tenant: 'omsorgshuset', team: 'OH-1' });
    expect(rules.qualificationSkills).toEqual({ USK: ['USK'], VB: ['VB'], SSK: ['SSK', 'USK'] });
    expect(rules.delegationSkillPrefix).toBe('DEL-');
    expect(rules.absenceReasons).toEqual({ SJK: 'SICK', SEM: 'VACATION', FPL: 'PARENTAL', UTB: 'TRAINING', OVR: 'OTHER' });
  });
});

describe('parseMappingRules: broken variants', () => {
  const cases: Array<[string, string, string]> = [
    ['a missing standard time', edit('title: Läkemedelshjälp\n    standardMinutes: 5\n', 'title: Läkemedelshjälp\n'), 'interventions.LAK.standardMinutes: is required when planned is true'],
    ['a negative standard time', edit('title: Läkemedelshjälp\n    standardMinutes: 5\n', 'title: Läkemedelshjälp\n    standardMinutes: -5\n'), 'interventions.LAK.standardMinutes: must be at least 1'],
    ['a missing title', edit('    title: Tvätt\n', ''), 'interventions.TVATT.title: is required when planned is true'],
    ['an unknown key (typo)', edit('    activityCode: SOC-AVL\n', '    activtyCode: SOC-AVL\n'), 'interventions.AVL.activtyCode: unknown key'],
    ['planned not a boolean', edit('  LARM:\n    # The alarm lives on the customer (safetyAlarm); it is answered, not planned.\n    planned: false', '  LARM:\n    planned: maybe'), 'interventions.LARM.planned: must be true or false'],
    ['a retired code pointing nowhere', edit('MATL: MAT', 'MATL: MATX'), 'retiredCodes.MATL: unknown code "MATX" (not in interventions)'],
    ['a bad time', edit('morgon: { earliest: "07:00"', 'morgon: { earliest: "7:00"'), 'timesOfDay.morgon.earliest: must be a local time HH:MM'],
    ['an impossible time', edit('latest: "22:00" }', 'latest: "24:00" }'), 'timesOfDay.kväll.latest: must be a local time HH:MM'],
    ['a missing time of day', edit('  lunch: { earliest: "11:00", latest: "13:30" }\n', ''), 'timesOfDay.lunch: is required'],
    ['an unknown time of day', edit('  lunch: {', '  brunch: {'), 'timesOfDay.brunch: unknown key'],
    ['a provider at an unknown tenant', edit('  HT-VÄST:\n    tenant: kommunen', '  HT-VÄST:\n    tenant: kommun'), 'providers.HT-VÄST.tenant: unknown tenant "kommun" (not in tenants)'],
    ['a unit at an unknown tenant', edit('OH-1: { tenant: omsorgshuset', 'OH-1: { tenant: omsorg'), 'units.OH-1.tenant: unknown tenant "omsorg" (not in tenants)'],
    ['a provider without a team', edit('    team: OH-1\n', ''), 'providers.OMSORGSHUSET.team: is required'],
    ['a bad postal prefix', edit('prefix: "904"', 'prefix: "9O4"'), 'providers.HT-NORR.postalCodeTeams[0].prefix: must be 1 to 5 digits'],
    ['an unknown time of day exception', edit('      natt: 5', '      night: 5'), 'interventions.TILLSYN.standardMinutesByTimeOfDay.night: unknown time of day'],
    ['a bad absence reason', edit('OVR: OTHER', 'OVR: ELSE'), 'absenceReasons.OVR: must be one of SICK, VACATION, PARENTAL, TRAINING, OTHER'],
    ['a missing qualification', edit('  VB: [VB]\n', ''), 'qualificationSkills.VB: is required'],
    ['a token kept in the file', edit('tokenEnv: PLANNING_TOKEN_OMSORGSHUSET', 'tokenEnv: omsorgshuset-token'), 'tenants.omsorgshuset.tokenEnv: must be an environment variable name'],
    ['an unknown time zone', edit('timeZone: Europe/Stockholm', 'timeZone: Europe/Umea'), 'timeZone: unknown IANA time zone'],
    ['a missing top-level rule', edit('exactTimeMarginMinutes: 30\n', ''), 'exactTimeMarginMinutes: is required'],
    ['an unknown top-level rule', shipped + '\nteams: {}\n', 'teams: unknown key'],
    ['a duplicated key', edit('  TOA:\n', '  DUSCH:\n'), 'not valid YAML at line'],
  ];

  it.each(cases.filter(([, , expected]) => expected !== ''))('%s', (_name, text, expected) => {
    const message = problemsOf(text);
    expect(message).toContain('rules.yaml: invalid mapping rules');
    expect(message).toContain(expected);
  });

  it('requiredSkills must be a list', () => {
    const text = shipped.replace('    title: Insulingivning\n    standardMinutes: 10\n    requiredSkills: [USK]', '    title: Insulingivning\n    standardMinutes: 10\n    requiredSkills: USK');
    expect(text).not.toBe(shipped);
    expect(problemsOf(text)).toContain('interventions.INSU.requiredSkills: must be a list');
  });

  it('names every problem, not just the first', () => {
    const text = shipped.replace('MATL: MAT', 'MATL: NOPE').replace('HYG: PH', 'HYG: GONE');
    const message = problemsOf(text);
    expect(message).toContain('retiredCodes.HYG');
    expect(message).toContain('retiredCodes.MATL');
  });

  it('rejects a file that is not a map', () => {
    expect(problemsOf('- a\n- b\n')).toContain('must hold a map');
  });

  it('loadMappingRules names the file path', () => {
    expect(() => loadMappingRules(join(repoRoot(), 'config', 'no-such-rules.yaml'))).toThrow(/no-such-rules\.yaml: invalid mapping rules:\n {2}- the file cannot be read \(ENOENT\)/);
  });
});
