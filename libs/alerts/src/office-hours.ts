import { DateTime } from 'luxon';

/** Weekday office hours in Stockholm, whole hours: `from` inclusive, `until` exclusive. */
export interface OfficeHours {
  from: number;
  until: number;
}

export interface TimeOfDay {
  hour: number;
  minute: number;
}

const ZONE = 'Europe/Stockholm';
const MINUTE_MS = 60_000;
/** Silence older than this is not counted further: every threshold is far below it. */
const MAX_LOOKBACK_DAYS = 31;

/** `07-17` → {from: 7, until: 17}; undefined when it is not two hours, the first before the second. */
export function parseOfficeHours(text: string): OfficeHours | undefined {
  const match = /^(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [from, until] = [Number(match[1]), Number(match[2])];
  return from < until && until <= 24 ? { from, until } : undefined;
}

/** `16:00` → {hour: 16, minute: 0}; undefined when it is not a time of day. */
export function parseTimeOfDay(text: string): TimeOfDay | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}

/**
 * Minutes of office hours (weekdays, Stockholm, DST included) between two instants: how
 * long the feed has been silent while someone could have changed something. Weekends and
 * nights do not count; public holidays do (they are not known here).
 */
export function officeMinutesBetween(from: Date, to: Date, hours: OfficeHours): number {
  const start = Math.max(from.getTime(), to.getTime() - MAX_LOOKBACK_DAYS * 24 * 3600_000);
  if (start >= to.getTime()) return 0;
  let day = DateTime.fromMillis(start, { zone: ZONE }).startOf('day');
  const last = DateTime.fromMillis(to.getTime(), { zone: ZONE }).startOf('day');
  let ms = 0;
  while (day <= last) {
    if (day.weekday <= 5) {
      const open = day.set({ hour: hours.from }).toMillis();
      const close = hours.until === 24 ? day.plus({ days: 1 }).toMillis() : day.set({ hour: hours.until }).toMillis();
      ms += Math.max(0, Math.min(close, to.getTime()) - Math.max(open, start));
    }
    day = day.plus({ days: 1 });
  }
  return Math.floor(ms / MINUTE_MS);
}

/**
 * The Stockholm date a unit's roster must cover now: tomorrow from the deadline on, today
 * before it (so an alert raised at the deadline stays until the roster comes, over midnight).
 */
export function rosterDueDate(now: Date, deadline: TimeOfDay): string {
  const local = DateTime.fromMillis(now.getTime(), { zone: ZONE });
  const cutoff = local.set({ hour: deadline.hour, minute: deadline.minute, second: 0, millisecond: 0 });
  return (local >= cutoff ? local.plus({ days: 1 }) : local).toISODate() as string;
}
