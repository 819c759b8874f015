/** A sealed value names a key this process does not hold: the message names the key id, never the value. */
export class UnknownDataKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`sealed value under data key "${keyId}", which is not in DATA_ENCRYPTION_KEY / DATA_ENCRYPTION_KEY_FILE: add it back (after the current key) until npm run rotate-data-key has re-sealed everything`);
    this.name = 'UnknownDataKeyError';
  }
}

/** A value that carries the envelope's format byte but does not open: cut short, altered, or sealed under different key bytes of the same id. */
export class SealedValueError extends Error {
  constructor(reason: string) {
    super(`sealed value does not open: ${reason}`);
    this.name = 'SealedValueError';
  }
}
