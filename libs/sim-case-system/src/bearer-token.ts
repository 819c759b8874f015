import { timingSafeEqual } from 'node:crypto';

/** True when the Authorization header carries exactly this bearer token. */
export function hasBearerToken(header: string | undefined, token: string): boolean {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
