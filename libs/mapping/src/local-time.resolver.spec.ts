import { DateTime } from 'luxon';
import { LocalTimesOutOfOrderError, SkippedLocalTimeError } from './local-time.errors';
import { localTimeCandidates, resolveLocalInterval, resolveLocalTime, resolveShiftTimes, resolveWholeDay } from './local-time.resolver';

const ZONE = 'Europe/Stockholm';
const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
const times = hours.flatMap((h) => [`${h}:00`, `${h}:30`]);

/** Hours between two ISO instants, as luxon measures real elapsed time. */
const lengthHours = (start: string, end: string) => DateTime.fromISO(end).diff(DateTime.fromISO(start), 'hours').hours;

/** The offsets the Swedish clocks show: written out as a table, not computed like the code under test. */
const expectations: Array<[string, (hour: number) => string[]]> = [
  ['2026-11-23', () => ['+01:00']],
  ['2026-03-29', (h) => (h < 2 ? ['+01:00'] : h === 2 ? [] : ['+02:00'])],
  ['2026-10-25', (h) => (h < 2 ? ['+02:00'] : h === 2 ? ['+02:00', '+01:00'] : ['+01:00'])],
];

describe('local times of every hour and half hour', () => {
  for (const [date, offsets] of expectations) {
    it.each(times)(`${date} %s`, (time) => {
      const expected = offsets(Number(time.slice(0, 2))).map((o) => `${date}T${time}:00${o}`);
      const got = localTimeCandidates(date, time, ZONE).map((c) => c.toISO({ suppressMilliseconds: true }));
      expect(got).toEqual(expected);
      if (expected.length === 0) {
        expect(() => resolveLocalTime(date, time, ZONE)).toThrow(SkippedLocalTimeError);
        expect(() => resolveLocalTime(date, time, ZONE)).toThrow(`${date} ${time}`);
      } else {
        expect(resolveLocalTime(date, time, ZONE)).toBe(expected[0]);
        // The two occurrences of a repeated time are one real hour apart.
        if (expected.length === 2) expect(lengthHours(expected[0], expected[1])).toBe(1);
      }
    });
  }
});

describe('shifts', () => {
  const cases: Array<{ name: string; shift: Parameters<typeof resolveShiftTimes>[0]; start: string; end: string; hours: number; breaks?: string[][] }> = [
    { name: 'a normal day shift', shift: { date: '2026-11-23', start: '07:00', end: '16:00', breaks: [{ start: '11:30', end: '12:00' }] }, start: '2026-11-23T07:00:00+01:00', end: '2026-11-23T16:00:00+01:00', hours: 9, breaks: [['2026-11-23T11:30:00+01:00', '2026-11-23T12:00:00+01:00']] },
    { name: 'a normal night shift', shift: { date: '2026-11-23', start: '21:15', end: '07:15', breaks: [{ start: '01:00', end: '01:30' }] }, start: '2026-11-23T21:15:00+01:00', end: '2026-11-24T07:15:00+01:00', hours: 10, breaks: [['2026-11-24T01:00:00+01:00', '2026-11-24T01:30:00+01:00']] },
    { name: 'the spring night', shift: { date: '2026-03-28', start: '21:15', end: '07:15', breaks: [{ start: '01:00', end: '01:30' }] }, start: '2026-03-28T21:15:00+01:00', end: '2026-03-29T07:15:00+02:00', hours: 9, breaks: [['2026-03-29T01:00:00+01:00', '2026-03-29T01:30:00+01:00']] },
    { name: 'the autumn night', shift: { date: '2026-10-24', start: '21:15', end: '07:15', breaks: [{ start: '01:00', end: '01:30' }] }, start: '2026-10-24T21:15:00+02:00', end: '2026-10-25T07:15:00+01:00', hours: 11, breaks: [['2026-10-25T01:00:00+02:00', '2026-10-25T01:30:00+02:00']] },
    { name: 'a break in the repeated hour', shift: { date: '2026-10-24', start: '21:15', end: '07:15', breaks: [{ start: '02:15', end: '02:45' }] }, start: '2026-10-24T21:15:00+02:00', end: '2026-10-25T07:15:00+01:00', hours: 11, breaks: [['2026-10-25T02:15:00+02:00', '2026-10-25T02:45:00+02:00']] },
    { name: 'a break across the fall-back (end must be the second 02:15)', shift: { date: '2026-10-24', start: '21:15', end: '07:15', breaks: [{ start: '02:45', end: '02:15' }] }, start: '2026-10-24T21:15:00+02:00', end: '2026-10-25T07:15:00+01:00', hours: 11, breaks: [['2026-10-25T02:45:00+02:00', '2026-10-25T02:15:00+01:00']] },
    { name: 'a break whose end needs the second occurrence, then the end too', shift: { date: '2026-10-25', start: '01:50', end: '02:20', breaks: [{ start: '02:40', end: '02:10' }] }, start: '2026-10-25T01:50:00+02:00', end: '2026-10-25T02:20:00+01:00', hours: 1.5, breaks: [['2026-10-25T02:40:00+02:00', '2026-10-25T02:10:00+01:00']] },
    { name: 'a shift ending in the repeated hour', shift: { date: '2026-10-24', start: '22:00', end: '02:30', breaks: [] }, start: '2026-10-24T22:00:00+02:00', end: '2026-10-25T02:30:00+02:00', hours: 4.5 },
    { name: 'a shift starting at 02:30 on the autumn night', shift: { date: '2026-10-25', start: '02:30', end: '07:30', breaks: [] }, start: '2026-10-25T02:30:00+02:00', end: '2026-10-25T07:30:00+01:00', hours: 6 },
    { name: 'a short shift inside the repeated hour', shift: { date: '2026-10-25', start: '02:30', end: '02:45', breaks: [] }, start: '2026-10-25T02:30:00+02:00', end: '2026-10-25T02:45:00+02:00', hours: 0.25 },
    { name: 'the evening after the autumn night', shift: { date: '2026-10-25', start: '21:15', end: '07:15', breaks: [{ start: '01:00', end: '01:30' }] }, start: '2026-10-25T21:15:00+01:00', end: '2026-10-26T07:15:00+01:00', hours: 10, breaks: [['2026-10-26T01:00:00+01:00', '2026-10-26T01:30:00+01:00']] },
    { name: 'an end equal to the start is the next day', shift: { date: '2026-11-23', start: '08:00', end: '08:00', breaks: [] }, start: '2026-11-23T08:00:00+01:00', end: '2026-11-24T08:00:00+01:00', hours: 24 },
  ];
  it.each(cases)('$name', ({ shift, start, end, hours: length, breaks }) => {
    const got = resolveShiftTimes(shift, ZONE);
    expect(got.start).toBe(start);
    expect(got.end).toBe(end);
    expect(lengthHours(got.start, got.end)).toBe(length);
    expect(got.breaks.map((b) => [b.start, b.end])).toEqual(breaks ?? []);
  });

  it.each([
    ['a spring-night break in the skipped hour', { date: '2026-03-28', start: '21:15', end: '07:15', breaks: [{ start: '02:15', end: '02:45' }] }, '2026-03-29 02:15'],
    ['a shift starting in the skipped hour', { date: '2026-03-29', start: '02:30', end: '07:00', breaks: [] }, '2026-03-29 02:30'],
    ['a shift ending in the skipped hour', { date: '2026-03-28', start: '22:00', end: '02:59', breaks: [] }, '2026-03-29 02:59'],
  ])('%s throws SkippedLocalTimeError naming date and time', (_name, shift, when) => {
    expect(() => resolveShiftTimes(shift, ZONE)).toThrow(SkippedLocalTimeError);
    expect(() => resolveShiftTimes(shift, ZONE)).toThrow(when);
  });

  it.each([
    ['a break after the shift', { date: '2026-11-23', start: '07:00', end: '16:00', breaks: [{ start: '17:00', end: '17:30' }] }],
    ['breaks out of order', { date: '2026-11-23', start: '07:00', end: '16:00', breaks: [{ start: '12:00', end: '12:30' }, { start: '09:00', end: '09:15' }] }],
    ['a zero-length break', { date: '2026-11-23', start: '07:00', end: '16:00', breaks: [{ start: '12:00', end: '12:00' }] }],
  ])('%s throws LocalTimesOutOfOrderError', (_name, shift) => {
    expect(() => resolveShiftTimes(shift, ZONE)).toThrow(LocalTimesOutOfOrderError);
  });
});

describe('absences', () => {
  it.each([
    ['2026-11-23', '2026-11-23T00:00:00+01:00', '2026-11-24T00:00:00+01:00', 24],
    ['2026-03-29', '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 23],
    ['2026-10-25', '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00', 25],
  ])('the whole day %s', (date, start, end, length) => {
    const got = resolveWholeDay(date, ZONE);
    expect(got).toEqual({ start, end });
    expect(lengthHours(got.start, got.end)).toBe(length);
  });

  it('a part day resolves like a shift, across the autumn change', () => {
    const got = resolveLocalInterval('2026-10-25', '01:00', '04:00', ZONE);
    expect(got).toEqual({ start: '2026-10-25T01:00:00+02:00', end: '2026-10-25T04:00:00+01:00' });
    expect(lengthHours(got.start, got.end)).toBe(4);
  });

  it('a part day ending at or before its start ends the next day', () => {
    expect(resolveLocalInterval('2026-11-23', '22:00', '06:00', ZONE)).toEqual({ start: '2026-11-23T22:00:00+01:00', end: '2026-11-24T06:00:00+01:00' });
  });

  it('a part day in the skipped hour throws', () => {
    expect(() => resolveLocalInterval('2026-03-29', '01:00', '02:30', ZONE)).toThrow(SkippedLocalTimeError);
  });
});
