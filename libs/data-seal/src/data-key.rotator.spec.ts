import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { parseDataKeys } from './data-key.ring';
import { rotateDataKey } from './data-key.rotator';
import { DataSealer } from './data.sealer';
import type { SealedPlace } from './sealed-place';

const PLACES: SealedPlace[] = [
  { what: 'docs', type: 'string', key: /^doc:[^:]+$/ },
  { what: 'parts', type: 'hash', key: /^part:[^:]+$/ },
];
const keyOf = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const K1 = keyOf('k1');
const K2 = keyOf('k2');
const old = new DataSealer(parseDataKeys(K1, 'DATA_ENCRYPTION_KEY', false));
const both = new DataSealer(parseDataKeys(`${K2},${K1}`, 'DATA_ENCRYPTION_KEY', false));
const onlyNew = new DataSealer(parseDataKeys(K2, 'DATA_ENCRYPTION_KEY', false));

describe('rotateDataKey (real Redis)', () => {
  const redis = new Redis(TEST_REDIS_URL);
  let prefix: string;

  beforeEach(() => {
    prefix = uniquePrefix('rotate');
  });
  afterEach(() => deletePrefix(redis, prefix));
  afterAll(() => redis.quit());

  const doc = (i: number) => `${prefix}:data:doc:${i}`;
  const part = (i: number) => `${prefix}:data:part:${i}`;

  it('re-seals old and clear values under the first key, keeps TTLs, leaves other keys alone, counts without values', async () => {
    await redis.set(doc(1), old.seal('<Uppdrag>one</Uppdrag>'), 'EX', 3600);
    await redis.set(doc(2), '<Uppdrag>clear before sealing</Uppdrag>');
    await redis.set(doc(3), both.seal('<Uppdrag>already new</Uppdrag>'));
    await redis.hset(part(1), { a: old.sealJson({ n: 1 }), b: '{"n":2}', c: both.sealJson({ n: 3 }) });
    await redis.set(`${prefix}:data:doc:1:meta`, 'not sealed, not touched');
    await redis.hset(`${prefix}:data:stats`, 'x', '1');

    const counts = await rotateDataKey(redis, both, prefix, PLACES);
    expect(counts).toEqual({ keys: 4, scanned: 6, resealed: 2, alreadyCurrent: 2, clearSealed: 2, leftToWriter: 0, byPlace: { docs: 3, parts: 1 } });
    expect(onlyNew.openText((await redis.getBuffer(doc(1)))!)).toBe('<Uppdrag>one</Uppdrag>');
    expect(onlyNew.stateOf((await redis.getBuffer(doc(2)))!)).toBe('current');
    expect(onlyNew.openText((await redis.getBuffer(doc(2)))!)).toBe('<Uppdrag>clear before sealing</Uppdrag>');
    expect(await redis.ttl(doc(1))).toBeGreaterThan(3000);
    const fields = await redis.hgetallBuffer(part(1));
    expect(Object.fromEntries(Object.entries(fields).map(([f, v]) => [f, onlyNew.openJson(v)]))).toEqual({ a: { n: 1 }, b: { n: 2 }, c: { n: 3 } });
    expect(await redis.get(`${prefix}:data:doc:1:meta`)).toBe('not sealed, not touched');
    expect(await redis.hget(`${prefix}:data:stats`, 'x')).toBe('1');
    expect(JSON.stringify(counts)).not.toMatch(/Uppdrag/);

    expect(await rotateDataKey(redis, both, prefix, PLACES)).toMatchObject({ scanned: 6, resealed: 0, clearSealed: 0, alreadyCurrent: 6 });
  });

  it('while writers write each value once: every value ends as its writer wrote it (never an older re-seal), all under the new key', async () => {
    const N = 2000;
    const last = new Map<string, string>();
    for (let i = 0; i < N; i++) {
      await redis.set(doc(i), old.seal(`v0-${i}`));
      last.set(`doc:${i}`, `v0-${i}`);
      await redis.hset(part(i % 20), `f${i}`, old.seal(`v0-${i}`));
      last.set(`part:${i % 20}:f${i}`, `v0-${i}`);
    }
    // Writers on connections of their own (processes already holding the new key first, the rollout's first step)
    // write each value once, in a shuffled order, while the rotation runs: a write lost to an older re-seal stays lost.
    const order = [...Array(N).keys()].sort(() => Math.random() - 0.5);
    let writes = 0;
    const writers = [0, 1, 2, 3].map(async (w) => {
      const conn = new Redis(TEST_REDIS_URL);
      try {
        for (const i of order.filter((_, at) => at % 4 === w)) {
          const value = `v1-${i}`;
          await conn.multi().set(doc(i), both.seal(value)).hset(part(i % 20), `f${i}`, both.seal(value)).exec();
          last.set(`doc:${i}`, value);
          last.set(`part:${i % 20}:f${i}`, value);
          writes += 1;
        }
      } finally {
        conn.disconnect();
      }
    });
    const counts = await rotateDataKey(redis, both, prefix, PLACES);
    await Promise.all(writers);
    expect(writes).toBeGreaterThan(0);
    expect(counts.scanned).toBe(2 * N);
    expect(counts.resealed + counts.alreadyCurrent + counts.leftToWriter).toBe(2 * N);
    for (let i = 0; i < N; i++) {
      expect(onlyNew.openText((await redis.getBuffer(doc(i)))!)).toBe(last.get(`doc:${i}`));
      expect(onlyNew.openText((await redis.hgetBuffer(part(i % 20), `f${i}`))!)).toBe(last.get(`part:${i % 20}:f${i}`));
    }
  }, 120_000);
});
