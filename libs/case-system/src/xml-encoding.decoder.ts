import { createXmlTextDecoder, decodeXmlDocument, detectXmlEncoding as detect, XmlEncoding, XmlRefusedError } from '@brygga/xml-intake';
import { DocumentRejectedError } from './document-rejected.error';

export { hasUtf8Bom } from '@brygga/xml-intake';
export type { XmlEncoding } from '@brygga/xml-intake';

/** The shared intake's refusals, as this adapter's own rejection (what its callers catch). */
export function asRejection<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof XmlRefusedError) throw new DocumentRejectedError(error.reason, error.kind === 'hazard');
    throw error;
  }
}

/** The encoding a document declares (UTF-8 or ISO-8859-1, per the contract), from its first bytes. */
export function detectXmlEncoding(head: Uint8Array): XmlEncoding {
  return asRejection(() => detect(head));
}

/** A chunk decoder for the stream splitter; invalid bytes reject the document. */
export function createChunkDecoder(encoding: XmlEncoding): (bytes: Uint8Array, stream: boolean) => string {
  const decode = createXmlTextDecoder(encoding);
  return (bytes, stream) => asRejection(() => decode(bytes, stream));
}

/** The document's text: within the intake's size limit, BOM stripped, decoded as declared. */
export function decodeXmlBytes(buf: Buffer): string {
  return asRejection(() => decodeXmlDocument(buf));
}
