import type { Request } from 'express';

// Fetch metadata a browser sends on a request it did not start from a page of this origin.
const FOREIGN_FETCH_SITES: ReadonlySet<string> = new Set(['cross-site', 'same-site']);

/**
 * Whether a request says it came from a page of this host. Absent headers pass (older
 * browsers, and non-browser clients, which carry no cookie they did not set on purpose);
 * a present `Sec-Fetch-Site` must not be cross-site or same-site, a present `Origin` must
 * name this host. The host, not the scheme, is compared: behind a TLS proxy the process
 * hears http while the browser says https.
 */
export function requestCameFromThisHost(request: Pick<Request, 'headers'>): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && FOREIGN_FETCH_SITES.has(site)) return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const host = request.headers.host;
  return host !== undefined && hostOf(origin) === host.toLowerCase();
}

function hostOf(origin: string): string | undefined {
  // `Origin: null` (a sandboxed frame, a redirect chain) is no origin of ours.
  if (!URL.canParse(origin)) return undefined;
  return new URL(origin).host.toLowerCase();
}
