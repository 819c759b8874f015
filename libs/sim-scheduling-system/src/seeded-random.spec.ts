import { SeededRandom } from './seeded-random';

describe('SeededRandom', () => {
  const draw = (seed: number | string) => {
    const rng = new SeededRandom(seed);
    return Array.from({ length: 20 }, () => rng.next());
  };

  it('repeats its sequence for the same seed, numeric or string', () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw('demo')).toEqual(draw('demo'));
  });

  it('gives other sequences for other seeds', () => {
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw('demo')).not.toEqual(draw('demo2'));
  });

  it('keeps int() within its inclusive bounds and reaches both ends', () => {
    const rng = new SeededRandom(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(6, 10));
    expect([...seen].sort((a, b) => a - b)).toEqual([6, 7, 8, 9, 10]);
  });

  it('never picks a zero-weight key', () => {
    const rng = new SeededRandom(1);
    for (let i = 0; i < 1000; i++) expect(rng.weighted({ a: 1, b: 0, c: 3 })).not.toBe('b');
  });
});
