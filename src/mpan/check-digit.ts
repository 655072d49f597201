/**
 * MPAN core check digit.
 *
 * The 13th digit of an MPAN core is `(Σ dᵢ × wᵢ) mod 11 mod 10` over the first 12 digits, with the prime
 * weights `3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43` (docs/domain.md).
 */
export const MPAN_CHECK_DIGIT_WEIGHTS: readonly number[] = Object.freeze([
  3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43,
]);

/**
 * Computes the check digit of an MPAN core from its first 12 digits.
 *
 * @param first12 exactly 12 ASCII digits (no spaces).
 * @returns the check digit, 0..9.
 * @throws TypeError when `first12` is not exactly 12 ASCII digits: this is a programming error, callers
 *   validating user input should use `parseMpanCore`.
 */
export function mpanCheckDigit(first12: string): number {
  if (!/^[0-9]{12}$/.test(first12)) {
    throw new TypeError(
      `mpanCheckDigit expects exactly 12 ASCII digits, got ${JSON.stringify(first12)}`,
    );
  }
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    sum += (first12.charCodeAt(i) - 48) * (MPAN_CHECK_DIGIT_WEIGHTS[i] as number);
  }
  return (sum % 11) % 10;
}
