import { decodeXmlBytes } from './xml-bytes.decoder';
import { scanXmlHazards } from './xml-hazard.scanner';
import { type XmlLimits, XML_LIMIT_SETTINGS, xmlLimits } from './xml-limits.config';
import { XmlRefusedError } from './xml-refused.error';

/**
 * Bytes of a whole document -> its text, safe to hand to a parser: within the size limit,
 * decoded by the one encoding table, and past the hazard scan. Throws XmlRefusedError.
 */
export function readXmlText(bytes: Uint8Array, limits: Readonly<XmlLimits> = xmlLimits()): string {
  const text = decodeXmlDocument(bytes, limits);
  scanXmlHazards(text, limits);
  return text;
}

/** Size limit and decoding only, for a parser that scans the text itself (or parts of it). */
export function decodeXmlDocument(bytes: Uint8Array, limits: Readonly<XmlLimits> = xmlLimits()): string {
  if (bytes.length > limits.maxDocumentBytes) {
    throw new XmlRefusedError(`the document is larger than ${limits.maxDocumentBytes} bytes (${XML_LIMIT_SETTINGS.maxDocumentBytes})`);
  }
  return decodeXmlBytes(bytes);
}

/**
 * Runs a third-party parser on scanned text. Whatever it throws is about the document
 * (the scan has already bounded depth and size), so it becomes a refusal in words; its own
 * message is not used because it may quote the document.
 */
export function parseGuarded<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof XmlRefusedError) throw error;
    const kind = error instanceof Error ? error.name : typeof error;
    throw new XmlRefusedError(`not well-formed XML (the XML parser refused it: ${kind})`, 'malformed');
  }
}
