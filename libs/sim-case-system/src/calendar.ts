/**
 * Date helpers for the simulator. Calendar dates are `YYYY-MM-DD` strings handled in UTC
 * arithmetic; timestamps carry the Europe/Stockholm offset the contract's examples use.
 * The offset comes from the EU summer-time rule directly (last Sunday of March to last
 * Sunday of October, switching at 01:00 UTC): a timezone library made generating
 * 20,000 clients take many seconds.
 */
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** 01:00 UTC on the last Sunday of the month (1-based). */
function lastSundayAt1Utc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0, 1));
  return last.getTime() - last.getUTCDay() * DAY_MS;
}

/** Stockholm's UTC offset in hours at an instant. */
export function stockholmOffsetHours(instantMs: number): number {
  const year = new Date(instantMs).getUTCFullYear();
  return instantMs >= lastSundayAt1Utc(year, 3) && instantMs < lastSundayAt1Utc(year, 10) ? 2 : 1;
}

function format(instantMs: number): string {
  const offset = stockholmOffsetHours(instantMs);
  const local = new Date(instantMs + offset * HOUR_MS).toISOString().slice(0, 19);
  return `${local}+0${offset}:00`;
}

/** Today's calendar date in Stockholm. */
export function stockholmDate(now: Date): string {
  return format(now.getTime()).slice(0, 10);
}

/** An instant as `2026-11-19T14:12:00+01:00`. */
export function stockholmTimestamp(now: Date): string {
  return format(Math.floor(now.getTime() / 1000) * 1000);
}

/**
 * A local wall-clock time on a date, as a timestamp with offset. Meant for daytime
 * hours: in the spring-forward gap or the autumn repeat it picks the winter offset.
 */
export function stockholmLocal(date: string, hour: number, minute: number): string {
  const asUtc = Date.parse(`${date}T00:00:00Z`) + hour * HOUR_MS + minute * 60_000;
  const winter = asUtc - HOUR_MS;
  const instant = stockholmOffsetHours(asUtc - 2 * HOUR_MS) === 2 ? asUtc - 2 * HOUR_MS : winter;
  return format(instant);
}
