import { DateTime } from 'luxon';

/** Every calendar date from `start` to `end` inclusive (`YYYY-MM-DD`); calendar days, so DST cannot skip or repeat one. */
export function datesOf(start: string, end: string): string[] {
  const out: string[] = [];
  const last = DateTime.fromISO(end, { zone: 'utc' });
  for (let d = DateTime.fromISO(start, { zone: 'utc' }); d <= last; d = d.plus({ days: 1 })) out.push(d.toISODate() ?? '');
  return out;
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() ?? date;
}
