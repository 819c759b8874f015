/**
 * The page's state in its URL: each list's filters and cursor, as GET parameters, so a
 * filtered page can be bookmarked, reloaded and sent to a colleague, and each action
 * comes back to the same view. Only these names are read or written back; nothing else a
 * URL carries reaches a service or the page.
 */
export interface FailedJobsView {
  queue?: string;
  flow?: string;
  reason?: string;
  olderThanMinutes?: number;
  newerThanMinutes?: number;
  cursor?: string;
}

export interface QuarantineView {
  flow?: string;
  reason?: string;
  olderThanMinutes?: number;
  newerThanMinutes?: number;
  cursor?: string;
}

export interface PageQuery {
  failed: FailedJobsView;
  quarantine: QuarantineView;
}

/** Parameter names, per list: short, and distinct between the two lists. */
export const FAILED_PARAMS = { queue: 'queue', flow: 'flow', reason: 'reason', olderThanMinutes: 'older', newerThanMinutes: 'newer', cursor: 'after' } as const;
export const QUARANTINE_PARAMS = { flow: 'qflow', reason: 'qreason', olderThanMinutes: 'qolder', newerThanMinutes: 'qnewer', cursor: 'qafter' } as const;

const ALL_PARAMS: readonly string[] = [...Object.values(FAILED_PARAMS), ...Object.values(QUARANTINE_PARAMS)];
const NUMERIC = new Set<string>(['olderThanMinutes', 'newerThanMinutes']);

type Query = Record<string, unknown>;

export function pageQueryOf(query: Query): PageQuery {
  return { failed: viewOf(query, FAILED_PARAMS), quarantine: viewOf(query, QUARANTINE_PARAMS) };
}

/** The query string of a page state, with `extra` (a flash code) on top. */
export function pageQueryString(state: PageQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  write(params, state.failed, FAILED_PARAMS);
  write(params, state.quarantine, QUARANTINE_PARAMS);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The page URL for a state (and a flash code, after an action). */
export function pageUrl(state: PageQuery, extra: Record<string, string> = {}): string {
  return `/admin${pageQueryString(state, extra)}`;
}

/** The state an action's form carried back (its hidden `back` field), reduced to the page's own parameters. */
export function pageQueryFromBack(back: unknown): PageQuery {
  const params = new URLSearchParams(typeof back === 'string' ? back.replace(/^\?/, '') : '');
  const query: Query = {};
  for (const name of ALL_PARAMS) {
    const value = params.get(name);
    if (value !== null) query[name] = value;
  }
  return pageQueryOf(query);
}

function viewOf<P extends Record<string, string>>(query: Query, names: P): { [K in keyof P]?: K extends 'olderThanMinutes' | 'newerThanMinutes' ? number : string } {
  const out: Record<string, string | number> = {};
  for (const [field, param] of Object.entries(names)) {
    const raw = query[param];
    // An empty field of a GET form is no filter.
    if (typeof raw !== 'string' || raw.trim() === '' || raw.length > 2000) continue;
    // A number that is not one is passed on as NaN: the service refuses it with a message naming the filter.
    out[field] = NUMERIC.has(field) ? Number(raw.trim()) : raw.trim();
  }
  return out as { [K in keyof P]?: K extends 'olderThanMinutes' | 'newerThanMinutes' ? number : string };
}

function write(params: URLSearchParams, view: object, names: Record<string, string>): void {
  for (const [field, param] of Object.entries(names)) {
    const value = (view as Record<string, unknown>)[field];
    if (value !== undefined && value !== '') params.set(param, String(value));
  }
}
