import type { Address } from '@brygga/domain';

/** The personal data of a generated test, as it could turn up in a line. */
export interface PersonalData {
  names: Set<string>;
  identityNumbers: Set<string>;
  streets: Set<string>;
  doorCodes: Set<string>;
  phones: Set<string>;
}

export function emptyPersonalData(): PersonalData {
  return { names: new Set(), identityNumbers: new Set(), streets: new Set(), doorCodes: new Set(), phones: new Set() };
}

export interface Person {
  identityNumber?: string;
  firstName: string;
  lastName: string;
  address?: Address;
  phone?: string;
}

export function addPerson(data: PersonalData, person: Person): void {
  data.names.add(person.firstName).add(person.lastName).add(`${person.firstName} ${person.lastName}`);
  if (person.identityNumber) data.identityNumbers.add(person.identityNumber);
  if (person.address) data.streets.add(person.address.street);
  if (person.address?.doorCode) data.doorCodes.add(person.address.doorCode);
  if (person.phone) data.phones.add(person.phone);
}

/** `YYYYMMDD-NNNN` as it may be written: with and without the hyphen, 12 and 10 digits. */
export function identityForms(id: string): string[] {
  const digits = id.replace(/\D/g, '');
  return [id, digits, `${digits.slice(2, 8)}-${digits.slice(8)}`, digits.slice(2)];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function alternation(terms: Iterable<string>): string {
  // Longest first, so a full name wins over its parts in what a hit reports.
  return [...new Set(terms)].filter(Boolean).sort((a, b) => b.length - a.length).map(escape).join('|');
}

/**
 * Pino's own numbers and ids that a four-digit door code could equal by chance: the time, the
 * request ids (UUIDs), job and document ids, byte counts. Masked for the door-code search only:
 * a door code that leaked is in a message or a field as text, never in one of these.
 */
const NOT_A_DOOR_CODE = [
  /"(time|requestId|rid|pid|durationMs|port|status|jobId)":("[^"]*"|\d+)/g,
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
  /\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?/g,
  /\bjob [^\s,;:]+/g,
  /\b\d+ (bytes|ms|s|jobs?|lines?|entries|customers|operations)\b/g,
  /\b[A-Z]+(-[A-Z0-9]+)*-\d+(:v\d+)?\b/g,
];

/**
 * Finds personal data in lines: names and streets as words (case as written: "Per" is a
 * name, "per" is English), identity numbers in four forms, phones with and without their
 * hyphen, door codes as whole numbers. Answers what it found, by kind.
 */
export class LogLineScanner {
  private readonly words: RegExp;
  private readonly numbers: RegExp;
  private readonly doorCodes?: RegExp;

  constructor(data: PersonalData) {
    const words = alternation([...data.names, ...data.streets]);
    const numbers = alternation([...[...data.identityNumbers].flatMap(identityForms), ...data.phones, ...[...data.phones].map((p) => p.replace(/\D/g, ''))]);
    this.words = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words || '(?!)'})(?![\\p{L}\\p{N}])`, 'u');
    this.numbers = new RegExp(`(?<![0-9])(?:${numbers || '(?!)'})(?![0-9])`);
    if (data.doorCodes.size > 0) this.doorCodes = new RegExp(`(?<![0-9A-Za-z])(?:${alternation(data.doorCodes)})(?![0-9A-Za-z])`);
  }

  /** What in `line` is personal data (empty: nothing). */
  hits(line: string): string[] {
    const found: string[] = [];
    const word = this.words.exec(line);
    if (word) found.push(`name or street '${word[0]}'`);
    const number = this.numbers.exec(line);
    if (number) found.push(`identity number or phone '${number[0]}'`);
    if (this.doorCodes) {
      const masked = NOT_A_DOOR_CODE.reduce((text, pattern) => text.replace(pattern, '_'), line);
      const code = this.doorCodes.exec(masked);
      if (code) found.push(`door code '${code[0]}'`);
    }
    return found;
  }
}
