import { bearerTokenMatches } from './bearer-token';

describe('bearerTokenMatches', () => {
  it.each<[string, string | undefined, boolean]>([
    ['the token', 'Bearer secret-token-1', true],
    ['the scheme in another case', 'bearer secret-token-1', true],
    ['trailing spaces', 'Bearer secret-token-1  ', true],
    ['another token of the same length', 'Bearer secret-token-2', false],
    ['a prefix of the token', 'Bearer secret-token-', false],
    ['the token and more', 'Bearer secret-token-12', false],
    ['no header', undefined, false],
    ['an empty header', '', false],
    ['the scheme alone', 'Bearer ', false],
    ['another scheme', 'Basic secret-token-1', false],
    ['no scheme', 'secret-token-1', false],
    ['two tokens', 'Bearer secret-token-1 secret-token-1', false],
  ])('%s', (_name, header, expected) => {
    expect(bearerTokenMatches(header, 'secret-token-1')).toBe(expected);
  });
});
