/**
 * Every reason code a quarantine may carry, with what it means. Codes are stable and few:
 * they are counter names (`quarantined:<code>`) and metric labels, so a new wording never
 * changes one, and a value from the document (an id, a date, a name) never becomes one.
 * One catalogue for both vendors and the mapping: the same broken rule (a date that is not
 * a date, an element the schema does not define) counts under one code whoever found it.
 * README.md ("Reason codes") shows this table; a spec keeps the two equal.
 */
export const REASON_CODES = {
  'element.unexpected': 'an element the schema does not define there (or in another namespace, or where only text is allowed)',
  'element.unexpected-text': 'text where the schema allows only elements',
  'element.missing': 'a required element is absent',
  'element.too-many': 'an element occurs more often than the schema allows',
  'element.out-of-order': "elements out of the schema's sequence",
  'element.choice': 'not exactly one of the elements the schema offers as alternatives',
  'attribute.unexpected': 'an attribute the schema does not define',
  'attribute.missing': 'a required attribute is absent',
  'attribute.required-when': 'an attribute another value makes required is absent (slutdatum when avslutad, lasId when digital)',
  'code.format': 'not a code (letters, digits, _ . -, 1 to 64 characters)',
  'text.length': 'text not 1 to 200 characters',
  'number.invalid': 'not a whole number within its range',
  'value.not-allowed': 'not one of the values the schema enumerates',
  'boolean.invalid': 'not true, false, 1 or 0',
  'date.invalid': 'not a real date YYYY-MM-DD',
  'date-time.invalid': 'not a date-time with an offset',
  'time.invalid': 'not a time HH:MM',
  'date.before-start': 'an end date before its start date',
  'time-span.incomplete': 'a time span with only one of its start and end',
  'postal-code.format': 'a postal code not NNN NN',
  'language.format': 'a language not an ISO 639-1 code',
  'weekdays.invalid': 'weekdays not a comma-separated list of må ti on to fr lö sö, none twice',
  'extent.occasions-mismatch': 'occasions per week not the number of weekdays given',
  'id.duplicate': 'an id used twice where it must be unique',
  'identity-number.format': 'an identity number not 12 digits as YYYYMMDD-NNNC',
  'identity-number.date': 'an identity number whose date is not a real date',
  'identity-number.coordination-day': 'a samordningsnummer whose day is not 61 to 91',
  'identity-number.birth-number': 'an identity number with birth number 000',
  'identity-number.check-digit': 'an identity number whose check digit does not match (Luhn)',
  'record.too-large': 'an Uppdrag with more elements than XML_MAX_RECORD_ELEMENTS',
  'record.not-well-formed': 'an Uppdrag (from the file drop) that is not well-formed XML',
  'record.not-single': 'a file-drop element that is not exactly one Uppdrag',
  'mapping.unknown-intervention-code': 'an intervention code the mapping rules do not know (never guessed)',
  'mapping.too-many-occasions': 'more occasions per period than the planning tool accepts',
  'mapping.interval-too-long': 'a weekly interval longer than the planning tool accepts',
  'mapping.unknown-unit': 'a home unit the mapping rules do not know',
  'mapping.unit-other-tenant': "a home unit of another tenant than the exporting unit's",
  'mapping.invalid-staff-id': 'an employment number that is not a valid planning-tool staff id',
  'mapping.skill-too-long': 'a delegation giving a skill longer than the planning tool accepts',
  'schedule.duplicate-employment-number': 'an employment number used by more than one employee of the export',
  'schedule.outside-period': 'a shift or absence dated outside the exported period',
  'local-time.skipped': 'a local time inside the hour the clocks skip in spring',
  'local-time.out-of-order': 'times that cannot be put in order (a break outside its shift, an end before its start)',
  'legacy.unstructured': 'an entry quarantined before reasons had codes: only its text is known',
} as const satisfies Record<string, string>;

export type ReasonCode = keyof typeof REASON_CODES;

export function isReasonCode(value: string): value is ReasonCode {
  return Object.hasOwn(REASON_CODES, value);
}
