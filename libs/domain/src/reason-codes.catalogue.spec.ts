import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isReasonCode, REASON_CODES } from './reason-codes.catalogue';
import { reasonCodes } from './reason';

/** kebab-case words joined by dots: `identity-number.check-digit`. */
const CODE_FORM = /^[a-z]+(-[a-z]+)*(\.[a-z]+(-[a-z]+)*)+$/;

describe('the reason-code catalogue', () => {
  it.each(Object.entries(REASON_CODES))('%s is dot-separated kebab-case and has a meaning', (code, meaning) => {
    expect(code).toMatch(CODE_FORM);
    expect(meaning.length).toBeGreaterThan(10);
  });

  it.each([
    ['identity-number.check-digit', true],
    ['mapping.unknown-intervention-code', true],
    ['must be 12 digits as YYYYMMDD-NNNC', false],
    ['toString', false],
    ['', false],
  ])('isReasonCode(%j) is %s', (value, known) => {
    expect(isReasonCode(value)).toBe(known);
  });

  it('is the README\'s "Reason codes" table, row for row', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    // The table that follows the "Reason codes." paragraph, up to its last row (other tables hold codes of other kinds).
    const after = readme.slice(readme.indexOf('**Reason codes.**'));
    const lines = after.split('\n');
    const start = lines.findIndex((line) => line.startsWith('| code | meaning |'));
    const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
    const table = lines.slice(start, end).join('\n');
    const rows = [...table.matchAll(/^\| `([a-z.-]+)` \| (.+) \|$/gm)].map(([, code, meaning]) => [code, meaning]);
    expect(rows).toEqual(Object.entries(REASON_CODES));
  });
});

describe('reasonCodes', () => {
  it('gives each code once, in first-seen order', () => {
    const at = (code: 'date.invalid' | 'code.format', path: string) => ({ code, path, text: `${path}: x` });
    expect(reasonCodes([at('date.invalid', 'a'), at('code.format', 'b'), at('date.invalid', 'c')])).toEqual(['date.invalid', 'code.format']);
  });
});
