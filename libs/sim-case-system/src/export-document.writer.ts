import { escapeXml } from './uppdrag-xml.writer';

export const UPPDRAG_NAMESPACE = 'urn:se:omsorg:uppdrag:1';

/** How a document is put on the wire: older installations still send ISO-8859-1. */
export type DocumentEncoding = 'UTF-8' | 'UTF-8-BOM' | 'ISO-8859-1';

export interface ExportHeader {
  skapad: string;
  sekvens: number;
  kalla: string;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The document as text, declaring `declared` as its encoding. */
export function writeExportText(header: ExportHeader, uppdragElements: readonly string[], declared: 'UTF-8' | 'ISO-8859-1' = 'UTF-8'): string {
  const root = `<Uppdragsexport xmlns="${UPPDRAG_NAMESPACE}" skapad="${escapeXml(header.skapad)}" sekvens="${header.sekvens}" kalla="${escapeXml(header.kalla)}"`;
  const head = `<?xml version="1.0" encoding="${declared}"?>\n`;
  if (uppdragElements.length === 0) return `${head}${root}/>\n`;
  return `${head}${root}>\n${uppdragElements.join('\n')}\n</Uppdragsexport>\n`;
}

/**
 * Characters outside Latin-1 cannot be written as ISO-8859-1 bytes: they go out as
 * character references, which every XML parser reads back as the same character.
 */
function toLatin1Safe(text: string): string {
  return text.replace(/[\u0100-\u{10ffff}]/gu, (c) => `&#x${(c.codePointAt(0) ?? 0x3f).toString(16)};`);
}

/** The document's bytes in the requested encoding. */
export function encodeExport(header: ExportHeader, uppdragElements: readonly string[], encoding: DocumentEncoding): Buffer {
  if (encoding === 'ISO-8859-1') return Buffer.from(toLatin1Safe(writeExportText(header, uppdragElements, 'ISO-8859-1')), 'latin1');
  const body = Buffer.from(writeExportText(header, uppdragElements, 'UTF-8'), 'utf8');
  return encoding === 'UTF-8-BOM' ? Buffer.concat([BOM, body]) : body;
}

/** The HTTP charset that agrees with the declaration. */
export function contentTypeFor(encoding: DocumentEncoding): string {
  return `application/xml; charset=${encoding === 'ISO-8859-1' ? 'ISO-8859-1' : 'UTF-8'}`;
}

/** The simulator's fixed rotation: every 5th document Latin-1, every 3rd of the rest with a BOM. */
export function encodingForDocument(index: number): DocumentEncoding {
  if (index % 5 === 4) return 'ISO-8859-1';
  return index % 3 === 1 ? 'UTF-8-BOM' : 'UTF-8';
}
