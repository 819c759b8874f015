import { timingSafeEqual } from 'node:crypto';

/**
 * The one bearer check of every route that takes a configured token (the pushes, the
 * metrics, the simulated vendors' APIs): `Authorization: Bearer <token>`, the scheme in any
 * case (RFC 7235), the token compared in constant time so that it cannot be guessed byte by
 * byte. Never says which part was wrong.
 */
export function bearerTokenMatches(header: string | undefined, expected: string): boolean {
  const match = /^bearer +(\S+) *$/i.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]);
  const want = Buffer.from(expected);
  return given.length === want.length && timingSafeEqual(given, want);
}
