/**
 * The intake's limits. Every document read whole (a push, a feed page, a schedule) is one
 * "document"; the file drop streams its exports, so there each Uppdrag element is one.
 */
export interface XmlLimits {
  /** Deepest element nesting (the contracts need 6). */
  maxDepth: number;
  /** Elements in one document. */
  maxElements: number;
  /** Characters of one attribute value, as written (references not yet expanded). */
  maxAttributeLength: number;
  /** Characters of one run of text or CDATA between two tags. */
  maxTextLength: number;
  /** Bytes of one document (a push is refused earlier, at INBOUND_MAX_BYTES). */
  maxDocumentBytes: number;
  /** Elements in one record (an Uppdrag): above it the record is quarantined, not the document. */
  maxRecordElements: number;
}

/** Generous for the contracts (a 10 MiB push holds ~200,000 elements), small for an attacker. */
export const DEFAULT_XML_LIMITS: Readonly<XmlLimits> = Object.freeze({
  maxDepth: 32,
  maxElements: 500_000,
  maxAttributeLength: 4096,
  maxTextLength: 65_536,
  maxDocumentBytes: 32 * 1024 * 1024,
  maxRecordElements: 5_000,
});

/** The env variable of each limit, for messages and the README. */
export const XML_LIMIT_SETTINGS: Readonly<Record<keyof XmlLimits, string>> = Object.freeze({
  maxDepth: 'XML_MAX_DEPTH',
  maxElements: 'XML_MAX_ELEMENTS',
  maxAttributeLength: 'XML_MAX_ATTRIBUTE_LENGTH',
  maxTextLength: 'XML_MAX_TEXT_LENGTH',
  maxDocumentBytes: 'XML_MAX_DOCUMENT_BYTES',
  maxRecordElements: 'XML_MAX_RECORD_ELEMENTS',
});

// One setting of the process, read by parsers that run in many places (push, feed, file
// drop, schedule poll and apply): threading it through every caller would touch them all.
let current: Readonly<XmlLimits> = DEFAULT_XML_LIMITS;

/** Set once at boot from the validated env (`readXmlLimits` in @brygga/config). */
export function configureXmlLimits(limits: Partial<XmlLimits>): void {
  current = Object.freeze({ ...DEFAULT_XML_LIMITS, ...limits });
}

export function xmlLimits(): Readonly<XmlLimits> {
  return current;
}
