import * as crypto from 'node:crypto';

// Node's own exports cannot be spied on in place; a module whose timingSafeEqual is a
// recording pass-through shows which path a comparison took.
jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});
import {
  ADMIN_TOKEN_PREFIX,
  adminTokenDigest,
  digestOfHash,
  hashAdminToken,
  isAdminTokenHash,
  looksLikeClearToken,
  newAdminToken,
  sameDigest,
} from './admin-token.hash';

describe('newAdminToken', () => {
  it('is the prefix and 32 random bytes in base64url', () => {
    const token = newAdminToken();
    expect(token.startsWith(ADMIN_TOKEN_PREFIX)).toBe(true);
    const body = token.slice(ADMIN_TOKEN_PREFIX.length);
    expect(body).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(body, 'base64url')).toHaveLength(32);
  });

  it('is new every time', () => {
    const tokens = new Set(Array.from({ length: 100 }, newAdminToken));
    expect(tokens.size).toBe(100);
  });
});

describe('hashAdminToken', () => {
  it('is sha256 of the whole token in lowercase hex', () => {
    // echo -n viewer-demo-token | sha256sum
    const expected = crypto.createHash('sha256').update('viewer-demo-token').digest('hex');
    expect(hashAdminToken('viewer-demo-token')).toBe(`sha256:${expected}`);
    expect(isAdminTokenHash(hashAdminToken(newAdminToken()))).toBe(true);
  });

  it('round-trips through digestOfHash', () => {
    const token = newAdminToken();
    expect(sameDigest(digestOfHash(hashAdminToken(token)), adminTokenDigest(token))).toBe(true);
  });
});

describe('isAdminTokenHash', () => {
  const hex = 'a'.repeat(64);
  it.each([
    [`sha256:${hex}`, true],
    [`sha256:${'0123456789abcdef'.repeat(4)}`, true],
    [`sha256:${hex.toUpperCase()}`, false],
    [`SHA256:${hex}`, false],
    [`sha256:${hex.slice(1)}`, false],
    [`sha256:${hex}0`, false],
    [`sha256:${hex}\n`, false],
    [` sha256:${hex}`, false],
    [`sha512:${hex}`, false],
    [hex, false],
    ['brygga_abc', false],
    ['', false],
    [42, false],
    [undefined, false],
  ])('%p → %p', (value, valid) => {
    expect(isAdminTokenHash(value)).toBe(valid);
  });

  it('makes digestOfHash refuse a value not in the format, without echoing it', () => {
    expect(() => digestOfHash('brygga_secret-looking')).toThrow(/sha256: followed by 64 lowercase hex digits/);
    expect(() => digestOfHash('brygga_secret-looking')).not.toThrow(/secret-looking/);
  });
});

describe('looksLikeClearToken', () => {
  it.each([
    [newAdminToken(), true],
    [`  ${newAdminToken()}`, true],
    [hashAdminToken(newAdminToken()), false],
    ['ops-anna', false],
    [7, false],
  ])('%p → %p', (value, clear) => {
    expect(looksLikeClearToken(value)).toBe(clear);
  });
});

describe('sameDigest', () => {
  it('compares in constant time, and refuses different lengths before comparing', () => {
    const spy = jest.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    const a = adminTokenDigest('one');
    expect(sameDigest(a, adminTokenDigest('one'))).toBe(true);
    expect(sameDigest(a, adminTokenDigest('two'))).toBe(false);
    expect(spy).toHaveBeenCalledTimes(2);
    // timingSafeEqual throws on different lengths: a short buffer must be a plain false.
    expect(sameDigest(a, a.subarray(0, 16))).toBe(false);
    expect(spy).toHaveBeenCalledTimes(2);
  });
});
