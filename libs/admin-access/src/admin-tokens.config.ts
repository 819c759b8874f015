import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ConfigError } from '@brygga/config';
import { ADMIN_ROLES, type AdminRole, isAdminRole } from './admin-role';
import { ADMIN_TOKEN_NAME_FORMAT, isAdminTokenName } from './admin-token-name';
import { ADMIN_TOKEN_HASH_FORMAT, ADMIN_TOKEN_PREFIX, hashAdminToken, isAdminTokenHash, looksLikeClearToken } from './admin-token.hash';

/** One configured admin token: who it is for, what it may do, and the hash of the token (never the token). */
export interface AdminTokenEntry {
  name: string;
  role: AdminRole;
  hash: string;
}

/**
 * The publicly documented demo tokens, one per role, in force when no tokens are
 * configured. Like the other demo secrets, refused when NODE_ENV=production, and so are
 * their hashes when configured explicitly.
 */
export const DEMO_ADMIN_TOKENS: readonly { name: string; role: AdminRole; token: string }[] = [
  { name: 'demo-viewer', role: 'viewer', token: 'viewer-demo-token' },
  { name: 'demo-operator', role: 'operator', token: 'operator-demo-token' },
  { name: 'demo-admin', role: 'admin', token: 'admin-demo-token' },
];

const DEMO_HASHES: ReadonlySet<string> = new Set(DEMO_ADMIN_TOKENS.map((d) => hashAdminToken(d.token)));
const DEMO_CLEAR: ReadonlySet<string> = new Set(DEMO_ADMIN_TOKENS.map((d) => d.token));

const FIELDS = ['name', 'role', 'hash'] as const;
const FIELD_SET: ReadonlySet<string> = new Set(FIELDS);
// Fields someone pasting a token would reach for: refused with the same advice as a token in `hash`.
const CLEAR_FIELDS: ReadonlySet<string> = new Set(['token', 'secret', 'password', 'key', 'value', 'bearer']);
const SAFE_FIELD_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
// A token anywhere in the text, comments included, is a secret in a file: refused before parsing.
const TOKEN_IN_TEXT = new RegExp(`${ADMIN_TOKEN_PREFIX}[A-Za-z0-9_-]{16,}`);

const STORE_THE_HASH = 'looks like a clear-text token: store the hash, not the token (npm run admin-token prints both)';

export interface AdminTokensEnv {
  NODE_ENV?: string;
  ADMIN_TOKENS_FILE?: string;
  ADMIN_TOKENS?: string;
}

/**
 * The admin tokens from `ADMIN_TOKENS_FILE` (YAML, or JSON for a `.json` file) or
 * `ADMIN_TOKENS` (JSON); the demo tokens when neither is set, except in production.
 * Throws ConfigError naming the source, the entry and the problem, never a value.
 */
export function loadAdminTokens(env: AdminTokensEnv): AdminTokenEntry[] {
  const production = env.NODE_ENV === 'production';
  const file = env.ADMIN_TOKENS_FILE || undefined;
  const inline = env.ADMIN_TOKENS || undefined;
  if (file !== undefined && inline !== undefined) {
    throw new ConfigError(['ADMIN_TOKENS_FILE, ADMIN_TOKENS: both are set; set one, so there is one place to look for who has access']);
  }
  if (file !== undefined) return parseAdminTokens(readTokensFile(file), { label: `ADMIN_TOKENS_FILE (${file})`, format: extname(file).toLowerCase() === '.json' ? 'json' : 'yaml', production });
  if (inline !== undefined) return parseAdminTokens(inline, { label: 'ADMIN_TOKENS', format: 'json', production });
  if (production) {
    throw new ConfigError([
      'ADMIN_TOKENS_FILE, ADMIN_TOKENS: neither is set, so only the documented demo admin tokens would open /admin; refused when NODE_ENV=production: create tokens of your own (npm run admin-token -- --name <name> --role <role>)',
    ]);
  }
  return DEMO_ADMIN_TOKENS.map((d) => ({ name: d.name, role: d.role, hash: hashAdminToken(d.token) }));
}

export interface AdminTokensSource {
  /** How the source is named in errors: the variable, and the file's path. */
  label: string;
  format: 'yaml' | 'json';
  production: boolean;
}

/** Parses and validates a list of `{name, role, hash}`; every problem is reported, each naming its entry. */
export function parseAdminTokens(text: string, source: AdminTokensSource): AdminTokenEntry[] {
  const fail = (problems: string[]): never => {
    throw new ConfigError(problems.map((p) => `${source.label}: ${p}`));
  };
  if (TOKEN_IN_TEXT.test(text)) fail([`the text holds something that ${STORE_THE_HASH}`]);
  const data = source.format === 'json' ? parseJson(text, fail) : parseYamlText(text, fail);
  if (!Array.isArray(data)) return fail(['must be a list of {name, role, hash}']);
  if (data.length === 0) return fail(['the list is empty: no one could use /admin; add at least one token']);

  const problems: string[] = [];
  const entries = data.map((raw, index) => checkEntry(raw, `entry ${index + 1}`, source.production, problems));
  checkUnique(entries, problems);
  if (problems.length > 0) fail(problems);
  return entries.map((e) => e.entry).filter((e): e is AdminTokenEntry => e !== undefined);
}

interface Checked {
  at: string;
  entry?: AdminTokenEntry;
}

function checkEntry(raw: unknown, index: string, production: boolean, problems: string[]): Checked {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push(`${index}: must be a map of name, role and hash`);
    return { at: index };
  }
  const fields = raw as Record<string, unknown>;
  const at = isAdminTokenName(fields.name) && !looksLikeClearToken(fields.name) ? `${index} (${fields.name})` : index;
  const before = problems.length;
  for (const [key, value] of Object.entries(fields)) {
    if (FIELD_SET.has(key)) continue;
    if (CLEAR_FIELDS.has(key.toLowerCase()) || looksLikeClearToken(key) || looksLikeClearToken(value)) problems.push(`${at}: a field ${STORE_THE_HASH}`);
    else problems.push(`${at}: unknown field ${SAFE_FIELD_NAME.test(key) ? `'${key}'` : '(a name that is not a plain word)'}; the fields are ${FIELDS.join(', ')}`);
  }
  for (const field of FIELDS) {
    if (fields[field] === undefined || fields[field] === null) problems.push(`${at}: ${field} is required`);
    else if (looksLikeClearToken(fields[field])) problems.push(`${at}: ${field} ${STORE_THE_HASH}`);
  }
  const { name, role, hash } = fields;
  if (typeof name === 'string' && !looksLikeClearToken(name) && !isAdminTokenName(name)) problems.push(`${at}: name must be ${ADMIN_TOKEN_NAME_FORMAT}`);
  else if (name !== undefined && name !== null && typeof name !== 'string') problems.push(`${at}: name must be a string`);
  if (role !== undefined && role !== null && !looksLikeClearToken(role) && !isAdminRole(role)) problems.push(`${at}: role must be one of ${ADMIN_ROLES.join(', ')}`);
  if (hash !== undefined && hash !== null && !looksLikeClearToken(hash)) {
    if (typeof hash === 'string' && DEMO_CLEAR.has(hash.trim())) problems.push(`${at}: hash ${STORE_THE_HASH}`);
    else if (!isAdminTokenHash(hash)) problems.push(`${at}: hash must be ${ADMIN_TOKEN_HASH_FORMAT}`);
    else if (production && DEMO_HASHES.has(hash)) problems.push(`${at}: the hash of a documented demo token; refused when NODE_ENV=production (create one with npm run admin-token)`);
  }
  if (problems.length > before) return { at };
  return { at, entry: { name: name as string, role: role as AdminRole, hash: hash as string } };
}

function checkUnique(checked: Checked[], problems: string[]): void {
  const names = new Map<string, string>();
  const hashes = new Map<string, string>();
  for (const { at, entry } of checked) {
    if (!entry) continue;
    const sameName = names.get(entry.name);
    if (sameName) problems.push(`${at}: the same name as ${sameName}; names must be unique, the audit log tells tokens apart by them`);
    else names.set(entry.name, at);
    const sameHash = hashes.get(entry.hash);
    if (sameHash) problems.push(`${at}: the same hash as ${sameHash}; give each its own token`);
    else hashes.set(entry.hash, at);
  }
}

function readTokensFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'unreadable';
    throw new ConfigError([`ADMIN_TOKENS_FILE (${path}): the file cannot be read (${code})`]);
  }
}

// Parser messages quote the text around the fault, which may be a token: only the position is kept.
function parseJson(text: string, fail: (problems: string[]) => never): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const position = err instanceof Error ? /position (\d+)/.exec(err.message)?.[1] : undefined;
    return fail([`not valid JSON${position ? ` (at position ${position})` : ''}`]);
  }
}

function parseYamlText(text: string, fail: (problems: string[]) => never): unknown {
  try {
    return parseYaml(text, { uniqueKeys: true, logLevel: 'error' });
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? ` at line ${err.linePos[0].line}` : '';
    const what = err instanceof YAMLParseError ? ` (${err.code})` : '';
    return fail([`not valid YAML${where}${what}`]);
  }
}
