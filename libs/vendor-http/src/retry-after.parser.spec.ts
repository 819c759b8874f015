import { parseRetryAfter } from './retry-after.parser';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');

  it.each<[string, unknown, number | undefined]>([
    ['delta-seconds as text', '7', 7000],
    ['zero seconds', '0', 0],
    ['seconds with surrounding space', ' 30 ', 30000],
    ['seconds as a number', 5, 5000],
    ['an HTTP date in the future', 'Mon, 23 Nov 2026 10:00:30 GMT', 30000],
    ['an HTTP date in the past is no wait', 'Mon, 23 Nov 2026 09:00:00 GMT', 0],
    ['absent', undefined, undefined],
    ['null', null, undefined],
    ['empty', '', undefined],
    ['blank', '   ', undefined],
    ['negative seconds', '-1', undefined],
    ['fractional seconds', '1.5', undefined],
    ['a word', 'soon', undefined],
    ['a word with a number (V8 would read it as a date)', 'soon 2', undefined],
    ['a non-integer number', 2.5, undefined],
    ['a negative number', -3, undefined],
    ['NaN', Number.NaN, undefined],
    ['an array (repeated header)', ['5'], undefined],
    ['an ISO timestamp (not an HTTP date)', '2026-11-23T10:00:30Z', undefined],
  ])('%s', (_name, value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
