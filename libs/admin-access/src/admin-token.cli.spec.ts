import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { hashAdminToken } from './admin-token.hash';
import { runAdminTokenCli } from './admin-token.cli';
import { AdminTokenRegistry } from './admin-token.registry';
import { parseAdminTokens } from './admin-tokens.config';

const ROOT = join(__dirname, '..', '..', '..');

function run(argv: string[], token = 'brygga_fixed-token-for-the-test-0000000000000000') {
  const out: string[] = [];
  const err: string[] = [];
  const code = runAdminTokenCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, () => token);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('runAdminTokenCli', () => {
  it('prints the token once and a YAML line the config accepts', () => {
    const { code, out, err } = run(['--name', 'ops-anna', '--role', 'operator']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const hash = hashAdminToken('brygga_fixed-token-for-the-test-0000000000000000');
    expect(out.split('brygga_fixed-token')).toHaveLength(2);
    expect(out).toContain(`- { name: ops-anna, role: operator, hash: ${hash} }`);
    expect(out).toContain(JSON.stringify({ name: 'ops-anna', role: 'operator', hash }));
  });

  it('accepts --name=value and quotes a name YAML would read as something else', () => {
    const { code, out } = run(['--name=true', '--role=viewer']);
    expect(code).toBe(0);
    const line = out.split('\n').find((l) => l.startsWith('- {'));
    expect(parseYaml(line!)).toEqual([{ name: 'true', role: 'viewer', hash: expect.stringMatching(/^sha256:/) }]);
  });

  it.each<[string, string[], RegExp]>([
    ['no arguments', [], /both --name and --role are required/],
    ['no role', ['--name', 'ops-anna'], /both --name and --role are required/],
    ['an unknown role', ['--name', 'ops-anna', '--role', 'root'], /--role must be one of viewer, operator, admin/],
    ['a name with a space', ['--name', 'Anna Andersson', '--role', 'viewer'], /--name must be 1-64 letters/],
    ['an unknown option', ['--name', 'a', '--role', 'viewer', '--force'], /--force/],
    ['a positional', ['a', 'viewer'], /admin-token: /],
    ['--name without a value', ['--role', 'viewer', '--name'], /admin-token: /],
  ])('refuses %s with the usage and exit 2', (_case, argv, problem) => {
    const { code, out, err } = run(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(problem);
    expect(err).toContain('usage: npm run admin-token -- --name <name> --role <viewer|operator|admin>');
  });

  it('prints the usage for --help', () => {
    expect(run(['--help'])).toEqual({ code: 0, out: expect.stringMatching(/^usage: /), err: '' });
  });
});

describe('npm run admin-token (spawned)', () => {
  const npm = (...args: string[]) => spawnSync('npm', ['run', '--silent', 'admin-token', '--', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('prints a new random token whose YAML line a registry accepts', () => {
    const result = npm('--name', 'ops-anna', '--role', 'operator');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const token = /^ {2}(brygga_[A-Za-z0-9_-]{43})$/m.exec(result.stdout)?.[1];
    const line = result.stdout.split('\n').find((l) => l.startsWith('- { name: ops-anna'));
    expect(token).toBeDefined();
    const entries = parseAdminTokens(line!, { label: 'spawned', format: 'yaml', production: true });
    expect(new AdminTokenRegistry(entries).authenticate(`Bearer ${token}`)).toEqual({ name: 'ops-anna', role: 'operator' });
    expect(npm('--name', 'ops-anna', '--role', 'operator').stdout).not.toContain(token);
  });

  it('exits 2 with the usage on bad arguments', () => {
    const result = npm('--name', 'ops-anna', '--role', 'superuser');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/--role must be one of viewer, operator, admin\n\nusage: /);
  });
});
