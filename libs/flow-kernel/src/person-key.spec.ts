import { createPersonKeys, normalizeIdentityNumber } from './person-key';

describe('person keys', () => {
  const keys = createPersonKeys('a-test-key-0123456789');
  const now = new Date('2026-06-01T12:00:00Z');

  it.each([
    ['19380412-5676', '193804125676'],
    ['193804125676', '193804125676'],
    ['380412-5676', '193804125676'],
    ['3804125676', '193804125676'],
    ['200101012380', '200101012380'],
    ['010101-2380', '200101012380'],
    ['010101+2380', '190101012380'],
  ])('normalizes %s to %s', (given, normalized) => {
    expect(normalizeIdentityNumber(given, now)).toBe(normalized);
  });

  it.each(['', '1938-04-12', '19380412-56', 'abcdefghijkl', '19380412+5676'])('refuses %p', (given) => {
    expect(normalizeIdentityNumber(given, now)).toBeUndefined();
    expect(keys.client(given, now)).toBeUndefined();
  });

  it('gives one key per client whatever the form, keyed, and never containing the number', () => {
    const key = keys.client('19380412-5676', now);
    expect(key).toMatch(/^P-[A-Za-z0-9_-]{32}$/);
    expect(keys.client('3804125676', now)).toBe(key);
    expect(key).not.toContain('5676');
    expect(createPersonKeys('another-key-0123456789').client('19380412-5676', now)).not.toBe(key);
    expect(keys.client('19380412-5677', now)).not.toBe(key);
  });

  it('keys employees apart from clients', () => {
    expect(keys.employee('E10234')).toMatch(/^P-/);
    expect(keys.employee('E10234')).toBe(keys.employee(' E10234 '));
    expect(keys.employee('193804125676')).not.toBe(keys.client('193804125676', now));
    expect(keys.employee('not an id')).toBeUndefined();
  });
});
