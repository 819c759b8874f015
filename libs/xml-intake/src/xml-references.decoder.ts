import { nameRecord } from './xml-name-record.factory';
import { XmlRefusedError } from './xml-refused.error';

const PREDEFINED: Readonly<Record<string, string>> = Object.freeze(Object.assign(nameRecord(), { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }));
const REFERENCE = /&([^;&\s]*);?/g;
const HEX = /^#x[0-9A-Fa-f]+$/;
const DECIMAL = /^#[0-9]+$/;

/**
 * The one decoding of entity and character references, for text and attribute values
 * alike. The parser is told not to decode (it would decode `&amp;#xC5;` twice); this runs
 * once, so `&amp;#xC5;` stays the literal text `&#xC5;`. The hazard scan has refused every
 * reference XML does not define before this runs; the refusals here are a second line.
 */
export function decodeXmlReferences(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(REFERENCE, (whole: string, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlRefusedError('not well-formed XML (an unterminated entity reference)', 'malformed');
    const named = PREDEFINED[ref];
    if (named !== undefined) return named;
    const code = HEX.test(ref) ? parseInt(ref.slice(2), 16) : DECIMAL.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
    if (!isXmlChar(code)) throw new XmlRefusedError('not well-formed XML (an unknown entity or invalid character reference)', 'malformed');
    return String.fromCodePoint(code);
  });
}

/** XML 1.0's Char production. */
export function isXmlChar(code: number): boolean {
  if (!Number.isInteger(code)) return false;
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}
