import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type DataKeyRing, KEY_ID } from './data-key.ring';
import { SealedValueError, UnknownDataKeyError } from './data-seal.errors';

/**
 * The envelope's first byte, format 1. A UTF-8 continuation byte: no text value (JSON,
 * XML in any encoding with or without a byte order mark, which starts with `{`, `[`, `<`,
 * white space or a BOM) ever starts with it, so a value written in clear before sealing
 * is told apart by its first byte and stays readable during an upgrade.
 */
export const SEALED_V1 = 0xa1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where a stored value stands: sealed under the current key, under an older one, or not sealed at all. */
export type SealState = 'current' | 'stale' | 'clear';

/**
 * AES-256-GCM sealing of one value at a time, for personal data at rest in Redis:
 * `[0xA1][id length][key id][96-bit IV][128-bit tag][ciphertext]`, the header (format
 * byte and key id) authenticated with the ciphertext. A random IV per value (2^32 values
 * per key stay far below GCM's collision bound). Hand-written on node:crypto: no library
 * kept here seals envelopes that name their key for rotation, and the format is small
 * enough to own.
 */
export class DataSealer {
  constructor(private readonly ring: DataKeyRing) {}

  get currentKeyId(): string {
    return this.ring.current.id;
  }

  seal(plain: Buffer | string): Buffer {
    const { id, key } = this.ring.current;
    const header = Buffer.concat([Buffer.from([SEALED_V1, id.length]), Buffer.from(id, 'latin1')]);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(header);
    const body = Buffer.concat([cipher.update(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain), cipher.final()]);
    return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
  }

  /** The plain bytes; a value stored in clear (before sealing) is answered as it is. */
  open(stored: Buffer): Buffer {
    if (!isSealed(stored)) return stored;
    const { keyId, headerEnd } = readHeader(stored);
    const dataKey = this.ring.byId.get(keyId);
    if (!dataKey) throw new UnknownDataKeyError(keyId);
    const iv = stored.subarray(headerEnd, headerEnd + IV_BYTES);
    const tag = stored.subarray(headerEnd + IV_BYTES, headerEnd + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', dataKey.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(stored.subarray(0, headerEnd));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(stored.subarray(headerEnd + IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new SealedValueError(`altered, or not sealed under the bytes of data key "${keyId}"`);
    }
  }

  openText(stored: Buffer): string {
    return this.open(stored).toString('utf8');
  }

  sealJson(value: unknown): Buffer {
    return this.seal(JSON.stringify(value));
  }

  openJson<T>(stored: Buffer): T {
    return JSON.parse(this.openText(stored)) as T;
  }

  stateOf(stored: Buffer): SealState {
    if (!isSealed(stored)) return 'clear';
    return readHeader(stored).keyId === this.ring.current.id ? 'current' : 'stale';
  }
}

export function isSealed(stored: Buffer): boolean {
  return stored.length > 0 && stored[0] === SEALED_V1;
}

function readHeader(stored: Buffer): { keyId: string; headerEnd: number } {
  const idLength = stored.length > 1 ? stored[1] : 0;
  const headerEnd = 2 + idLength;
  if (idLength === 0 || stored.length < headerEnd + IV_BYTES + TAG_BYTES) throw new SealedValueError('cut short');
  const keyId = stored.subarray(2, headerEnd).toString('latin1');
  // Named in errors: only what a configured id could be, never stray bytes of an altered value.
  if (!KEY_ID.test(keyId)) throw new SealedValueError('malformed key id');
  return { keyId, headerEnd };
}
