import { randomBytes } from 'node:crypto';
import { parseDataKeys } from './data-key.ring';
import { DataSealer, SEALED_V1 } from './data.sealer';
import { SealedValueError, UnknownDataKeyError } from './data-seal.errors';

const keyOf = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const ring = (...entries: string[]) => parseDataKeys(entries.join(','), 'DATA_ENCRYPTION_KEY', false);
const CLIENT = JSON.stringify({ identityNumber: '19380412-5676', firstName: 'Märta', street: 'Storgatan 1', doorCode: '1234' });

describe('DataSealer', () => {
  const k1 = keyOf('k1');
  const k2 = keyOf('k2');
  const sealer = new DataSealer(ring(k1));

  it('seals into the versioned envelope and opens to the same bytes; nothing of the value in clear', () => {
    const sealed = sealer.seal(CLIENT);
    expect(sealed[0]).toBe(SEALED_V1);
    expect(sealed.subarray(2, 4).toString('latin1')).toBe('k1');
    expect(sealed.length).toBe(Buffer.byteLength(CLIENT) + 2 + 2 + 12 + 16);
    for (const word of ['19380412', 'Märta', 'Storgatan', '1234']) expect(sealed.includes(Buffer.from(word))).toBe(false);
    expect(sealer.openText(sealed)).toBe(CLIENT);
    expect(sealer.openJson(sealer.sealJson({ a: [1, 'å'] }))).toEqual({ a: [1, 'å'] });
    expect(sealer.open(sealer.seal(Buffer.alloc(0)))).toEqual(Buffer.alloc(0));
  });

  it('a fresh IV per value: the same value sealed twice differs', () => {
    expect(sealer.seal(CLIENT).equals(sealer.seal(CLIENT))).toBe(false);
  });

  it('values written in clear before sealing stay readable (JSON, XML, a byte order mark, UTF-16)', () => {
    for (const clear of [CLIENT, '[1,2]', '<?xml version="1.0"?><a/>', '\uFEFF<a/>']) expect(sealer.openText(Buffer.from(clear))).toBe(clear);
    const utf16 = Buffer.from('\uFEFF<a/>', 'utf16le');
    expect(sealer.open(utf16)).toEqual(utf16);
    expect(sealer.stateOf(Buffer.from(CLIENT))).toBe('clear');
  });

  it('rotation: the first key seals, every key opens; states say which need re-sealing', () => {
    const old = sealer.seal(CLIENT);
    const rotated = new DataSealer(ring(k2, k1));
    expect(rotated.openText(old)).toBe(CLIENT);
    expect(rotated.stateOf(old)).toBe('stale');
    expect(rotated.stateOf(rotated.seal(CLIENT))).toBe('current');
    expect(rotated.seal(CLIENT).subarray(2, 4).toString('latin1')).toBe('k2');
  });

  it('a value under a key no longer held: an error naming the key id, never the value', () => {
    const rotated = new DataSealer(ring(k2));
    const attempt = () => rotated.open(sealer.seal(CLIENT));
    expect(attempt).toThrow(UnknownDataKeyError);
    expect(attempt).toThrow(/data key "k1"/);
    try {
      attempt();
    } catch (error) {
      expect(String((error as Error).message)).not.toMatch(/19380412|Märta/);
    }
  });

  it('tampering is refused: a flipped bit anywhere, a swapped key id, a cut value, other bytes under the same id', () => {
    const sealed = sealer.seal(CLIENT);
    for (let i = 1; i < sealed.length; i += 7) {
      const altered = Buffer.from(sealed);
      altered[i] ^= 0x01;
      expect(() => sealer.open(altered)).toThrow(/does not open|not in DATA_ENCRYPTION_KEY/);
    }
    const twoKeys = new DataSealer(ring(k1, k2));
    const renamed = Buffer.from(sealed);
    renamed.write('k2', 2, 'latin1');
    expect(() => twoKeys.open(renamed)).toThrow(SealedValueError);
    expect(() => sealer.open(sealed.subarray(0, 20))).toThrow(/cut short/);
    expect(() => new DataSealer(ring(keyOf('k1'))).open(sealed)).toThrow(SealedValueError);
  });
});
