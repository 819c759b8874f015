/**
 * Turns the bytes of a posted document into text the way the contract says: a UTF-8 BOM
 * wins, otherwise the XML declaration names the encoding (UTF-8 when absent); the
 * Content-Type charset, where present, must agree.
 */
export class XmlDecodeError extends Error {}

const LATIN1_NAMES = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'l1']);
const UTF8_NAMES = new Set(['utf-8', 'utf8']);

function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m?.[1].toLowerCase();
}

function family(name: string): 'utf-8' | 'iso-8859-1' {
  if (UTF8_NAMES.has(name)) return 'utf-8';
  if (LATIN1_NAMES.has(name)) return 'iso-8859-1';
  throw new XmlDecodeError(`unsupported encoding ${name.slice(0, 40)}`);
}

export function decodeXmlBody(body: Buffer, contentType: string | undefined): string {
  const hasBom = body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
  const head = body.subarray(hasBom ? 3 : 0, 300).toString('latin1');
  const declared = /^<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1].toLowerCase();
  const encoding = hasBom ? 'utf-8' : family(declared ?? 'utf-8');
  if (hasBom && declared && family(declared) !== 'utf-8') throw new XmlDecodeError('byte-order mark disagrees with the declared encoding');
  const charset = charsetOf(contentType);
  if (charset && family(charset) !== encoding) throw new XmlDecodeError('Content-Type charset disagrees with the declared encoding');
  if (encoding === 'iso-8859-1') return body.toString('latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    throw new XmlDecodeError('body is not valid UTF-8');
  }
}
