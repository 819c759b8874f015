import { ScheduleRejectedError } from './schedule-rejected.error';

type Decode = (bytes: Buffer) => string;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const strictUtf16le = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const strictUtf16be = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true });

// Buffer's latin1 is true ISO-8859-1; WHATWG's TextDecoder('iso-8859-1') would be windows-1252.
const latin1: Decode = (bytes) => bytes.toString('latin1');
const utf8: Decode = (bytes) => strictUtf8.decode(bytes);

/** Declared encoding label (lower case) -> decoder, for the documents sent without a BOM. */
const DECLARED: Readonly<Record<string, Decode>> = {
  'utf-8': utf8,
  utf8: utf8,
  'iso-8859-1': latin1,
  iso_8859_1: latin1,
  'iso_8859-1': latin1,
  latin1: latin1,
  l1: latin1,
};

const BOMS: ReadonlyArray<{ bom: number[]; labels: string[]; decode: Decode }> = [
  { bom: [0xef, 0xbb, 0xbf], labels: ['utf-8', 'utf8'], decode: utf8 },
  { bom: [0xff, 0xfe], labels: ['utf-16', 'utf-16le'], decode: (b) => strictUtf16le.decode(b) },
  { bom: [0xfe, 0xff], labels: ['utf-16', 'utf-16be'], decode: (b) => strictUtf16be.decode(b) },
];

const DECLARATION = /^<\?xml\s[^?]*?encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/;

/**
 * Bytes of an XML document -> its text, by BOM or declared encoding (UTF-8 when neither,
 * as XML 1.0 says). Bytes that are not valid in the encoding reject the document rather
 * than turning into replacement characters that would then be sent on as names.
 */
export function decodeXmlBytes(bytes: Buffer): string {
  const withBom = BOMS.find(({ bom }) => bom.every((b, i) => bytes[i] === b));
  if (withBom) {
    const body = bytes.subarray(withBom.bom.length);
    const text = decodeOrReject(withBom.decode, body, withBom.labels[0]);
    const declared = declaredEncoding(text);
    if (declared !== undefined && !withBom.labels.includes(declared)) {
      throw new ScheduleRejectedError(`byte order mark says ${withBom.labels[0]} but the declaration says ${declared}`);
    }
    return text;
  }
  // Only ASCII is needed to read the declaration, and every supported encoding without a BOM is ASCII-compatible.
  const declared = declaredEncoding(bytes.subarray(0, 200).toString('latin1'));
  if (declared === undefined) return decodeOrReject(utf8, bytes, 'utf-8');
  const decode = DECLARED[declared];
  if (!decode) throw new ScheduleRejectedError(`encoding ${declared} is not supported (UTF-8 or ISO-8859-1)`);
  return decodeOrReject(decode, bytes, declared);
}

function declaredEncoding(head: string): string | undefined {
  return DECLARATION.exec(head)?.[2].toLowerCase();
}

function decodeOrReject(decode: Decode, bytes: Buffer, label: string): string {
  try {
    return decode(bytes);
  } catch {
    throw new ScheduleRejectedError(`the bytes are not valid ${label}`);
  }
}
