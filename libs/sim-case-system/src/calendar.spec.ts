import { addDays, stockholmDate, stockholmLocal, stockholmTimestamp } from './calendar';

describe('calendar', () => {
  it('formats instants with the Stockholm offset of the day', () => {
    expect(stockholmTimestamp(new Date('2026-11-20T08:00:00.123Z'))).toBe('2026-11-20T09:00:00+01:00');
    expect(stockholmTimestamp(new Date('2026-07-01T12:00:00Z'))).toBe('2026-07-01T14:00:00+02:00');
    expect(stockholmTimestamp(new Date('2026-03-29T00:59:59Z'))).toBe('2026-03-29T01:59:59+01:00');
    expect(stockholmTimestamp(new Date('2026-03-29T01:00:00Z'))).toBe('2026-03-29T03:00:00+02:00');
    expect(stockholmTimestamp(new Date('2026-10-25T00:59:00Z'))).toBe('2026-10-25T02:59:00+02:00');
    expect(stockholmTimestamp(new Date('2026-10-25T01:00:00Z'))).toBe('2026-10-25T02:00:00+01:00');
    expect(stockholmDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('turns local wall-clock times into timestamps', () => {
    expect(stockholmLocal('2026-11-19', 14, 12)).toBe('2026-11-19T14:12:00+01:00');
    expect(stockholmLocal('2026-06-10', 8, 5)).toBe('2026-06-10T08:05:00+02:00');
    expect(stockholmLocal('2026-03-29', 9, 0)).toBe('2026-03-29T09:00:00+02:00');
    expect(stockholmLocal('2026-10-25', 9, 0)).toBe('2026-10-25T09:00:00+01:00');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});
