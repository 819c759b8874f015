import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The form of admin tokens and of what is stored for them.
 *
 * A token is 32 random bytes (256 bits) from the OS's CSPRNG, base64url, behind a prefix
 * that makes one recognisable where it should not be (a config file, a paste, a secret
 * scanner's rule). What is configured is `sha256:<64 hex digits>` of the whole token.
 *
 * A fast hash is the right one here, not bcrypt/scrypt/argon2: those slow down guessing
 * of low-entropy passwords, and no speed-up helps anyone guess 256 random bits. A slow
 * hash would only make every admin request cost tens of milliseconds of CPU, an easy way
 * to load the API with garbage tokens. No salt either: salts stop precomputed tables,
 * which cannot exist for 2^256 inputs.
 */
export const ADMIN_TOKEN_PREFIX = 'brygga_';

const TOKEN_BYTES = 32;
const HASH_FORMAT = /^sha256:[0-9a-f]{64}$/;

/** The format a configured hash must have, in words for error messages. */
export const ADMIN_TOKEN_HASH_FORMAT = 'sha256: followed by 64 lowercase hex digits';

export function newAdminToken(): string {
  return ADMIN_TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
}

export function hashAdminToken(token: string): string {
  return `sha256:${adminTokenDigest(token).toString('hex')}`;
}

export function isAdminTokenHash(value: unknown): value is string {
  return typeof value === 'string' && HASH_FORMAT.test(value);
}

/** Whether a configured value is a token itself rather than its hash (a mistake that puts the secret in a file). */
export function looksLikeClearToken(value: unknown): boolean {
  return typeof value === 'string' && value.trim().startsWith(ADMIN_TOKEN_PREFIX);
}

export function adminTokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The digest a configured hash stands for; throws on a value not in the format (check with isAdminTokenHash first). */
export function digestOfHash(hash: string): Buffer {
  if (!isAdminTokenHash(hash)) throw new Error(`an admin token hash must be ${ADMIN_TOKEN_HASH_FORMAT}`);
  return Buffer.from(hash.slice('sha256:'.length), 'hex');
}

/**
 * Constant-time equality of two digests. Comparing digests with `===` would leak only how
 * many leading bytes of a guess's hash match, which does not help find a token (that would
 * take a preimage); the constant-time compare costs nothing and leaves no such argument
 * to be checked again.
 */
export function sameDigest(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
