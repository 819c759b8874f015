/**
 * Where sealed values live, for the rotation: keys (below `${prefix}:data:`) matching
 * `key`, a string or a hash whose every field is sealed. Each flow declares its own
 * beside its keys, so a new sealed key is declared where it is named.
 */
export interface SealedPlace {
  /** What it holds, for the rotation's counts (a word, never data). */
  what: string;
  type: 'string' | 'hash';
  /** Matched against the key with `${prefix}:data:` removed. */
  key: RegExp;
}
