import { XmlRefusedError } from './xml-refused.error';

/** How Node decodes each encoding the contracts allow. */
export type XmlEncoding = 'utf-8' | 'latin1';

/**
 * The one encoding table of both adapters: declared labels (case-insensitive) the
 * contracts allow. The case-system contract names UTF-8 and ISO-8859-1; the
 * scheduling-system contract names none and its vendor sends UTF-8, so UTF-16 (which
 * XML itself would allow) is refused rather than guessed at.
 */
const ENCODINGS: Readonly<Record<string, XmlEncoding>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'iso-8859-1': 'latin1',
  'iso_8859-1': 'latin1',
  iso_8859_1: 'latin1',
  latin1: 'latin1',
  l1: 'latin1',
};

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const DECLARATION = /^<\?xml\s[^?]*?encoding\s*=\s*(["'])([^"']*)\1/;
/** Only a label of this shape is named back to the sender; anything else could be content. */
const LABEL = /^[A-Za-z][A-Za-z0-9._-]{0,39}$/;
const ALLOWED = 'UTF-8 or ISO-8859-1';

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((b, i) => bytes[i] === b);
}

function isUtf16(head: Uint8Array): boolean {
  const [a, b, c, d] = head;
  // Byte-order marks, or "<?" / "<" of a declaration-less document in either byte order.
  return (a === 0xfe && b === 0xff) || (a === 0xff && b === 0xfe) || (a === 0x00 && b === 0x3c && c === 0x00) || (a === 0x3c && b === 0x00 && d === 0x00);
}

/**
 * The encoding a document declares, from its first bytes (the declaration is ASCII in
 * every allowed encoding). No declaration, or none naming an encoding, means UTF-8.
 */
export function detectXmlEncoding(head: Uint8Array): XmlEncoding {
  if (isUtf16(head)) throw new XmlRefusedError(`UTF-16 is not an encoding the contract allows (${ALLOWED})`);
  const bom = hasUtf8Bom(head);
  const text = Buffer.from(head.subarray(bom ? 3 : 0, Math.min(head.length, 1024))).toString('latin1');
  const declared = DECLARATION.exec(text)?.[2];
  if (declared === undefined) return 'utf-8';
  const encoding = ENCODINGS[declared.toLowerCase()];
  if (encoding === undefined) {
    const named = LABEL.test(declared) ? `; it declares ${declared}` : '';
    throw new XmlRefusedError(`the declared encoding is not one the contract allows (${ALLOWED}${named})`);
  }
  if (bom && encoding !== 'utf-8') throw new XmlRefusedError('a UTF-8 byte-order mark contradicts the declared encoding (ISO-8859-1)');
  return encoding;
}

/** Decodes chunk by chunk; a byte sequence that is not valid UTF-8 refuses the document. */
export function createXmlTextDecoder(encoding: XmlEncoding): (bytes: Uint8Array, stream: boolean) => string {
  // Buffer's latin1 is true ISO-8859-1; WHATWG's TextDecoder('iso-8859-1') is windows-1252.
  if (encoding === 'latin1') return (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  return (bytes, stream) => {
    try {
      return utf8.decode(bytes, { stream });
    } catch {
      throw new XmlRefusedError('the bytes are not valid UTF-8 (as the document declares)');
    }
  };
}

/** A whole document's text: BOM stripped, decoded as declared. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  return createXmlTextDecoder(detectXmlEncoding(bytes))(bytes, false);
}
