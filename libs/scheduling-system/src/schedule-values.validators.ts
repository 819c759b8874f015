import { DateTime } from 'luxon';

/**
 * Lexical checks of the XSD simple types the export uses. Each returns the canonical
 * value or undefined; callers turn undefined into a reason naming the field and rule.
 * Derived-from-string types keep whitespace (XSD whiteSpace=preserve); dates and
 * integers are whitespace-collapsed, as XSD says.
 */
const CODE = /^[A-Za-z0-9ÅÄÖåäö_.-]{1,64}$/;
const LOCAL_TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(Z|[+-](?:0\d|1[0-4]):[0-5]\d)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;
const POSITIVE_INTEGER = /^\+?0*[1-9]\d*$/;

export function code(value: string | undefined): string | undefined {
  return value !== undefined && CODE.test(value) ? value : undefined;
}

export function localTime(value: string | undefined): string | undefined {
  return value !== undefined && LOCAL_TIME.test(value) ? value : undefined;
}

/** xs:string with minLength 1, maxLength 200 (counted in characters, not UTF-16 units). */
export function text(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const length = [...value].length;
  return length >= 1 && length <= 200 ? value : undefined;
}

/** xs:date -> `YYYY-MM-DD`; a real calendar date. A zone suffix is allowed by XSD and meaningless for a local date. */
export function date(value: string | undefined): string | undefined {
  const match = value === undefined ? null : DATE.exec(value.trim());
  if (!match) return undefined;
  const plain = `${match[1]}-${match[2]}-${match[3]}`;
  return DateTime.fromISO(plain, { zone: 'UTC' }).isValid ? plain : undefined;
}

/** xs:dateTime that carries an offset (the contract requires one); kept as sent. */
export function dateTimeWithOffset(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (trimmed === undefined || !DATE_TIME.test(trimmed)) return undefined;
  return DateTime.fromISO(trimmed, { setZone: true }).isValid ? trimmed : undefined;
}

export function positiveInteger(value: string | undefined): number | undefined {
  const trimmed = value?.trim();
  if (trimmed === undefined || !POSITIVE_INTEGER.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function oneOf<T extends string>(allowed: readonly T[], value: string | undefined): T | undefined {
  return allowed.find((a) => a === value);
}
