// mpanCheckDigit: the 13th digit from the first 12, and a TypeError naming the bad argument.
import { describe, expect, it } from 'vitest';
import { mpanCheckDigit } from './check-digit.js';

describe('mpanCheckDigit', () => {
  it('weights each digit by its prime: a single 1 in each position gives its weight mod 11 mod 10', () => {
    const weights = [3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43];
    weights.forEach((w, i) => {
      const first12 = '0'.repeat(i) + '1' + '0'.repeat(11 - i);
      expect(mpanCheckDigit(first12)).toBe((w % 11) % 10);
    });
    expect(mpanCheckDigit('000000000000')).toBe(0);
    expect(mpanCheckDigit('131234567890')).toBe(7);
  });

  it.each([
    ['', 'mpanCheckDigit expects exactly 12 ASCII digits, got ""'],
    ['13123456789', 'mpanCheckDigit expects exactly 12 ASCII digits, got "13123456789"'],
    ['1312345678901', 'mpanCheckDigit expects exactly 12 ASCII digits, got "1312345678901"'],
    ['13 123456789', 'mpanCheckDigit expects exactly 12 ASCII digits, got "13 123456789"'],
  ])('throws a TypeError naming %j', (bad, message) => {
    expect(() => mpanCheckDigit(bad)).toThrow(new TypeError(message));
  });
});
