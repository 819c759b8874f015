import type { ReasonCode } from './reason-codes.catalogue';

/**
 * Why an item was quarantined, as found where the problem was found. `code` is for
 * counting (catalogued in reason-codes.catalogue.ts); `path` names the element, attribute
 * or field (never a value); `text` is the wording people read, path included. None of the
 * three carries a value of the document (no names, identity numbers or addresses).
 */
export interface Reason {
  readonly code: ReasonCode;
  readonly path?: string;
  readonly text: string;
}

/** A rule as a producer words it, before it is placed at a path. */
export interface ReasonRule {
  readonly code: ReasonCode;
  readonly text: string;
}

/** Reasons' codes, each once: an item breaking a rule twice still counts once under it. */
export function reasonCodes(reasons: readonly Reason[]): ReasonCode[] {
  return [...new Set(reasons.map((r) => r.code))];
}
