import type Redis from 'ioredis';
import type { Assignment } from '@brygga/domain';
import { type DataSealer, isSealed } from '@brygga/data-seal';

/** One term to look for, with what kind of personal data it is (reported instead of the term). */
export interface Term {
  kind: 'name' | 'identity number' | 'street' | 'door code' | 'phone' | 'note';
  pattern: RegExp;
  /** The text the pattern finds, always between characters that are no letter or digit (so its first word is a whole word of the value). */
  literal: string;
}

export interface Hit {
  key: string;
  kind: Term['kind'];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** As a word of its own: a name inside another word (Eva in "Evaluate") is not that person. */
const word = (text: string) => ({ pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escape(text)}(?![\\p{L}\\p{N}])`, 'u'), literal: text });
/** A four-digit door code as a value of its own (an XML element's text or a JSON string), not four digits inside a time stamp. */
const doorCode = (code: string) => ({ pattern: new RegExp(`[>"]${code}[<"]`), literal: code });

/** Every form the generated clients' personal data takes, from every version the case system published. */
export function clientTerms(assignments: readonly Assignment[]): Term[] {
  const terms = new Map<string, Term>();
  const add = (kind: Term['kind'], found: Omit<Term, 'kind'>) => terms.set(found.pattern.source, { kind, ...found });
  for (const { client, assessor, decisions } of assignments) {
    for (const name of [client.firstName, client.lastName, `${client.firstName} ${client.lastName}`, assessor.name]) if (name.length >= 3) add('name', word(name));
    const id = client.identityNumber;
    const digits = id.replace('-', '');
    for (const form of [id, digits, id.slice(2), digits.slice(2)]) add('identity number', word(form));
    add('street', word(client.address.street));
    if (client.address.doorCode) add('door code', doorCode(client.address.doorCode));
    if (client.phone) for (const form of [client.phone, client.phone.replace(/\D/g, '')]) add('phone', word(form));
    for (const note of decisions.flatMap((d) => d.interventions.map((i) => i.note ?? ''))) if (note.length >= 12) add('note', word(note));
  }
  return [...terms.values()];
}

export function staffTerms(staff: ReadonlyArray<{ firstName?: unknown; lastName?: unknown }>): Term[] {
  const names = new Set<string>();
  for (const s of staff) {
    if (typeof s.firstName === 'string' && typeof s.lastName === 'string') {
      names.add(`${s.firstName} ${s.lastName}`);
      for (const n of [s.firstName, s.lastName]) if (n.length >= 3) names.add(n);
    }
  }
  return [...names].map((n) => ({ kind: 'name', ...word(n) }));
}

/** Every value of a key, whatever its type, as the bytes Redis holds (hash field names and stream field names included). */
async function valuesOf(redis: Redis, key: string): Promise<Buffer[]> {
  const type = await redis.type(key);
  const read: Record<string, () => Promise<Buffer[]>> = {
    string: async () => [(await redis.getBuffer(key)) ?? Buffer.alloc(0)],
    hash: async () => Object.entries(await redis.hgetallBuffer(key)).flatMap(([f, v]) => [Buffer.from(f), v]),
    list: () => redis.lrangeBuffer(key, 0, -1),
    set: () => redis.smembersBuffer(key),
    zset: () => redis.zrangeBuffer(key, '0', '-1'),
    stream: async () => (await redis.xrangeBuffer(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields]),
    // Gone between the SCAN and the read (a lock released, a key expired): nothing to read.
    none: async () => [],
  };
  const reader = read[type];
  if (!reader) throw new Error(`key of type ${type} not read by the scanner`);
  return reader();
}

export interface ScanResult {
  keys: number;
  values: number;
  sealed: number;
  /** Values in the envelope that did not open under the sealer given (searched whole). */
  unopened: number;
  hits: Hit[];
}

/**
 * Reads every key under the prefix and every value in it and looks for each term in the
 * key and the value. A value in the sealing envelope that opens under `sealer` is
 * authenticated ciphertext: only its clear header is searched (random bytes would match
 * short digit strings by chance, and must not count as data); one that does not open is
 * searched whole.
 */
export async function scanForPersonalData(redis: Redis, prefix: string, terms: readonly Term[], sealer: DataSealer): Promise<ScanResult> {
  const result: ScanResult = { keys: 0, values: 0, sealed: 0, unopened: 0, hits: [] };
  const candidates = byFirstWord(terms);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    // Read together: one round trip per batch of keys, not two per key.
    const values = await Promise.all(keys.map((key) => valuesOf(redis, key)));
    for (const [i, key] of keys.entries()) {
      result.keys += 1;
      const texts = [key];
      for (const value of values[i]) {
        result.values += 1;
        const clear = clearPart(value, sealer);
        if (clear.length < value.length) result.sealed += 1;
        else if (isSealed(value)) result.unopened += 1;
        texts.push(clear.toString('utf8'));
      }
      const kinds = new Set(candidates(texts).filter((t) => texts.some((text) => t.pattern.test(text))).map((t) => t.kind));
      for (const kind of kinds) result.hits.push({ key, kind });
    }
  } while (cursor !== '0');
  return result;
}

/**
 * The terms that can match somewhere in the texts: those whose literal's first word is a
 * word of a text (a match is bounded by no letter or digit, so that word stands whole in
 * the text), and those whose literal starts with neither. Testing only these finds exactly
 * what testing every term finds, without thousands of regular expressions run per key.
 */
function byFirstWord(terms: readonly Term[]): (texts: readonly string[]) => Term[] {
  const index = new Map<string, Term[]>();
  const always: Term[] = [];
  for (const term of terms) {
    const first = /^[\p{L}\p{N}]+/u.exec(term.literal)?.[0];
    if (first === undefined) always.push(term);
    else index.set(first, [...(index.get(first) ?? []), term]);
  }
  return (texts) => {
    const found = new Set(always);
    for (const text of texts) for (const [w] of text.matchAll(/[\p{L}\p{N}]+/gu)) for (const term of index.get(w) ?? []) found.add(term);
    return [...found];
  };
}

function clearPart(value: Buffer, sealer: DataSealer): Buffer {
  if (!isSealed(value)) return value;
  try {
    sealer.open(value);
  } catch {
    return value;
  }
  return value.subarray(0, 2 + value[1]);
}

/** Hits grouped by the key's shape (ids and numbers replaced), for a failure message that names no one. */
export function hitSummary(hits: readonly Hit[], prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { key, kind } of hits) {
    const shape = `${key.slice(prefix.length).replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<uuid>').replace(/[A-Za-z0-9_-]*\d[A-Za-z0-9_-]*/g, '<id>')} ${kind}`;
    out[shape] = (out[shape] ?? 0) + 1;
  }
  return out;
}
