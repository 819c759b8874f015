import type { ReasonRule } from '@brygga/domain';
import { identityNumberProblem, luhnValid } from './identity-number.validator';

describe('identityNumberProblem', () => {
  it.each<[string, 'personnummer' | 'samordningsnummer', ReasonRule | undefined]>([
    ['19380412-5676', 'personnummer', undefined],
    ['19121212-1212', 'personnummer', undefined],
    ['20000229-0013', 'personnummer', undefined],
    ['18991231-0019', 'personnummer', undefined],
    ['20150916-0006', 'personnummer', { code: 'identity-number.birth-number', text: 'the birth number (NNN) must be 001 to 999' }],
    ['20000229-0005', 'personnummer', { code: 'identity-number.birth-number', text: 'the birth number (NNN) must be 001 to 999' }],
    ['20150976-0003', 'samordningsnummer', { code: 'identity-number.birth-number', text: 'the birth number (NNN) must be 001 to 999' }],
    ['19380412-5677', 'personnummer', { code: 'identity-number.check-digit', text: 'check digit does not match (Luhn)' }],
    ['19121212-1213', 'personnummer', { code: 'identity-number.check-digit', text: 'check digit does not match (Luhn)' }],
    ['19000229-0003', 'personnummer', { code: 'identity-number.date', text: 'the date is not a real date' }],
    ['19381304-5676', 'personnummer', { code: 'identity-number.date', text: 'the date is not a real date' }],
    ['19380400-5676', 'personnummer', { code: 'identity-number.date', text: 'the date is not a real date' }],
    ['17380412-5676', 'personnummer', { code: 'identity-number.format', text: 'must be 12 digits as YYYYMMDD-NNNC' }],
    ['380412-5676', 'personnummer', { code: 'identity-number.format', text: 'must be 12 digits as YYYYMMDD-NNNC' }],
    ['380412+5676', 'personnummer', { code: 'identity-number.format', text: 'must be 12 digits as YYYYMMDD-NNNC' }],
    ['193804125676', 'personnummer', { code: 'identity-number.format', text: 'must be 12 digits as YYYYMMDD-NNNC' }],
    ['19470161-2345', 'personnummer', { code: 'identity-number.date', text: 'the date is not a real date' }],
    ['19470161-2345', 'samordningsnummer', undefined],
    ['19470161-2346', 'samordningsnummer', { code: 'identity-number.check-digit', text: 'check digit does not match (Luhn)' }],
    ['19380412-5676', 'samordningsnummer', { code: 'identity-number.coordination-day', text: 'the day of a samordningsnummer must be 61 to 91' }],
    ['19470292-2345', 'samordningsnummer', { code: 'identity-number.coordination-day', text: 'the day of a samordningsnummer must be 61 to 91' }],
    ['19470290-2345', 'samordningsnummer', { code: 'identity-number.date', text: 'the date (day minus 60) is not a real date' }],
  ])('%s as %s', (value, kind, expected) => {
    expect(identityNumberProblem(value, kind)).toEqual(expected);
  });

  it('never repeats the number in its reason', () => {
    expect(identityNumberProblem('19380412-5677', 'personnummer')?.text).not.toMatch(/\d{4}/);
  });
});

describe('luhnValid', () => {
  it.each([
    ['3804125676', true],
    ['8112189876', true],
    ['8112189875', false],
    ['0000000000', true],
  ])('%s -> %s', (digits, valid) => {
    expect(luhnValid(digits)).toBe(valid);
  });
});
