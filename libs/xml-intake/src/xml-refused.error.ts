/**
 * A document the XML intake will not read: undecodable, over a limit, carrying a DOCTYPE
 * or a name that could alter JavaScript objects, or not well-formed. `reason` is in words
 * and never quotes the document (it may hold personal data); adapters re-throw it as
 * their own rejection so that their callers keep one error type per adapter.
 */
export class XmlRefusedError extends Error {
  override readonly name = 'XmlRefusedError';

  /**
   * `hazard`: over a limit, a DOCTYPE, a prototype-altering name — refused wherever it is,
   * even inside one record of a streamed file. `malformed`: broken XML, which inside one
   * record of a streamed file is that record's problem only.
   */
  constructor(
    readonly reason: string,
    readonly kind: 'hazard' | 'malformed' = 'hazard',
  ) {
    super(`XML refused: ${reason}`);
  }
}
