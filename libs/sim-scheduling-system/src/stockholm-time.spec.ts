import { clocksChangeInNightAfter, daysInclusive, isIsoDate, isSkippedLocalTime, stockholmTimestamp } from './stockholm-time';

describe('stockholm-time', () => {
  it('knows the skipped spring hour and nothing else', () => {
    expect(isSkippedLocalTime('2026-03-29', '02:00')).toBe(true);
    expect(isSkippedLocalTime('2026-03-29', '02:59')).toBe(true);
    expect(isSkippedLocalTime('2026-03-29', '01:59')).toBe(false);
    expect(isSkippedLocalTime('2026-03-29', '03:00')).toBe(false);
    expect(isSkippedLocalTime('2026-10-25', '02:30')).toBe(false);
    expect(isSkippedLocalTime('2026-03-28', '02:30')).toBe(false);
  });

  it('finds the nights the clocks change', () => {
    expect(clocksChangeInNightAfter('2026-03-28')).toBe(true);
    expect(clocksChangeInNightAfter('2026-10-24')).toBe(true);
    expect(clocksChangeInNightAfter('2026-03-29')).toBe(false);
    expect(clocksChangeInNightAfter('2026-10-25')).toBe(false);
    expect(clocksChangeInNightAfter('2026-06-01')).toBe(false);
  });

  it('counts days inclusively and checks dates for real', () => {
    expect(daysInclusive('2026-03-01', '2026-03-01')).toBe(1);
    expect(daysInclusive('2026-03-01', '2026-05-01')).toBe(62);
    expect(daysInclusive('2026-10-20', '2026-10-31')).toBe(12);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-1-01')).toBe(false);
  });

  it('stamps with the Stockholm offset of the instant', () => {
    expect(stockholmTimestamp(new Date('2026-11-20T14:02:44Z'))).toBe('2026-11-20T15:02:44+01:00');
    expect(stockholmTimestamp(new Date('2026-07-01T08:00:00Z'))).toBe('2026-07-01T10:00:00+02:00');
  });
});
