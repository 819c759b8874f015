import { DEFAULT_JOB_OPTIONS, jitteredBackoff } from './default-job-options';

describe('default job options', () => {
  it('keeps failed jobs by age, never throws them away', () => {
    expect(DEFAULT_JOB_OPTIONS.removeOnFail).toEqual({ age: 14 * 24 * 3600 });
    expect(DEFAULT_JOB_OPTIONS.attempts).toBeGreaterThan(1);
  });

  it.each([
    [1, 0, 500],
    [1, 1, 1000],
    [3, 0, 2000],
    [3, 1, 4000],
    [20, 1, 300000],
  ])('attempt %i with random %d waits %i ms', (attempt, random, expected) => {
    expect(jitteredBackoff(attempt, 1000, () => random)).toBe(expected);
  });
});
