import { XmlRefusedError } from '@brygga/xml-intake';

/**
 * The whole document cannot be used (not decodable, not well-formed, not an
 * Uppdragsexport). The reason is in words and never quotes document content, which may
 * hold personal data.
 */
export class DocumentRejectedError extends Error {
  override readonly name = 'DocumentRejectedError';

  /**
   * `hazard`: refused by the XML intake's limits or rules (DOCTYPE, prototype names): in
   * a streamed file this rejects the whole file, even when found inside one Uppdrag.
   */
  constructor(
    readonly reason: string,
    readonly hazard = false,
  ) {
    super(`document rejected: ${reason}`);
  }
}

/** The shared intake's refusals, as this adapter's own rejection (what its callers catch). */
export function asRejection<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof XmlRefusedError) throw new DocumentRejectedError(error.reason, error.kind === 'hazard');
    throw error;
  }
}
