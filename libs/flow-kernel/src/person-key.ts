import { createHmac } from 'node:crypto';

/**
 * The keyed hash a person is found by in the journal (`personKey`): the same for a client
 * whether the identity number came as `19380412-5676`, `193804125676`, `380412-5676` or
 * `3804125676`, and for an employee by the employment number. Keyed (HMAC-SHA256), like the
 * planning tool's customer ids, because identity numbers are few and structured: a plain
 * hash would be reversed by trying them all. Domain-separated from the customer ids, so the
 * same key gives unrelated values (a journal key is not a planning-tool id, and back).
 */
export interface PersonKeys {
  /** The client's key; undefined for a value that is not an identity number. */
  client(identityNumber: string, now?: Date): string | undefined;
  employee(employmentNumber: string): string | undefined;
}

/** Where the flows find the person keys (`PersonKeys`); the kernel's default knows no key and gives none. */
export const PERSON_KEYS = Symbol('brygga:person-keys');

export const NO_PERSON_KEYS: PersonKeys = { client: () => undefined, employee: () => undefined };

const IDENTITY = /^(\d{2})?(\d{6})([-+]?)(\d{4})$/;
const EMPLOYMENT = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * `YYYYMMDDNNNN`, or undefined. Ten digits take the century that puts the birth date in
 * the past (a `+` one more century back), the Swedish rule for the short form.
 */
export function normalizeIdentityNumber(value: string, now: Date = new Date()): string | undefined {
  const m = IDENTITY.exec(value.trim());
  if (!m) return undefined;
  const [, century, yymmdd, sep, last] = m;
  if (century !== undefined) return sep === '+' ? undefined : `${century}${yymmdd}${last}`;
  const year = now.getUTCFullYear();
  let full = Math.floor(year / 100) * 100 + Number(yymmdd.slice(0, 2));
  if (`${full}${yymmdd.slice(2)}` > `${year}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`) full -= 100;
  if (sep === '+') full -= 100;
  return `${full}${yymmdd.slice(2)}${last}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function createPersonKeys(key: string): PersonKeys {
  if (key.length < 16) throw new Error('person keys: the key must be at least 16 characters');
  const digest = (kind: string, value: string) => `P-${createHmac('sha256', key).update('journal-person\u0000').update(kind).update('\u0000').update(value).digest('base64url').slice(0, 32)}`;
  return {
    client: (identityNumber, now) => {
      const normalized = normalizeIdentityNumber(identityNumber, now);
      return normalized === undefined ? undefined : digest('client', normalized);
    },
    employee: (employmentNumber) => (EMPLOYMENT.test(employmentNumber.trim()) ? digest('employee', employmentNumber.trim()) : undefined),
  };
}
