/**
 * The whole document cannot be used (not decodable, not well-formed, not an
 * Uppdragsexport). The reason is in words and never quotes document content, which may
 * hold personal data.
 */
export class DocumentRejectedError extends Error {
  override readonly name = 'DocumentRejectedError';

  constructor(readonly reason: string) {
    super(`document rejected: ${reason}`);
  }
}
