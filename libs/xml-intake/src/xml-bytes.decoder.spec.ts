import { decodeXmlBytes, detectXmlEncoding } from './xml-bytes.decoder';
import { XmlRefusedError } from './xml-refused.error';
import { readXmlText } from './xml-text.reader';
import { DEFAULT_XML_LIMITS } from './xml-limits.config';

const doc = (encoding?: string) => `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ''}?><A>Åsa Öhman KVÄLL</A>`;

describe('decodeXmlBytes: one encoding table for both adapters', () => {
  it.each<[string, Buffer]>([
    ['UTF-8, declared', Buffer.from(doc('UTF-8'), 'utf8')],
    ['UTF-8, undeclared', Buffer.from(doc(), 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc('utf-8'), 'utf8')])],
    ['ISO-8859-1', Buffer.from(doc('ISO-8859-1'), 'latin1')],
    ['latin1 label', Buffer.from(doc('latin1'), 'latin1')],
  ])('%s', (_name, bytes) => {
    const text = decodeXmlBytes(bytes);
    expect(text).toContain('Åsa Öhman KVÄLL');
    expect(text[0]).toBe('<');
  });

  it.each<[string, Buffer, RegExp]>([
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc('UTF-16'), 'utf16le')]), /UTF-16 is not an encoding the contract allows/],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(doc('UTF-16'), 'utf16le').swap16()]), /UTF-16/],
    ['UTF-16LE without BOM', Buffer.from(doc(), 'utf16le'), /UTF-16/],
    ['latin1 bytes declared UTF-8', Buffer.from(doc('UTF-8'), 'latin1'), /not valid UTF-8/],
    ['windows-1252', Buffer.from(doc('windows-1252'), 'latin1'), /not one the contract allows \(UTF-8 or ISO-8859-1; it declares windows-1252\)/],
    ['a label that could be content', Buffer.from(doc('Märta Öberg 19380412'), 'utf8'), /^the declared encoding is not one the contract allows \(UTF-8 or ISO-8859-1\)$/],
    ['a BOM on ISO-8859-1', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc('ISO-8859-1'), 'latin1')]), /byte-order mark contradicts/],
  ])('refuses %s', (_name, bytes, reason) => {
    expect(() => decodeXmlBytes(bytes)).toThrow(XmlRefusedError);
    try {
      decodeXmlBytes(bytes);
    } catch (error) {
      expect((error as XmlRefusedError).reason).toMatch(reason);
    }
  });

  it('detects from the head alone', () => {
    expect(detectXmlEncoding(Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?>'))).toBe('latin1');
  });

  it('refuses a document over XML_MAX_DOCUMENT_BYTES before decoding it', () => {
    const limits = { ...DEFAULT_XML_LIMITS, maxDocumentBytes: 64 * 1024 };
    expect(() => readXmlText(Buffer.alloc(64 * 1024 + 1, 0x20), limits)).toThrow(/larger than 65536 bytes \(XML_MAX_DOCUMENT_BYTES\)/);
  });
});
