import { officeMinutesBetween, parseOfficeHours, parseTimeOfDay, rosterDueDate } from './office-hours';

const HOURS = { from: 7, until: 17 };
const at = (iso: string) => new Date(iso);

describe('office hours (Europe/Stockholm, weekdays)', () => {
  it.each([
    ['07-17', { from: 7, until: 17 }],
    ['00-24', { from: 0, until: 24 }],
    ['17-07', undefined],
    ['7-17', undefined],
    ['08-25', undefined],
  ])('parses %s', (text, expected) => {
    expect(parseOfficeHours(text)).toEqual(expected);
  });

  it.each([
    ['16:00', { hour: 16, minute: 0 }],
    ['23:59', { hour: 23, minute: 59 }],
    ['24:00', undefined],
    ['16', undefined],
  ])('parses the time of day %s', (text, expected) => {
    expect(parseTimeOfDay(text)).toEqual(expected);
  });

  it.each([
    // Monday 2026-11-23, CET (UTC+1): 08:00-10:00 local is two office hours.
    ['within one morning', '2026-11-23T07:00:00Z', '2026-11-23T09:00:00Z', 120],
    ['before opening counts nothing', '2026-11-23T04:00:00Z', '2026-11-23T06:00:00Z', 0],
    ['the night between two days counts nothing', '2026-11-23T15:30:00Z', '2026-11-24T06:30:00Z', 30 + 30],
    ['a weekend counts nothing: Friday 16:00 to Monday 08:00', '2026-11-27T15:00:00Z', '2026-11-30T07:00:00Z', 60 + 60],
    ['a whole week is five days of ten hours', '2026-11-23T00:00:00Z', '2026-11-30T00:00:00Z', 5 * 600],
    // Summer time (UTC+2): 07:00 local is 05:00 UTC.
    ['in summer time', '2026-06-15T05:00:00Z', '2026-06-15T06:00:00Z', 60],
    ['backwards is nothing', '2026-11-23T09:00:00Z', '2026-11-23T07:00:00Z', 0],
  ])('%s', (_name, from, to, minutes) => {
    expect(officeMinutesBetween(at(from), at(to), HOURS)).toBe(minutes);
  });

  it.each([
    ['before the deadline: today', '2026-11-23T14:59:00Z', '2026-11-23'],
    ['at the deadline: tomorrow', '2026-11-23T15:00:00Z', '2026-11-24'],
    ['after midnight Stockholm, before the deadline: that day', '2026-11-23T23:30:00Z', '2026-11-24'],
    ['summer time deadline 16:00 is 14:00 UTC', '2026-06-15T14:00:00Z', '2026-06-16'],
  ])('the roster due date %s', (_name, now, date) => {
    expect(rosterDueDate(at(now), { hour: 16, minute: 0 })).toBe(date);
  });
});
