import { formatIdentityNumber, isValidIdentityNumber, luhnCheckDigit, randomIdentityNumber } from './identity-number.generator';
import { SeededRandom } from '@brygga/sim-scheduling-system';

describe('identity numbers', () => {
  it('computes the Luhn digit over YYMMDDNNN (Skatteverket example 811218-987 -> 6)', () => {
    expect(luhnCheckDigit('811218987')).toBe(6);
    expect(isValidIdentityNumber('19811218-9876')).toBe(true);
    expect(isValidIdentityNumber('19811218-9875')).toBe(false);
  });

  it('accepts the contract example and rejects impossible dates', () => {
    expect(isValidIdentityNumber('19380412-5676')).toBe(true);
    expect(isValidIdentityNumber(formatIdentityNumber(1939, 2, 29, 123, 'personnummer'))).toBe(false);
    expect(isValidIdentityNumber(formatIdentityNumber(1940, 2, 29, 123, 'personnummer'))).toBe(true);
  });

  it('rejects birth number 000, which is never issued', () => {
    expect(isValidIdentityNumber('20150916-0006')).toBe(false);
    expect(isValidIdentityNumber(formatIdentityNumber(2015, 9, 16, 0, 'personnummer'))).toBe(false);
    expect(isValidIdentityNumber(formatIdentityNumber(2015, 9, 16, 0, 'samordningsnummer'))).toBe(false);
    expect(isValidIdentityNumber(formatIdentityNumber(2015, 9, 16, 1, 'personnummer'))).toBe(true);
  });

  it('writes samordningsnummer with 60 added to the day', () => {
    const value = formatIdentityNumber(1947, 1, 1, 234, 'samordningsnummer');
    expect(value.slice(0, 8)).toBe('19470161');
    expect(isValidIdentityNumber(value)).toBe(true);
  });

  it('draws only valid numbers', () => {
    const rng = new SeededRandom(42);
    for (let i = 0; i < 2000; i++) {
      const id = randomIdentityNumber(rng, 1920, 2000, 0.5);
      expect(isValidIdentityNumber(id.value)).toBe(true);
      expect(id.value.slice(9, 12)).not.toBe('000');
      const day = Number(id.value.slice(6, 8));
      expect(id.kind === 'samordningsnummer' ? day >= 61 && day <= 91 : day >= 1 && day <= 31).toBe(true);
    }
  });
});

describe('SeededRandom', () => {
  it('repeats per seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, (_, i) => new SeededRandom(seed).int(0, 1000) + i);
    const a = new SeededRandom(1);
    const b = new SeededRandom(1);
    const c = new SeededRandom(2);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    expect(draw(3)).toEqual(draw(3));
  });
});
