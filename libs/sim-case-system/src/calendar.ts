import { DateTime } from 'luxon';

/**
 * Date helpers for the simulator. Calendar dates are `YYYY-MM-DD` strings handled in UTC
 * arithmetic (no wall clock involved); timestamps carry the Europe/Stockholm offset the
 * contract's examples use.
 */
const ZONE = 'Europe/Stockholm';
const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Today's calendar date in Stockholm. */
export function stockholmDate(now: Date): string {
  return DateTime.fromJSDate(now).setZone(ZONE).toISODate() ?? now.toISOString().slice(0, 10);
}

/** An instant as `2026-11-19T14:12:00+01:00`. */
export function stockholmTimestamp(now: Date): string {
  const text = DateTime.fromJSDate(now).setZone(ZONE).toISO({ suppressMilliseconds: true });
  if (!text) throw new Error('cannot format timestamp');
  return text;
}

/** A local wall-clock time on a date, as a timestamp with offset. */
export function stockholmLocal(date: string, hour: number, minute: number): string {
  const text = DateTime.fromISO(date, { zone: ZONE }).set({ hour, minute }).toISO({ suppressMilliseconds: true });
  if (!text) throw new Error('cannot format local time');
  return text;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}
