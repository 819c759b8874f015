import { parseScheduleExport } from './schedule-export.parser';
import { ScheduleRejectedError } from './schedule-rejected.error';

const doc = (encoding?: string) => `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ''}?><A>Åsa Öhman KVÄLL</A>`;

function rejection(bytes: Buffer): ScheduleRejectedError {
  try {
    parseScheduleExport(bytes);
  } catch (error) {
    if (error instanceof ScheduleRejectedError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

/** The intake decodes (one encoding table for both adapters); this adapter words its refusals as its own rejection. */
describe('parseScheduleExport: the intake decodes, refusals become ScheduleRejectedError', () => {
  const good: Array<[string, Buffer]> = [
    ['UTF-8, declared', Buffer.from(doc('UTF-8'), 'utf8')],
    ['UTF-8, no declaration', Buffer.from('<A>Åsa Öhman KVÄLL</A>', 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc('utf-8'), 'utf8')])],
    ['ISO-8859-1', Buffer.from(doc('ISO-8859-1'), 'latin1')],
    ['latin1 label, single quotes', Buffer.from(doc('ISO-8859-1').replace(/"/g, "'"), 'latin1')],
  ];
  it.each(good)('%s is decoded (and read on to its root)', (_label, bytes) => {
    expect(rejection(bytes).reason).toBe('the root element must be ScheduleExport in namespace urn:se:schema:export:1');
  });

  const bad: Array<[string, Buffer, RegExp]> = [
    ['latin1 bytes without a declaration', Buffer.from('<A>Åsa</A>', 'latin1'), /not valid UTF-8/],
    ['BOM contradicts the declaration', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc('ISO-8859-1'), 'utf8')]), /byte-order mark contradicts the declared encoding/],
    ['unsupported encoding', Buffer.from(doc('windows-1252'), 'latin1'), /declared encoding is not one the contract allows \(UTF-8 or ISO-8859-1; it declares windows-1252\)/],
    // One encoding table for both adapters: neither contract names UTF-16, so it is refused, clearly.
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc('UTF-16'), 'utf16le')]), /UTF-16 is not an encoding the contract allows/],
    ['UTF-16BE without BOM', Buffer.from(Buffer.from(doc(), 'utf16le').swap16()), /UTF-16/],
    ['a document over XML_MAX_DOCUMENT_BYTES', Buffer.alloc(33 * 1024 * 1024, 0x20), /larger than 33554432 bytes \(XML_MAX_DOCUMENT_BYTES\)/],
    ['an undeclared namespace prefix', Buffer.from('<s:ScheduleExport/>'), /^not well-formed XML \(namespace prefix s is not declared\)$/],
  ];
  it.each(bad)('%s', (_label, bytes, reason) => {
    expect(rejection(bytes).reason).toMatch(reason);
  });
});
