import type { CookieOptions } from 'express';

/** The operations page's session cookie; it holds a random session id, never a token. */
export const ADMIN_SESSION_COOKIE = 'brygga_admin_session';

/** How sessions are kept: from ADMIN_SESSION_TTL_MINUTES and ADMIN_COOKIE_SECURE. */
export interface AdminSessionSettings {
  ttlMinutes: number;
  /** `Secure`: set it whenever the page is served over TLS (production); off for the plain-http demo. */
  cookieSecure: boolean;
}

/**
 * The cookie's attributes. HttpOnly: no script (the page's own or an injected one) can read
 * it. SameSite=Strict: the browser sends it only on requests started from this site, so
 * another site's form cannot act with it (CSRF). Path=/admin: the inbound and metrics routes
 * never see it. Max-Age: the browser drops it when the server-side session ends anyway.
 */
export function adminSessionCookie(settings: AdminSessionSettings): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/admin', secure: settings.cookieSecure, maxAge: settings.ttlMinutes * 60_000 };
}

/** The same attributes without a lifetime, for clearing the cookie (a browser matches it by name and path). */
export function clearedAdminSessionCookie(settings: AdminSessionSettings): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/admin', secure: settings.cookieSecure };
}
