import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@brygga/config';
import { hashAdminToken, newAdminToken } from './admin-token.hash';
import { type AdminTokenEntry, DEMO_ADMIN_TOKENS, loadAdminTokens, parseAdminTokens } from './admin-tokens.config';

const H1 = hashAdminToken('first-test-token');
const H2 = hashAdminToken('second-test-token');
const DEMO_VIEWER_HASH = hashAdminToken('viewer-demo-token');

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const asJson = (value: unknown) => (production = false) => parseAdminTokens(JSON.stringify(value), { label: 'ADMIN_TOKENS', format: 'json', production });

describe('parseAdminTokens', () => {
  it('reads a YAML list in the form npm run admin-token prints', () => {
    const yaml = `# who may use /admin\n- { name: ops-anna, role: operator, hash: ${H1} }\n- name: viewer.bo\n  role: viewer\n  hash: ${H2}\n`;
    expect(parseAdminTokens(yaml, { label: 'F', format: 'yaml', production: true })).toEqual<AdminTokenEntry[]>([
      { name: 'ops-anna', role: 'operator', hash: H1 },
      { name: 'viewer.bo', role: 'viewer', hash: H2 },
    ]);
  });

  it('reads the same as JSON', () => {
    expect(asJson([{ name: 'a', role: 'admin', hash: H1 }])()).toEqual([{ name: 'a', role: 'admin', hash: H1 }]);
  });

  it.each<[string, unknown, RegExp]>([
    ['not a list', { name: 'a', role: 'admin', hash: H1 }, /^ADMIN_TOKENS: must be a list of \{name, role, hash\}$/],
    ['an empty list', [], /^ADMIN_TOKENS: the list is empty/],
    ['an entry not a map', ['a'], /^ADMIN_TOKENS: entry 1: must be a map of name, role and hash$/],
    ['an unknown role', [{ name: 'a', role: 'superuser', hash: H1 }], /^ADMIN_TOKENS: entry 1 \(a\): role must be one of viewer, operator, admin$/],
    ['a missing role', [{ name: 'a', hash: H1 }], /^ADMIN_TOKENS: entry 1 \(a\): role is required$/],
    ['a missing name', [{ role: 'admin', hash: H1 }], /^ADMIN_TOKENS: entry 1: name is required$/],
    ['a name with a space', [{ name: 'Anna Andersson', role: 'admin', hash: H1 }], /^ADMIN_TOKENS: entry 1: name must be 1-64 letters/],
    ['a name not a string', [{ name: 7, role: 'admin', hash: H1 }], /^ADMIN_TOKENS: entry 1: name must be a string$/],
    ['a hash not in the format', [{ name: 'a', role: 'admin', hash: 'md5:abc' }], /^ADMIN_TOKENS: entry 1 \(a\): hash must be sha256: followed by 64 lowercase hex digits$/],
    ['a hash in capitals', [{ name: 'a', role: 'admin', hash: H1.toUpperCase() }], /hash must be sha256:/],
    ['a missing hash', [{ name: 'a', role: 'admin' }], /^ADMIN_TOKENS: entry 1 \(a\): hash is required$/],
    ['a demo token in clear', [{ name: 'a', role: 'admin', hash: 'admin-demo-token' }], /entry 1 \(a\): hash looks like a clear-text token: store the hash, not the token/],
    ['an unknown field', [{ name: 'a', role: 'admin', hash: H1, team: 'x' }], /^ADMIN_TOKENS: entry 1 \(a\): unknown field 'team'; the fields are name, role, hash$/],
    ['a token field', [{ name: 'a', role: 'admin', token: 'whatever' }], /entry 1 \(a\): a field looks like a clear-text token: store the hash, not the token/],
  ])('refuses %s, naming the variable and entry', (_case, value, problem) => {
    const problems = problemsOf(asJson(value));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
  });

  it('refuses a token where the hash belongs, and never says the token', () => {
    const token = newAdminToken();
    const problems = problemsOf(() => parseAdminTokens(`- { name: a, role: admin, hash: ${token} }`, { label: 'ADMIN_TOKENS_FILE (t.yaml)', format: 'yaml', production: false }));
    expect(problems).toEqual([expect.stringMatching(/^ADMIN_TOKENS_FILE \(t\.yaml\): .*store the hash, not the token/)]);
    expect(problems.join('\n')).not.toContain(token.slice(7));
  });

  it('refuses a token the text scan cannot see (escaped in JSON) in any field, never saying it', () => {
    const token = newAdminToken();
    const escaped = token.replace('_', '\\u005f');
    const text = `[{"name": "${escaped}", "role": "admin", "hash": "${H1}"}, {"name": "b", "role": "${escaped}", "hash": "${H2}"}]`;
    const problems = problemsOf(() => parseAdminTokens(text, { label: 'ADMIN_TOKENS', format: 'json', production: false }));
    expect(problems).toEqual(['ADMIN_TOKENS: entry 1: name looks like a clear-text token: store the hash, not the token (npm run admin-token prints both)', 'ADMIN_TOKENS: entry 2 (b): role looks like a clear-text token: store the hash, not the token (npm run admin-token prints both)']);
    expect(problems.join('\n')).not.toContain(token.slice(7));
  });

  it('refuses a token in a comment too', () => {
    const text = `# old: ${newAdminToken()}\n- { name: a, role: admin, hash: ${H1} }`;
    expect(problemsOf(() => parseAdminTokens(text, { label: 'F', format: 'yaml', production: false }))).toEqual([expect.stringMatching(/store the hash, not the token/)]);
  });

  it('refuses a duplicate name and a duplicate hash, naming both entries', () => {
    const problems = problemsOf(
      asJson([
        { name: 'a', role: 'admin', hash: H1 },
        { name: 'a', role: 'viewer', hash: H2 },
        { name: 'b', role: 'viewer', hash: H1 },
      ]),
    );
    expect(problems).toEqual([
      'ADMIN_TOKENS: entry 2 (a): the same name as entry 1 (a); names must be unique, the audit log tells tokens apart by them',
      'ADMIN_TOKENS: entry 3 (b): the same hash as entry 1 (a); give each its own token',
    ]);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf(
      asJson([
        { name: 'a', role: 'root', hash: H1 },
        { name: 'b', role: 'admin', hash: 'nope' },
      ]),
    );
    expect(problems).toHaveLength(2);
  });

  it('refuses bad syntax without quoting the text', () => {
    const secret = 'not-a-prefixed-secret-value';
    const json = problemsOf(() => parseAdminTokens(`[{"name": ${secret}}]`, { label: 'ADMIN_TOKENS', format: 'json', production: false }));
    expect(json).toEqual([expect.stringMatching(/^ADMIN_TOKENS: not valid JSON/)]);
    const yaml = problemsOf(() => parseAdminTokens(`- { name: a, hash: ${secret}\n- [`, { label: 'F', format: 'yaml', production: false }));
    expect(yaml).toEqual([expect.stringMatching(/^F: not valid YAML at line \d+ \([A-Z_]+\)$/)]);
    expect([...json, ...yaml].join('\n')).not.toContain(secret);
  });

  it('accepts a demo hash outside production and refuses it in production', () => {
    const list = [{ name: 'legacy', role: 'viewer', hash: DEMO_VIEWER_HASH }];
    expect(asJson(list)(false)).toEqual(list);
    expect(problemsOf(() => asJson(list)(true))).toEqual([
      'ADMIN_TOKENS: entry 1 (legacy): the hash of a documented demo token; refused when NODE_ENV=production (create one with npm run admin-token)',
    ]);
  });
});

describe('loadAdminTokens', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'brygga-admin-tokens-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the three demo tokens when nothing is configured', () => {
    const tokens = loadAdminTokens({ NODE_ENV: 'development' });
    expect(tokens).toEqual([
      { name: 'demo-viewer', role: 'viewer', hash: hashAdminToken('viewer-demo-token') },
      { name: 'demo-operator', role: 'operator', hash: hashAdminToken('operator-demo-token') },
      { name: 'demo-admin', role: 'admin', hash: hashAdminToken('admin-demo-token') },
    ]);
    expect(DEMO_ADMIN_TOKENS.map((d) => d.token)).toEqual(['viewer-demo-token', 'operator-demo-token', 'admin-demo-token']);
  });

  it.each([[{}], [{ ADMIN_TOKENS: '' }], [{ ADMIN_TOKENS_FILE: '' }]])('refuses the demo tokens in production (%p)', (env) => {
    const problems = problemsOf(() => loadAdminTokens({ NODE_ENV: 'production', ...env }));
    expect(problems).toEqual([expect.stringMatching(/^ADMIN_TOKENS_FILE, ADMIN_TOKENS: neither is set.*refused when NODE_ENV=production/)]);
    expect(problems.join()).not.toMatch(/demo-token/);
  });

  it('reads ADMIN_TOKENS', () => {
    expect(loadAdminTokens({ NODE_ENV: 'production', ADMIN_TOKENS: JSON.stringify([{ name: 'a', role: 'admin', hash: H1 }]) })).toEqual([{ name: 'a', role: 'admin', hash: H1 }]);
  });

  it('reads a YAML file and a JSON file, naming the file in errors', () => {
    const yamlPath = join(dir, 'tokens.yaml');
    writeFileSync(yamlPath, `- { name: ops-anna, role: operator, hash: ${H1} }\n`);
    expect(loadAdminTokens({ NODE_ENV: 'production', ADMIN_TOKENS_FILE: yamlPath })).toEqual([{ name: 'ops-anna', role: 'operator', hash: H1 }]);

    const jsonPath = join(dir, 'tokens.json');
    writeFileSync(jsonPath, JSON.stringify([{ name: 'a', role: 'boss', hash: H1 }]));
    expect(problemsOf(() => loadAdminTokens({ ADMIN_TOKENS_FILE: jsonPath }))).toEqual([`ADMIN_TOKENS_FILE (${jsonPath}): entry 1 (a): role must be one of viewer, operator, admin`]);
  });

  it('names a file that cannot be read', () => {
    const missing = join(dir, 'missing.yaml');
    expect(problemsOf(() => loadAdminTokens({ ADMIN_TOKENS_FILE: missing }))).toEqual([`ADMIN_TOKENS_FILE (${missing}): the file cannot be read (ENOENT)`]);
  });

  it('refuses both sources at once', () => {
    expect(problemsOf(() => loadAdminTokens({ ADMIN_TOKENS_FILE: 'x.yaml', ADMIN_TOKENS: '[]' }))).toEqual([expect.stringMatching(/^ADMIN_TOKENS_FILE, ADMIN_TOKENS: both are set/)]);
  });
});
