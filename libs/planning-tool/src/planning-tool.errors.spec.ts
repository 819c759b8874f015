import { PlanningPermanentError, summariseProblem } from './planning-tool.errors';

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
