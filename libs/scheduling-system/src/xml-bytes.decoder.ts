import { decodeXmlDocument, XmlRefusedError } from '@brygga/xml-intake';
import { ScheduleRejectedError } from './schedule-rejected.error';

/** The shared intake's refusals, as this adapter's own rejection (what its callers catch). */
export function asScheduleRejection<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof XmlRefusedError) throw new ScheduleRejectedError(error.reason);
    throw error;
  }
}

/**
 * Bytes of an XML document -> its text, by the intake's one encoding table (UTF-8 with or
 * without BOM, ISO-8859-1 as declared; UTF-16 refused) and within its size limit. Bytes
 * that are not valid in the encoding reject the document rather than turning into
 * replacement characters that would then be sent on as names.
 */
export function decodeXmlBytes(bytes: Buffer): string {
  return asScheduleRejection(() => decodeXmlDocument(bytes));
}
