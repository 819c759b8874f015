import { stockholmToday } from './stockholm-clock';

describe('stockholmToday', () => {
  it.each([
    ['2026-01-15T12:00:00Z', '2026-01-15'],
    // Past midnight in Stockholm (UTC+1 in winter, +2 in summer) while still the day before in UTC.
    ['2026-01-15T23:30:00Z', '2026-01-16'],
    ['2026-06-30T22:30:00Z', '2026-07-01'],
    ['2026-06-30T21:30:00Z', '2026-06-30'],
    // The night the clocks go forward, and the night they go back.
    ['2026-03-28T23:30:00Z', '2026-03-29'],
    ['2026-10-24T22:30:00Z', '2026-10-25'],
  ])('%s is %s in Stockholm', (instant, date) => {
    expect(stockholmToday(new Date(instant))).toBe(date);
  });

  it('answers the same for repeated calls (the formatter is shared, not stateful)', () => {
    const at = new Date('2026-12-31T23:00:00Z');
    expect([stockholmToday(at), stockholmToday(new Date('2026-05-01T10:00:00Z')), stockholmToday(at)]).toEqual(['2027-01-01', '2026-05-01', '2027-01-01']);
  });
});
