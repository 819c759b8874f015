import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Request } from 'express';
import type { AdminPrincipal } from './admin-principal';
import { AdminSessionStore, type StartedAdminSession } from './admin-session.store';
import { ADMIN_SESSION_COOKIE } from './admin-session.cookie';
import { AdminTokenRegistry } from './admin-token.registry';
import { requestCameFromThisHost } from './same-origin';

/** Who a request is, or why it is nobody. */
export type AdminAuthentication =
  | { ok: true; principal: AdminPrincipal; via: 'bearer' | 'session' }
  /**
   * `missing`: no credentials at all; `unknown`: a token or session that is not (or no
   * longer) valid; `cross-origin`: a valid session cookie on a state-changing request
   * another origin sent.
   */
  | { ok: false; problem: 'missing' | 'unknown' | 'cross-origin' };

// What a browser sends without a side effect the server must refuse (RFC 9110 safe methods).
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * One answer to "who is this admin request": the bearer header (API clients) or the
 * operations page's session cookie. The role guard, the page and the queue dashboard all
 * ask here, so the rules are stated once.
 *
 * - A request with an `Authorization` header is judged by it alone: a bad header is not
 *   rescued by a cookie the same client happens to hold.
 * - A session counts only while the very token it signed in with is still configured
 *   under its name with the same role: a token removed, re-roled or replaced in config
 *   signs its sessions out at their next request, not when they expire.
 * - A session cookie on a state-changing request is refused when the request says it came
 *   from elsewhere (`Origin` not this host, or `Sec-Fetch-Site` cross-site/same-site).
 *   SameSite=Strict already keeps the cookie off cross-site requests; this is defence in
 *   depth because SameSite is about the *site* (the registrable domain), so a sibling
 *   subdomain (another municipality app under the same domain, compromised or hosting
 *   user content) is "same-site" and its forms would still carry the cookie; and because
 *   it does not depend on every browser implementing SameSite.
 *
 * The session store is optional so a module that registers only bearer-token access
 * (an API test, a process with no page) needs no Redis for it; then cookies are ignored.
 */
@Injectable()
export class AdminRequestAuthenticator {
  constructor(
    @Inject(AdminTokenRegistry) private readonly registry: AdminTokenRegistry,
    @Optional() @Inject(AdminSessionStore) private readonly sessions?: AdminSessionStore,
  ) {}

  async authenticate(request: Request): Promise<AdminAuthentication> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const principal = this.registry.authenticate(header);
      return principal ? { ok: true, principal, via: 'bearer' } : { ok: false, problem: 'unknown' };
    }
    const id = sessionIdOf(request);
    if (id === undefined || !this.sessions) return { ok: false, problem: 'missing' };
    const stored = await this.sessions.principalOf(id);
    if (!stored) return { ok: false, problem: 'unknown' };
    const current = this.registry.principals().find((p) => p.name === stored.name);
    if (!current || current.role !== stored.role || this.registry.credentialOf(current.name) !== stored.credential) {
      await this.sessions.end(id);
      return { ok: false, problem: 'unknown' };
    }
    if (!SAFE_METHODS.has(request.method) && !requestCameFromThisHost(request)) return { ok: false, problem: 'cross-origin' };
    return { ok: true, principal: current, via: 'session' };
  }

  /** Signs in with a pasted token: a new session for its principal, or undefined for a token that is not configured. */
  async signIn(token: string): Promise<{ principal: AdminPrincipal; session: StartedAdminSession } | undefined> {
    if (!this.sessions) throw new Error('admin sign-in needs AdminSessionsModule (no session store is registered)');
    // A paste often brings a newline or spaces along; a token never contains whitespace.
    const principal = this.registry.authenticate(`Bearer ${token.trim()}`);
    if (!principal) return undefined;
    return { principal, session: await this.sessions.start(principal, new Date(), this.registry.credentialOf(principal.name)) };
  }

  /** Ends the request's session, if it has one. */
  async signOut(request: Request): Promise<void> {
    await this.sessions?.end(sessionIdOf(request));
  }
}

function sessionIdOf(request: Request): string | undefined {
  // Set by cookie-parser; without it there are no cookies, and so no session (fails closed).
  const value = (request as { cookies?: Record<string, unknown> }).cookies?.[ADMIN_SESSION_COOKIE];
  return typeof value === 'string' ? value : undefined;
}
