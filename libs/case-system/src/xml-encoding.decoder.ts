import { DocumentRejectedError } from './document-rejected.error';

export type XmlEncoding = 'utf-8' | 'latin1';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Declared names as the contract allows them (case-insensitive), to how Node decodes them. */
const ENCODINGS: Record<string, XmlEncoding> = {
  'utf-8': 'utf-8',
  'iso-8859-1': 'latin1',
  latin1: 'latin1',
};

const DECLARATION = /^<\?xml\s+version\s*=\s*(["'])[^"']*\1(?:\s+encoding\s*=\s*(["'])([^"']*)\2)?[^>]*\?>/;

export function hasUtf8Bom(buf: Uint8Array): boolean {
  return UTF8_BOM.every((b, i) => buf[i] === b);
}

/**
 * The encoding a document declares, read from its first bytes (the declaration is
 * ASCII in every encoding the contract allows). No declaration, or none naming an
 * encoding, means UTF-8 as XML itself says.
 */
export function detectXmlEncoding(head: Uint8Array): XmlEncoding {
  if ((head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0xff && head[1] === 0xfe)) {
    throw new DocumentRejectedError('UTF-16 is not an encoding the contract allows (UTF-8 or ISO-8859-1)');
  }
  const bom = hasUtf8Bom(head);
  const text = Buffer.from(head.subarray(bom ? 3 : 0, Math.min(head.length, 1024))).toString('latin1');
  const match = DECLARATION.exec(text);
  const declared = match?.[3];
  if (declared === undefined) return 'utf-8';
  const encoding = ENCODINGS[declared.toLowerCase()];
  if (encoding === undefined) {
    throw new DocumentRejectedError(`the declared encoding is not one the contract allows (UTF-8 or ISO-8859-1)`);
  }
  if (bom && encoding !== 'utf-8') throw new DocumentRejectedError('a UTF-8 byte-order mark contradicts the declared encoding');
  return encoding;
}

/** The document's text: BOM stripped, decoded as declared; bytes that are not valid UTF-8 reject it. */
export function decodeXmlBytes(buf: Buffer): string {
  const encoding = detectXmlEncoding(buf);
  if (encoding === 'latin1') return buf.toString('latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    throw new DocumentRejectedError('the bytes are not valid UTF-8 (as the document declares)');
  }
}
