import { readFileSync } from 'node:fs';
import { ConfigError } from '@brygga/config';

/** One data key: its id (stored with every value it seals) and its 32 bytes. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/** The keys this process holds: the first seals, every one opens. */
export interface DataKeyRing {
  current: DataKey;
  byId: ReadonlyMap<string, DataKey>;
}

/** What a key id may be (it is stored in clear with every value it seals, and named in errors). */
export const KEY_ID = /^[A-Za-z0-9._-]{1,32}$/;
const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * The documented demo key (README "Data at rest"): what `npm run demo`, compose and the
 * tests seal under when neither variable is set. Public, hence refused when
 * NODE_ENV=production, like the other demo secrets.
 */
export const DEMO_DATA_KEY = 'demo-1:YnJ5Z2dhLWRlbW8tZGF0YS1rZXktbm90LXNlY3JldCE=';

export interface DataKeyEnv {
  NODE_ENV?: string;
  DATA_ENCRYPTION_KEY?: string;
  DATA_ENCRYPTION_KEY_FILE?: string;
}

/**
 * The key ring from `DATA_ENCRYPTION_KEY` (entries `<id>:<key>` separated by commas) or
 * `DATA_ENCRYPTION_KEY_FILE` (one entry a line, `#` comments), one of them; neither: the
 * demo key, except in production. A key is 32 bytes as base64 (or base64url) or hex.
 * Throws ConfigError naming the variable and the entry's place, never a key.
 */
export function readDataKeyRing(env: DataKeyEnv): DataKeyRing {
  const production = env.NODE_ENV === 'production';
  const inline = nonEmpty(env.DATA_ENCRYPTION_KEY);
  const file = nonEmpty(env.DATA_ENCRYPTION_KEY_FILE);
  if (inline !== undefined && file !== undefined) {
    throw new ConfigError(['DATA_ENCRYPTION_KEY, DATA_ENCRYPTION_KEY_FILE: both are set; set one, so there is one place the data keys come from']);
  }
  if (file !== undefined) return parseDataKeys(readKeyFile(file), `DATA_ENCRYPTION_KEY_FILE (${file})`, production);
  if (inline !== undefined) return parseDataKeys(inline, 'DATA_ENCRYPTION_KEY', production);
  if (production) {
    throw new ConfigError(['DATA_ENCRYPTION_KEY: neither it nor DATA_ENCRYPTION_KEY_FILE is set, so personal data would be sealed under the documented demo key; refused when NODE_ENV=production (make one: echo "k1:$(openssl rand -base64 32)")']);
  }
  return parseDataKeys(DEMO_DATA_KEY, 'DATA_ENCRYPTION_KEY (demo default)', false);
}

/** Parses entries `<id>:<key>` (commas or lines; blank lines and `#` comments skipped). */
export function parseDataKeys(text: string, label: string, production: boolean): DataKeyRing {
  const entries = text
    .split(/[,\n]/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const problems: string[] = [];
  const keys: DataKey[] = [];
  const demo = demoKey();
  entries.forEach((entry, i) => {
    const at = `${label}: entry ${i + 1}`;
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon);
    const encoded = colon < 0 ? '' : entry.slice(colon + 1).trim();
    if (!KEY_ID.test(id)) return void problems.push(`${at}: must be <id>:<key>, the id 1-32 of A-Z a-z 0-9 . _ -`);
    const key = decodeKey(encoded);
    if (!key) return void problems.push(`${at} (id ${id}): the key must be 32 bytes as base64 (44 characters) or hex (64 characters)`);
    if (keys.some((k) => k.id === id)) return void problems.push(`${at}: id ${id} given twice`);
    if (production && key.equals(demo)) return void problems.push(`${at} (id ${id}): still the documented demo key; set a key of your own when NODE_ENV=production`);
    keys.push({ id, key });
  });
  if (entries.length === 0) problems.push(`${label}: no key given`);
  if (problems.length > 0) throw new ConfigError(problems);
  return { current: keys[0], byId: new Map(keys.map((k) => [k.id, k])) };
}

function decodeKey(encoded: string): Buffer | undefined {
  if (HEX_KEY.test(encoded)) return Buffer.from(encoded, 'hex');
  if (!BASE64_KEY.test(encoded)) return undefined;
  const key = Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === 32 ? key : undefined;
}

function demoKey(): Buffer {
  return Buffer.from(DEMO_DATA_KEY.slice(DEMO_DATA_KEY.indexOf(':') + 1), 'base64');
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`DATA_ENCRYPTION_KEY_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
