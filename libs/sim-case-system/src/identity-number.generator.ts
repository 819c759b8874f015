import { IdentityKind } from '@brygga/domain';
import { isRealDate } from './calendar';
import { SeededRandom } from '@brygga/sim-scheduling-system';

/** Luhn check digit over the digits (for identity numbers: the 9 digits YYMMDDNNN). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(i) - 48;
    if (i % 2 === 0) d *= 2;
    sum += d > 9 ? d - 9 : d;
  }
  return (10 - (sum % 10)) % 10;
}

export interface IdentityNumber {
  value: string;
  kind: IdentityKind;
}

/**
 * `YYYYMMDD-NNNC` for a birth date; samordningsnummer add 60 to the day. The birth number
 * must be 1 to 999 for a valid number (000 is never issued).
 */
export function formatIdentityNumber(year: number, month: number, day: number, birthNumber: number, kind: IdentityKind): string {
  const dd = kind === 'samordningsnummer' ? day + 60 : day;
  const yymmdd = `${String(year % 100).padStart(2, '0')}${pad2(month)}${pad2(dd)}`;
  const nnn = String(birthNumber).padStart(3, '0');
  return `${year}${pad2(month)}${pad2(dd)}-${nnn}${luhnCheckDigit(yymmdd + nnn)}`;
}

/**
 * True when the 12-digit form has a real (or real + 60) date, a birth number other than 000
 * and a correct check digit.
 */
export function isValidIdentityNumber(value: string): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{3})(\d)$/.exec(value);
  if (!m) return false;
  const [, yyyy, mm, dd, nnn, check] = m;
  const rawDay = Number(dd);
  const day = rawDay > 60 ? rawDay - 60 : rawDay;
  if (!isRealDate(Number(yyyy), Number(mm), day)) return false;
  if (nnn === '000') return false;
  return luhnCheckDigit(yyyy.slice(2) + mm + dd + nnn) === Number(check);
}

/**
 * A random identity for a home-care client born in [minYear, maxYear]; about
 * `coordinationShare` of them samordningsnummer.
 */
export function randomIdentityNumber(rng: SeededRandom, minYear: number, maxYear: number, coordinationShare: number): IdentityNumber {
  const year = rng.int(minYear, maxYear);
  const month = rng.int(1, 12);
  const day = rng.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  const kind: IdentityKind = rng.chance(coordinationShare) ? 'samordningsnummer' : 'personnummer';
  return { value: formatIdentityNumber(year, month, day, rng.int(1, 999), kind), kind };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
