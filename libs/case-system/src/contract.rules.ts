import type { ReasonRule } from '@brygga/domain';

/**
 * The contract's rules as reasons name them: a code for counting, the wording people read
 * (the wording is quoted by tests and the README: change it with them).
 */
export const RULES = {
  kod: { code: 'code.format', text: 'must be a code (letters, digits, _ . -, 1 to 64)' },
  date: { code: 'date.invalid', text: 'must be a real date YYYY-MM-DD' },
  dateTime: { code: 'date-time.invalid', text: 'must be a date-time with an offset (YYYY-MM-DDThh:mm:ss+hh:mm)' },
  text: { code: 'text.length', text: 'must be 1 to 200 characters' },
  boolean: { code: 'boolean.invalid', text: 'must be true, false, 1 or 0' },
  positive: { code: 'number.invalid', text: 'must be a positive whole number' },
  time: { code: 'time.invalid', text: 'must be a time HH:MM (00:00-23:59)' },
  postalCode: { code: 'postal-code.format', text: 'must be NNN NN (five digits, space after the third)' },
  language: { code: 'language.format', text: 'must be an ISO 639-1 code (two lower-case letters)' },
  required: { code: 'attribute.missing', text: 'is required' },
} as const satisfies Record<string, ReasonRule>;

/** A value outside the XSD's enumeration. */
export function oneOfRule(values: readonly string[]): ReasonRule {
  return { code: 'value.not-allowed', text: `must be one of ${values.join(', ')}` };
}

/** A whole number outside the contract's range for this field. */
export function numberRule(text: string): ReasonRule {
  return { code: 'number.invalid', text };
}
