/**
 * Parity with the personnummer project: its shared test lists (testdata/, from the
 * repository personnummer/meta, MIT licence; see testdata/README.md) and its reference
 * implementation (the `personnummer` package, an exact-pinned devDependency). Brygga's
 * contract carries only the 12-digit form `YYYYMMDD-NNNC` with the kind given by the element
 * (Personnummer or Samordningsnummer), so each entry's `long_format` is rendered that way and
 * checked as both kinds.
 */
import Personnummer from 'personnummer';
import { IdentityKind } from '@brygga/domain';
import { identityNumberProblem } from './identity-number.validator';
import latest from './testdata/personnummer-list.json';
import earlier from './testdata/personnummer-list.earlier.json';
import v31 from './testdata/personnummer-list.3.1.json';

interface ListEntry {
  long_format: string;
  valid: boolean;
  type: 'ssn' | 'con' | 'interim';
}

const KINDS: IdentityKind[] = ['personnummer', 'samordningsnummer'];
const LISTS: [string, ListEntry[]][] = [
  ['testdata/list.json', latest as ListEntry[]],
  ['testdata/list.json (earlier)', earlier as ListEntry[]],
  ['testdata/3.1/list.json', v31 as ListEntry[]],
];

/** `YYYYMMDDNNNC` as the contract writes it, `YYYYMMDD-NNNC`. */
function contractForm(longFormat: string): string {
  return `${longFormat.slice(0, 8)}-${longFormat.slice(8)}`;
}

/** What the list says: valid as this kind. */
function listSays(entry: ListEntry, kind: IdentityKind): boolean {
  return entry.valid && entry.type === (kind === 'personnummer' ? 'ssn' : 'con');
}

/** What the reference implementation says: valid as this kind. */
function referenceSays(value: string, kind: IdentityKind): boolean {
  if (kind === 'personnummer') return Personnummer.valid(value, { allowCoordinationNumber: false, allowInterimNumber: false });
  return Personnummer.valid(value, { allowCoordinationNumber: true, allowInterimNumber: false }) && Personnummer.parse(value).isCoordinationNumber();
}

function bryggaSays(value: string, kind: IdentityKind): boolean {
  return identityNumberProblem(value, kind) === undefined;
}

const cases = LISTS.flatMap(([list, entries]) =>
  entries.flatMap((entry) => KINDS.map((kind) => ({ list, value: contractForm(entry.long_format), kind, valid: listSays(entry, kind) }))),
);

describe('identity numbers: parity with the personnummer shared list', () => {
  it('covers every entry of every list, as both kinds', () => {
    expect(cases).toHaveLength(2 * LISTS.reduce((n, [, entries]) => n + entries.length, 0));
    expect(cases.filter((c) => c.valid).length).toBeGreaterThan(0);
    expect(cases.filter((c) => !c.valid).length).toBeGreaterThan(0);
  });

  it.each(cases)('$list: $value as $kind is valid=$valid', ({ value, kind, valid }) => {
    expect(bryggaSays(value, kind)).toBe(valid);
    expect(referenceSays(value, kind)).toBe(valid);
  });

  it('rejects birth number 000 (20150916-0006, invalid in the list) with a reason in words', () => {
    expect(identityNumberProblem('20150916-0006', 'personnummer')?.text).toBe('the birth number (NNN) must be 001 to 999');
    expect(identityNumberProblem('20150976-0003', 'samordningsnummer')?.text).toBe('the birth number (NNN) must be 001 to 999');
  });
});

/** Luhn check digit over YYMMDDNNN. */
function checkDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < nine.length; i++) {
    let d = (nine.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

describe('identity numbers: parity with the reference implementation beyond the list', () => {
  // Century and leap-year edges, every month 00-13 and every day 00-99 (so samordningsnummer
  // days 60-92 too), birth numbers 000/001/999, each with its right check digit and a wrong one.
  const years = [1800, 1804, 1899, 1900, 1904, 1947, 1999, 2000, 2001, 2004, 2024, 2099];
  const serials = ['000', '001', '457', '999'];

  it.each(KINDS)('agrees on every generated number as %s', (kind) => {
    const disagreements: string[] = [];
    let checked = 0;
    for (const year of years) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 99; day++) {
          const date = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
          for (const serial of serials) {
            const right = checkDigit(date.slice(2) + serial);
            for (const check of [right, (right + 1) % 10]) {
              const value = `${date}-${serial}${check}`;
              checked++;
              if (bryggaSays(value, kind) !== referenceSays(value, kind)) disagreements.push(value);
            }
          }
        }
      }
    }
    expect(checked).toBe(years.length * 14 * 100 * serials.length * 2);
    expect(disagreements).toEqual([]);
  });
});
