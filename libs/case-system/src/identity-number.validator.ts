import type { IdentityKind, ReasonRule } from '@brygga/domain';
import { isRealDate } from './xml-value.validator';

const PROBLEMS = {
  format: { code: 'identity-number.format', text: 'must be 12 digits as YYYYMMDD-NNNC' },
  coordinationDay: { code: 'identity-number.coordination-day', text: 'the day of a samordningsnummer must be 61 to 91' },
  coordinationDate: { code: 'identity-number.date', text: 'the date (day minus 60) is not a real date' },
  date: { code: 'identity-number.date', text: 'the date is not a real date' },
  birthNumber: { code: 'identity-number.birth-number', text: 'the birth number (NNN) must be 001 to 999' },
  checkDigit: { code: 'identity-number.check-digit', text: 'check digit does not match (Luhn)' },
} as const satisfies Record<string, ReasonRule>;

const SHAPE = /^(18|19|20)(\d{2})(\d{2})(\d{2})-(\d{3})(\d)$/;

/** Luhn over the ten digits YYMMDDNNNC (the check digit included): the sum must end in 0. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const fromRight = digits.length - 1 - i;
    let d = digits.charCodeAt(i) - 48;
    if (fromRight % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Why a personnummer or samordningsnummer (12-digit form `YYYYMMDD-NNNC`) is not valid,
 * or undefined when it is. The reason never repeats the number. The birth number NNN is
 * 001 to 999 (000 is never issued). Agrees with the personnummer project's shared test list
 * and its reference implementation (see identity-number.parity.spec.ts).
 */
export function identityNumberProblem(value: string, kind: IdentityKind): ReasonRule | undefined {
  const m = SHAPE.exec(value);
  if (!m) return PROBLEMS.format;
  const [, century, yy, mm, dd, serial, check] = m;
  const year = Number(century + yy);
  const day = Number(dd);
  if (kind === 'samordningsnummer') {
    if (day < 61 || day > 91) return PROBLEMS.coordinationDay;
    if (!isRealDate(year, Number(mm), day - 60)) return PROBLEMS.coordinationDate;
  } else if (!isRealDate(year, Number(mm), day)) {
    return PROBLEMS.date;
  }
  if (serial === '000') return PROBLEMS.birthNumber;
  if (!luhnValid(yy + mm + dd + serial + check)) return PROBLEMS.checkDigit;
  return undefined;
}
