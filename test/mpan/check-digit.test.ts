import { describe, expect, it } from 'vitest';
import { MPAN_CHECK_DIGIT_WEIGHTS, mpanCheckDigit } from '../../src/mpan/index.js';

describe('mpanCheckDigit', () => {
  it.each([
    ['131234567890', 7],
    ['249999999999', 1],
    ['209999999999', 3],
    ['201234567838', 5],
    ['201901010000', 2],
  ])('%s -> %i (docs/domain.md)', (first12, digit) => {
    expect(mpanCheckDigit(first12)).toBe(digit);
  });

  it('uses the published prime weights', () => {
    expect(MPAN_CHECK_DIGIT_WEIGHTS).toEqual([3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43]);
    expect(Object.isFrozen(MPAN_CHECK_DIGIT_WEIGHTS)).toBe(true);
  });

  it('maps a sum of 10 mod 11 to 0', () => {
    // 1*3 + 1*7 = 10 -> 10 mod 11 = 10 -> mod 10 = 0
    expect(mpanCheckDigit('101000000000')).toBe(0);
  });

  it.each(['', '13123456789', '1312345678901', '13123456789a', '13 123456789', '１３１２３４５６７８９０'])(
    'throws TypeError for %j',
    (bad) => {
      expect(() => mpanCheckDigit(bad)).toThrow(TypeError);
    },
  );
});
