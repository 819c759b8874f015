import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError } from '@brygga/config';
import { DEMO_DATA_KEY, readDataKeyRing } from './data-key.ring';

const b64 = randomBytes(32).toString('base64');
const hex = randomBytes(32).toString('hex');

function problemsOf(env: Parameters<typeof readDataKeyRing>[0]): string[] {
  try {
    readDataKeyRing(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('no ConfigError');
}

describe('readDataKeyRing', () => {
  it('reads several keys (base64, base64url, hex); the first seals', () => {
    const ring = readDataKeyRing({ DATA_ENCRYPTION_KEY: `new:${b64}, old:${hex},url:${b64.replace(/\+/g, '-').replace(/\//g, '_')}` });
    expect(ring.current.id).toBe('new');
    expect([...ring.byId.keys()]).toEqual(['new', 'old', 'url']);
    expect(ring.byId.get('old')?.key).toEqual(Buffer.from(hex, 'hex'));
    expect(ring.byId.get('url')?.key).toEqual(Buffer.from(b64, 'base64'));
  });

  it('reads a key file, one key a line, comments skipped', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'brygga-keys-')), 'data-keys');
    writeFileSync(file, `# rotated 2026-11\nk2:${b64}\n\nk1:${hex}\n`);
    expect([...readDataKeyRing({ DATA_ENCRYPTION_KEY_FILE: file }).byId.keys()]).toEqual(['k2', 'k1']);
    expect(problemsOf({ DATA_ENCRYPTION_KEY_FILE: `${file}-missing` })[0]).toMatch(/^DATA_ENCRYPTION_KEY_FILE: cannot read .*ENOENT/);
  });

  it('the demo key when neither is set, refused in production, set or defaulted', () => {
    expect(readDataKeyRing({}).current.id).toBe('demo-1');
    expect(problemsOf({ NODE_ENV: 'production' })[0]).toMatch(/^DATA_ENCRYPTION_KEY: .*refused when NODE_ENV=production/);
    expect(problemsOf({ NODE_ENV: 'production', DATA_ENCRYPTION_KEY: `k9:${b64},${DEMO_DATA_KEY}` })).toEqual([expect.stringMatching(/^DATA_ENCRYPTION_KEY: entry 2 \(id demo-1\): still the documented demo key/)]);
    expect(readDataKeyRing({ NODE_ENV: 'production', DATA_ENCRYPTION_KEY: `k9:${b64}` }).current.id).toBe('k9');
  });

  it('a malformed key fails naming the variable and the entry, never the key', () => {
    const cases: Array<[string, RegExp]> = [
      [`k1:${b64.slice(0, 40)}`, /entry 1 \(id k1\): the key must be 32 bytes/],
      [`k1:${randomBytes(16).toString('base64')}`, /entry 1 \(id k1\): the key must be 32 bytes/],
      [b64, /entry 1: must be <id>:<key>/],
      [`bad id:${b64}`, /entry 1: must be <id>:<key>/],
      [`k1:${b64},k1:${hex}`, /entry 2: id k1 given twice/],
      [' , ', /DATA_ENCRYPTION_KEY: no key given/],
    ];
    for (const [value, expected] of cases) {
      const problems = problemsOf({ DATA_ENCRYPTION_KEY: value });
      expect(problems.join('\n')).toMatch(expected);
      expect(problems.join('\n')).toMatch(/^DATA_ENCRYPTION_KEY/);
      expect(problems.join('\n')).not.toContain(b64.slice(0, 20));
    }
    expect(problemsOf({ DATA_ENCRYPTION_KEY: `k1:${b64}`, DATA_ENCRYPTION_KEY_FILE: '/x' })[0]).toMatch(/both are set/);
  });
});
