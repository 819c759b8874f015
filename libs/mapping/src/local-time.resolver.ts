import { DateTime, FixedOffsetZone } from 'luxon';
import { LocalTimesOutOfOrderError, SkippedLocalTimeError } from './local-time.errors';

/** Absolute ISO 8601 instants carrying the zone's offset at that instant (`2026-10-25T01:00:00+02:00`). */
export interface ResolvedInterval {
  start: string;
  end: string;
}

export interface ResolvedShift extends ResolvedInterval {
  breaks: ResolvedInterval[];
}

export interface LocalShiftTimes {
  /** Local date on which the shift starts. */
  date: string;
  start: string;
  end: string;
  breaks: ReadonlyArray<{ start: string; end: string }>;
}

interface Point {
  date: string;
  time: string;
  /** True when this point must come strictly after the one before (the end of an interval). */
  closesInterval: boolean;
  label: string;
}

/**
 * Resolves a shift per the scheduling contract: an end at or before the start is the
 * next day; a break time earlier than the shift start is the next day; a time in the
 * repeated autumn hour is its first occurrence unless that breaks the order of start,
 * each break's start and end, and end, then its second; a skipped spring time throws.
 */
export function resolveShiftTimes(shift: LocalShiftTimes, timeZone: string): ResolvedShift {
  const nextDay = addDays(shift.date, 1);
  const dayOf = (time: string) => (time < shift.start ? nextDay : shift.date);
  const points: Point[] = [{ date: shift.date, time: shift.start, closesInterval: false, label: `shift start ${shift.start}` }];
  for (const b of shift.breaks) {
    points.push({ date: dayOf(b.start), time: b.start, closesInterval: false, label: `break start ${b.start}` });
    points.push({ date: dayOf(b.end), time: b.end, closesInterval: true, label: `break end ${b.end}` });
  }
  const endDate = shift.end <= shift.start ? nextDay : shift.date;
  points.push({ date: endDate, time: shift.end, closesInterval: shift.breaks.length === 0, label: `shift end ${shift.end}` });
  const instants = resolveInOrder(shift.date, points, timeZone).map(toIso);
  const breaks = shift.breaks.map((_, i) => ({ start: instants[1 + 2 * i], end: instants[2 + 2 * i] }));
  return { start: instants[0], end: instants[instants.length - 1], breaks };
}

/** A part-day interval (a partial absence): `to` at or before `from` is the next day. */
export function resolveLocalInterval(date: string, from: string, to: string, timeZone: string): ResolvedInterval {
  const points: Point[] = [
    { date, time: from, closesInterval: false, label: `from ${from}` },
    { date: to <= from ? addDays(date, 1) : date, time: to, closesInterval: true, label: `to ${to}` },
  ];
  const [start, end] = resolveInOrder(date, points, timeZone).map(toIso);
  return { start, end };
}

/** One local time, its first occurrence when the clocks repeat it; a skipped time throws. */
export function resolveLocalTime(date: string, time: string, timeZone: string): string {
  const [first] = localTimeCandidates(date, time, timeZone);
  if (first === undefined) throw new SkippedLocalTimeError(date, time, timeZone);
  return toIso(first);
}

/** Local midnight to the next local midnight: 23 or 25 hours on the days the clocks change. */
export function resolveWholeDay(date: string, timeZone: string): ResolvedInterval {
  const start = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  if (!start.isValid) throw new Error(`cannot resolve date ${date} in time zone ${timeZone}`);
  return { start: toIso(start), end: toIso(start.plus({ days: 1 }).startOf('day')) };
}

/**
 * Every instant at which the wall clock in the zone shows `date time`: none in a
 * skipped hour, two in a repeated one (earliest first). The candidate offsets come
 * from the zone itself (the day before, the day itself, the day after), so no offset
 * is ever computed by hand.
 */
export function localTimeCandidates(date: string, time: string, timeZone: string): DateTime[] {
  const wall = wallClock(date, time);
  const guess = DateTime.fromObject(wall, { zone: timeZone });
  if (!guess.isValid) throw new Error(`cannot resolve ${date} ${time} in time zone ${timeZone}`);
  const offsets = new Set([guess.offset, guess.minus({ days: 1 }).offset, guess.plus({ days: 1 }).offset]);
  const found = new Map<number, DateTime>();
  for (const offset of offsets) {
    const instant = DateTime.fromObject(wall, { zone: FixedOffsetZone.instance(offset) }).setZone(timeZone);
    const shows = instant.year === wall.year && instant.month === wall.month && instant.day === wall.day && instant.hour === wall.hour && instant.minute === wall.minute;
    if (shows) found.set(instant.toMillis(), instant);
  }
  return [...found.values()].sort((a, b) => a.toMillis() - b.toMillis());
}

function resolveInOrder(anchorDate: string, points: readonly Point[], timeZone: string): DateTime[] {
  const chosen: DateTime[] = [];
  for (const point of points) {
    const candidates = localTimeCandidates(point.date, point.time, timeZone);
    if (candidates.length === 0) throw new SkippedLocalTimeError(point.date, point.time, timeZone);
    const previous = chosen[chosen.length - 1];
    // The earliest occurrence that keeps the order is the contract's "first unless out of order".
    const fits = candidates.find((c) => previous === undefined || (point.closesInterval ? c.toMillis() > previous.toMillis() : c.toMillis() >= previous.toMillis()));
    if (fits === undefined) throw new LocalTimesOutOfOrderError(anchorDate, `${point.label} is not after ${points[chosen.length - 1].label}`);
    chosen.push(fits);
  }
  return chosen;
}

function wallClock(date: string, time: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) throw new Error(`not a local date and time: ${date} ${time}`);
  return { year: Number(d[1]), month: Number(d[2]), day: Number(d[3]), hour: Number(t[1]), minute: Number(t[2]) };
}

function addDays(date: string, days: number): string {
  const next = DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate();
  if (next === null) throw new Error(`not a date: ${date}`);
  return next;
}

function toIso(instant: DateTime): string {
  const iso = instant.toISO({ suppressMilliseconds: true, includeOffset: true });
  if (iso === null) throw new Error('invalid instant');
  return iso;
}
