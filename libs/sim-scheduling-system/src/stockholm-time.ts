import { DateTime } from 'luxon';

/** Every local time in the contract is Europe/Stockholm wall-clock time. */
export const STOCKHOLM = 'Europe/Stockholm';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

export function isLocalTime(value: unknown): value is string {
  return typeof value === 'string' && LOCAL_TIME.test(value);
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/** Number of days from `from` to `to`, both counted (same day = 1). */
export function daysInclusive(from: string, to: string): number {
  const diff = DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days;
  return Math.round(diff) + 1;
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
}

export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * Whether a local wall-clock time does not exist (the spring-forward hour). Luxon
 * moves such a time forward instead of failing, which is how we notice it.
 */
export function isSkippedLocalTime(date: string, time: string): boolean {
  const [year, month, day] = date.split('-').map(Number);
  const hour = Number(time.slice(0, 2));
  const minute = Number(time.slice(3, 5));
  const local = DateTime.fromObject({ year, month, day, hour, minute }, { zone: STOCKHOLM });
  return local.hour !== hour || local.minute !== minute;
}

/** Whether the clocks change during the night that starts on the evening of `date`. */
export function clocksChangeInNightAfter(date: string): boolean {
  const evening = DateTime.fromISO(`${date}T21:00`, { zone: STOCKHOLM });
  const morning = DateTime.fromISO(`${addDays(date, 1)}T09:00`, { zone: STOCKHOLM });
  return evening.offset !== morning.offset;
}

/** `2026-11-20T15:02:44+01:00`: the export's `generated` stamp, in Stockholm time. */
export function stockholmTimestamp(instant: Date): string {
  return DateTime.fromJSDate(instant).setZone(STOCKHOLM).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

/** Today's local date in Stockholm. */
export function stockholmDate(instant: Date): string {
  return DateTime.fromJSDate(instant).setZone(STOCKHOLM).toISODate() as string;
}
