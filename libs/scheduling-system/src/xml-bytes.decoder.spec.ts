import { decodeXmlBytes } from './xml-bytes.decoder';
import { ScheduleRejectedError } from './schedule-rejected.error';

const doc = (encoding?: string) => `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ''}?><A>Åsa Öhman KVÄLL</A>`;

describe('decodeXmlBytes', () => {
  const good: Array<[string, Buffer]> = [
    ['UTF-8, declared', Buffer.from(doc('UTF-8'), 'utf8')],
    ['UTF-8, no declaration', Buffer.from('<A>Åsa Öhman KVÄLL</A>', 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc('utf-8'), 'utf8')])],
    ['ISO-8859-1', Buffer.from(doc('ISO-8859-1'), 'latin1')],
    ['latin1 label, single quotes', Buffer.from(doc('ISO-8859-1').replace(/"/g, "'"), 'latin1')],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc('UTF-16'), 'utf16le')])],
  ];
  it.each(good)('%s', (_label, bytes) => {
    expect(decodeXmlBytes(bytes)).toContain('Åsa Öhman KVÄLL');
    expect(decodeXmlBytes(bytes).charCodeAt(0)).toBe('<'.charCodeAt(0));
  });

  const bad: Array<[string, Buffer, RegExp]> = [
    ['latin1 bytes without a declaration', Buffer.from('<A>Åsa</A>', 'latin1'), /not valid utf-8/],
    ['BOM contradicts the declaration', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc('ISO-8859-1'), 'utf8')]), /byte order mark says utf-8 but the declaration says iso-8859-1/],
    ['unsupported encoding', Buffer.from(doc('windows-1252'), 'latin1'), /windows-1252 is not supported/],
  ];
  it.each(bad)('%s', (_label, bytes, reason) => {
    expect(() => decodeXmlBytes(bytes)).toThrow(ScheduleRejectedError);
    expect(() => decodeXmlBytes(bytes)).toThrow(reason);
  });
});
