import { createHash, randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { isAdminRole } from './admin-role';
import type { AdminAccessKeys } from './admin-access-keys';
import type { AdminPrincipal } from './admin-principal';
import { isAdminTokenName } from './admin-token-name';

/** A new session: the id for the cookie, and when it ends. */
export interface StartedAdminSession {
  id: string;
  expiresAt: Date;
}

const ID_BYTES = 32;
// 32 bytes in base64url, unpadded: anything else is not one of ours and costs no Redis round trip.
const ID_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/**
 * The operations page's sign-in sessions, in Redis (so every API process behind a load
 * balancer shares them, and a restart signs nobody out). A session holds the token's name
 * and role, never the token: the browser keeps only a random id (32 bytes from the OS's
 * CSPRNG) in an HttpOnly cookie.
 *
 * The key is the SHA-256 of the id, not the id: whoever can read Redis (a backup, a
 * `SCAN`, `MONITOR`) sees no cookie value they could replay. A fast hash suffices for
 * 256 random bits (see admin-token.hash.ts for the same reasoning).
 *
 * The lifetime is fixed from sign-in (no sliding renewal): a session stolen from a
 * browser ends on time whatever its thief does with it.
 */
export class AdminSessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: AdminAccessKeys,
    private readonly ttlMinutes: number,
  ) {}

  /** `credential`: which configured token signed in (AdminTokenRegistry.credentialOf), checked on every request. */
  async start(principal: AdminPrincipal, now: Date = new Date(), credential?: string): Promise<StartedAdminSession> {
    const id = randomBytes(ID_BYTES).toString('base64url');
    const ttlSeconds = this.ttlMinutes * 60;
    // NX: a collision of 256 random bits does not happen, and if it did it must not take over another session.
    const set = await this.redis.set(this.keyOf(id), JSON.stringify({ name: principal.name, role: principal.role, credential }), 'EX', ttlSeconds, 'NX');
    if (set !== 'OK') throw new Error('admin session: a new session id was already taken');
    return { id, expiresAt: new Date(now.getTime() + ttlSeconds * 1000) };
  }

  /** Who a session id belongs to; undefined when it is malformed, unknown, expired or ended. */
  async principalOf(id: string | undefined): Promise<SessionPrincipal | undefined> {
    if (id === undefined || !ID_FORMAT.test(id)) return undefined;
    const raw = await this.redis.get(this.keyOf(id));
    return raw === null ? undefined : principalFrom(raw);
  }

  /** Ends a session (sign-out, or its token no longer configured); a no-op for an unknown id. */
  async end(id: string | undefined): Promise<void> {
    if (id === undefined || !ID_FORMAT.test(id)) return;
    await this.redis.del(this.keyOf(id));
  }

  private keyOf(id: string): string {
    return this.keys.session(createHash('sha256').update(id, 'utf8').digest('hex'));
  }
}

/** A session's principal and the token it signed in with. */
export type SessionPrincipal = AdminPrincipal & { credential?: string };

// What is stored was written by start(); anything else (a hand edit, an old format) is no session.
function principalFrom(raw: string): SessionPrincipal | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const { name, role, credential } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (!isAdminTokenName(name) || !isAdminRole(role)) return undefined;
  return typeof credential === 'string' ? { name, role, credential } : { name, role };
}
