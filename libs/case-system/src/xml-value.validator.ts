/**
 * XSD simple types of the contract. Each returns the value or undefined; callers turn
 * undefined into a reason naming the path, never the value.
 */
const KOD = /^[A-Za-z0-9ÅÄÖåäö_.-]{1,64}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d+)?(Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const BOOLEANS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

export function asKod(v: string): string | undefined {
  return KOD.test(v) ? v : undefined;
}

/** XSD Text: 1 to 200 characters (code points, so å counts once). */
export function asText(v: string): string | undefined {
  const length = [...v].length;
  return length >= 1 && length <= 200 ? v : undefined;
}

export function asDate(v: string): string | undefined {
  const m = DATE.exec(v);
  return m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) ? v : undefined;
}

/** A dateTime must carry its offset: a local time without one is ambiguous. */
export function asDateTimeWithOffset(v: string): string | undefined {
  const m = DATE_TIME.exec(v);
  return m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) ? v : undefined;
}

export function asHhMm(v: string): string | undefined {
  return HHMM.test(v) ? v : undefined;
}

export function asBoolean(v: string): boolean | undefined {
  return BOOLEANS[v];
}

/** Whole number within [min, max]; digits only (no sign, no exponent, no fraction). */
export function asInteger(v: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (!/^\d{1,15}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
}
