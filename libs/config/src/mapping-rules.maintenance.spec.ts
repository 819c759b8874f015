import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './contracts-dir';
import { MappingRulesError, parseMappingRules } from './mapping-rules.loader';

const shipped = readFileSync(join(repoRoot(), 'config', 'mapping-rules.yaml'), 'utf8');
const TENANT = '    tokenEnv: PLANNING_TOKEN_OMSORGSHUSET\n';

/** The shipped rules with `windows` (YAML lines) as omsorgshuset's maintenance. */
function withMaintenance(windows: string): string {
  if (shipped.split(TENANT).length !== 2) throw new Error('test setup: the tenant line must occur exactly once');
  return shipped.replace(TENANT, `${TENANT}    maintenance:\n${windows}`);
}

function problemsOf(text: string): string {
  try {
    parseMappingRules(text, 'rules.yaml');
  } catch (err) {
    if (err instanceof MappingRulesError) return err.message;
    throw err;
  }
  throw new Error('expected the rules to be rejected');
}

describe('mapping rules: maintenance windows per tenant', () => {
  it('reads a list of windows with ISO times with an offset and a reason', () => {
    const rules = parseMappingRules(withMaintenance('      - { from: "2026-12-01T22:00:00+01:00", until: "2026-12-02T02:00:00+01:00", reason: "TES 4.2 upgrade" }\n      - { from: "2026-12-05T06:00Z", until: "2026-12-05T07:00Z", reason: "network work" }\n'), 'rules.yaml');
    expect(rules.tenants.omsorgshuset.maintenance).toEqual([
      { from: '2026-12-01T22:00:00+01:00', until: '2026-12-02T02:00:00+01:00', reason: 'TES 4.2 upgrade' },
      { from: '2026-12-05T06:00Z', until: '2026-12-05T07:00Z', reason: 'network work' },
    ]);
    expect(rules.tenants.kommunen.maintenance).toBeUndefined();
  });

  it.each([
    ['not a list', '      from: x\n', 'tenants.omsorgshuset.maintenance: must be a list'],
    ['a time without an offset', '      - { from: "2026-12-01T22:00:00", until: "2026-12-02T02:00:00+01:00", reason: "r" }\n', 'tenants.omsorgshuset.maintenance[0].from: must be an ISO 8601 time with an offset'],
    ['an impossible time', '      - { from: "2026-13-01T22:00:00Z", until: "2026-12-02T02:00:00Z", reason: "r" }\n', 'tenants.omsorgshuset.maintenance[0].from: must be an ISO 8601 time with an offset'],
    ['an end before its start', '      - { from: "2026-12-02T02:00:00Z", until: "2026-12-01T22:00:00Z", reason: "r" }\n', 'tenants.omsorgshuset.maintenance[0].until: must be after from'],
    ['a window longer than a week', '      - { from: "2026-12-01T00:00:00Z", until: "2026-12-09T00:00:00Z", reason: "r" }\n', 'tenants.omsorgshuset.maintenance[0].until: at most 7 days after from'],
    ['no reason', '      - { from: "2026-12-01T22:00:00Z", until: "2026-12-02T02:00:00Z" }\n', 'tenants.omsorgshuset.maintenance[0].reason: is required'],
    ['a reason that is a note', '      - { from: "2026-12-01T22:00:00Z", until: "2026-12-02T02:00:00Z", reason: "call Märta on 070-123 45 67!" }\n', 'tenants.omsorgshuset.maintenance[0].reason: must be 1 to 200 letters'],
    ['an unknown key', '      - { from: "2026-12-01T22:00:00Z", until: "2026-12-02T02:00:00Z", reason: "r", to: "x" }\n', 'tenants.omsorgshuset.maintenance[0].to: unknown key (one of from, until, reason)'],
    ['a window that is not a map', '      - tonight\n', 'tenants.omsorgshuset.maintenance[0]: must be a map of from, until and reason'],
  ])('refuses %s, naming the path', (_name, windows, expected) => {
    expect(problemsOf(withMaintenance(windows))).toContain(expected);
  });

  it('never quotes a refused reason', () => {
    expect(problemsOf(withMaintenance('      - { from: "2026-12-01T22:00:00Z", until: "2026-12-02T02:00:00Z", reason: "call Märta!" }\n'))).not.toContain('Märta');
  });
});
