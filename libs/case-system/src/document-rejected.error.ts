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
