const DELTA_SECONDS = /^\s*\d{1,9}\s*$/;
// IMF-fixdate only: V8's Date.parse reads almost any junk ('soon 2', '-1') as some date.
const HTTP_DATE = /^\s*[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT\s*$/;

/**
 * Retry-After as milliseconds: delta-seconds or an HTTP date. Absent or unreadable is
 * undefined, so the caller's default applies; never 0 ms, which `Number('')` would give
 * and which would hammer a peer that asked us to slow down.
 */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value * 1000 : undefined;
  if (typeof value !== 'string') return undefined;
  if (DELTA_SECONDS.test(value)) return Number(value) * 1000;
  if (!HTTP_DATE.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
