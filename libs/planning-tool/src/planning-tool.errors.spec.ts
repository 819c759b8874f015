import { parseRetryAfter, PlanningPermanentError, summariseProblem } from './planning-tool.errors';

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
    ['empty', '', undefined],
    ['blank', '   ', undefined],
    ['negative seconds', '-1', undefined],
    ['fractional seconds', '1.5', undefined],
    ['a word', 'soon', undefined],
    ['a word with a number (V8 would read it as a date)', 'soon 2', undefined],
    ['a non-integer number', 2.5, undefined],
    ['a negative number', -3, undefined],
    ['an array (repeated header)', ['5'], undefined],
    ['an ISO timestamp (not an HTTP date)', '2026-11-23T10:00:30Z', undefined],
  ])('%s', (_name, value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('summariseProblem', () => {
  it.each<[string, unknown, { title: string; fields: string[] }]>([
    [
      'title and distinct field names, never the detail or messages',
      {
        title: 'Invalid request',
        detail: 'language SV is not allowed',
        errors: [
          { field: 'language', message: 'must match ^[a-z]{2}$ (got SV)' },
          { field: 'language', message: 'again' },
          { field: 'address.postalCode', message: 'x' },
        ],
      },
      { title: 'Invalid request', fields: ['language', 'address.postalCode'] },
    ],
    ['no errors list', { title: 'Not found' }, { title: 'Not found', fields: [] }],
    ['errors without field names', { title: 'Bad', errors: [{ message: 'x' }, null, { field: 7 }] }, { title: 'Bad', fields: [] }],
    ['errors not a list', { title: 'Bad', errors: 'language' }, { title: 'Bad', fields: [] }],
    ['no title', { errors: [{ field: 'a' }] }, { title: 'no problem title', fields: ['a'] }],
    ['a non-string title', { title: 42 }, { title: 'no problem title', fields: [] }],
    ['no body', undefined, { title: 'no problem title', fields: [] }],
    ['a text body', '<html>oops</html>', { title: 'no problem title', fields: [] }],
  ])('%s', (_name, body, expected) => {
    expect(summariseProblem(body)).toEqual(expected);
  });

  it('cuts a very long title', () => {
    expect(summariseProblem({ title: 'x'.repeat(1000) }).title).toHaveLength(200);
  });
});

describe('PlanningPermanentError', () => {
  it('names status, place, title and fields', () => {
    const error = new PlanningPermanentError(400, 'Invalid request', ['language', 'phone'], 'kommunen PUT customer');
    expect(error.message).toBe('planning tool answered 400 to kommunen PUT customer: Invalid request (fields: language, phone)');
    expect(new PlanningPermanentError(404, 'Not found', [], 'x').message).toBe('planning tool answered 404 to x: Not found');
  });
});
