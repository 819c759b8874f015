import { createHash } from 'node:crypto';
import type { AdminPrincipal } from './admin-principal';
import { adminTokenDigest, digestOfHash, sameDigest } from './admin-token.hash';
import type { AdminTokenEntry } from './admin-tokens.config';

// Far above a real token (50 characters), far below what would make hashing a guess costly.
const MAX_TOKEN_LENGTH = 512;
const BEARER = /^Bearer +(\S+) *$/i;

interface Known {
  principal: AdminPrincipal;
  digest: Buffer;
}

/**
 * The configured admin tokens, answering who a request's bearer token belongs to. It
 * holds digests only; the token a request carries is hashed, compared and dropped, never
 * logged or put in an error. Provide it with `useValue`/`useFactory` (its input is config).
 */
export class AdminTokenRegistry {
  private readonly known: readonly Known[];

  constructor(entries: readonly AdminTokenEntry[]) {
    this.known = entries.map((e) => ({ principal: { name: e.name, role: e.role }, digest: digestOfHash(e.hash) }));
  }

  /** The principal for an `Authorization` header value, or undefined (none, not Bearer, or unknown). */
  authenticate(authorizationHeader: string | undefined): AdminPrincipal | undefined {
    const token = BEARER.exec(authorizationHeader ?? '')?.[1];
    if (token === undefined || token.length > MAX_TOKEN_LENGTH) return undefined;
    const digest = adminTokenDigest(token);
    let found: AdminPrincipal | undefined;
    // Every entry is compared, the match or not, so the time taken does not say which entry (or whether an early one) matched.
    for (const k of this.known) if (sameDigest(digest, k.digest)) found = k.principal;
    return found ? { ...found } : undefined;
  }

  /**
   * Which configured token a name stands for now: a short digest of the token's digest.
   * A page session keeps it so that a token replaced under the same name and role (a
   * rotation after a leak) ends the sessions signed in with the old one. It reveals
   * nothing the configured hash does not.
   */
  credentialOf(name: string): string | undefined {
    const k = this.known.find((e) => e.principal.name === name);
    return k && createHash('sha256').update('brygga-admin-session-binding:').update(k.digest).digest('hex').slice(0, 32);
  }

  /** Names and roles, for a boot log line saying who has access. */
  principals(): AdminPrincipal[] {
    return this.known.map((k) => ({ ...k.principal }));
  }
}
