import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { ADMIN_ROLES, isAdminRole } from './admin-role';
import { ADMIN_TOKEN_NAME_FORMAT, isAdminTokenName } from './admin-token-name';
import { hashAdminToken, newAdminToken } from './admin-token.hash';

export const ADMIN_TOKEN_USAGE = [
  `usage: npm run admin-token -- --name <name> --role <${ADMIN_ROLES.join('|')}>`,
  '',
  '  Prints a new random admin token, once, and the line to add to the file',
  '  ADMIN_TOKENS_FILE names (or the entry for ADMIN_TOKENS). Brygga keeps only the hash:',
  '  the token cannot be shown again; lost, it is replaced by a new one.',
  '',
  `  --name  who or what the token is for, as the audit log will show it: ${ADMIN_TOKEN_NAME_FORMAT}`,
  `  --role  ${ADMIN_ROLES.join(' < ')}`,
].join('\n');

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/** The command's whole run, apart from the process: its exit code. 2 is a usage error. */
export function runAdminTokenCli(argv: readonly string[], io: CliOutput, makeToken: () => string = newAdminToken): number {
  let values: { name?: string; role?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { name: { type: 'string' }, role: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }));
  } catch (err) {
    // Not `instanceof Error`: node:util's errors come from another realm under Jest.
    return usageError(io, typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : 'arguments not understood');
  }
  if (values.help) {
    io.out(ADMIN_TOKEN_USAGE);
    return 0;
  }
  if (values.name === undefined || values.role === undefined) return usageError(io, 'both --name and --role are required');
  if (!isAdminTokenName(values.name)) return usageError(io, `--name must be ${ADMIN_TOKEN_NAME_FORMAT}`);
  if (!isAdminRole(values.role)) return usageError(io, `--role must be one of ${ADMIN_ROLES.join(', ')}`);

  const token = makeToken();
  const hash = hashAdminToken(token);
  io.out(
    [
      `New admin token for ${values.name} (${values.role}); shown this once, Brygga keeps only its hash:`,
      '',
      `  ${token}`,
      '',
      'Add this line to the file ADMIN_TOKENS_FILE names:',
      '',
      `- { name: ${yamlScalar(values.name)}, role: ${values.role}, hash: ${hash} }`,
      '',
      'or this entry to the ADMIN_TOKENS list:',
      '',
      JSON.stringify({ name: values.name, role: values.role, hash }),
    ].join('\n'),
  );
  return 0;
}

function usageError(io: CliOutput, problem: string): number {
  io.err(`admin-token: ${problem}\n\n${ADMIN_TOKEN_USAGE}`);
  return 2;
}

// A name YAML would read as something else (`true`, `null`) is quoted; any other is written bare, as people write it.
function yamlScalar(name: string): string {
  return parseYaml(name) === name ? name : JSON.stringify(name);
}
