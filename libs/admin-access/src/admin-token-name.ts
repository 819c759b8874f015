/**
 * A token's name: it reaches the audit log, log lines and error messages, so it is an id
 * (no spaces, nothing to quote or escape), not a person's full name.
 */
const NAME = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;

export const ADMIN_TOKEN_NAME_FORMAT = "1-64 letters, digits, '.', '_' or '-', starting with a letter";

export function isAdminTokenName(value: unknown): value is string {
  return typeof value === 'string' && NAME.test(value);
}
