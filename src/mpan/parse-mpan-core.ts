import { mpanCheckDigit } from './check-digit.js';
import { findDistributor, type Distributor } from './distributors.js';

/** A verified MPAN core. */
export interface MpanCore {
  /** The 13 digits, spaces removed. */
  readonly core: string;
  /** The first two digits. */
  readonly distributorId: string;
  /** The distributor, when `distributorId` is in `DISTRIBUTORS`; absent otherwise (e.g. `'28'`, `'99'`). */
  readonly distributor?: Distributor;
  /** The last digit (verified). */
  readonly checkDigit: number;
}

export type MpanParseFailureReason = 'format' | 'check-digit';

/** The MPAN core, or why it is not one (`format` or `check-digit`) with a precise message. */
export type MpanParseResult =
  | { readonly ok: true; readonly mpan: MpanCore }
  | { readonly ok: false; readonly reason: MpanParseFailureReason; readonly message: string };

const GROUPED_DIGITS = /^[0-9]+(?: [0-9]+)*$/;

function fail(reason: MpanParseFailureReason, message: string): MpanParseResult {
  return { ok: false, reason, message };
}

/**
 * Parses and verifies an MPAN core (docs/domain.md).
 *
 * Accepted input: surrounding whitespace is trimmed; what remains must be ASCII digits, optionally split
 * into groups by **single ASCII spaces** as printed on bills (`'12 3456 7890 123'`). The spaces are removed
 * and exactly 13 digits must remain. Anything else (letters, hyphens, tabs or double spaces inside,
 * non-ASCII digits, a full 21-digit supply number) is a `'format'` failure. A wrong 13th digit is a
 * `'check-digit'` failure. An unknown Distributor ID is **not** a failure: `distributor` is then absent.
 *
 * Never throws for string input.
 */
export function parseMpanCore(input: string): MpanParseResult {
  const trimmed = input.trim();
  if (trimmed === '') {
    return fail('format', 'MPAN core is empty, expected 13 digits');
  }
  if (!GROUPED_DIGITS.test(trimmed)) {
    const chars = Array.from(trimmed);
    // Stryker disable next-line EqualityOperator: the loop always returns before the end (a trimmed string of digits and single spaces matches GROUPED_DIGITS), so it never reaches i === chars.length
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i] as string;
      if (c === ' ') {
        if (chars[i + 1] === ' ') {
          return fail(
            'format',
            `MPAN core has consecutive spaces at position ${i + 1}, only single spaces may separate digit groups`,
          );
        }
        continue;
      }
      // Stryker disable next-line Regex: `c` is one code point, so /^[0-9]/ and /[0-9]$/ accept exactly what /^[0-9]$/ does
      if (!/^[0-9]$/.test(c)) {
        const codePoint = (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
        return fail(
          'format',
          `MPAN core contains ${JSON.stringify(c)} (U+${codePoint}) at position ${i + 1}, ` +
            'only digits 0-9 and single spaces are allowed',
        );
      }
    }
    // Unreachable in practice (trim removes edge spaces), kept as a guard.
    // Stryker disable next-line StringLiteral: unreachable, see above: the loop returns for every input that fails GROUPED_DIGITS
    return fail('format', 'MPAN core must be digits 0-9 separated by single spaces');
  }
  const core = trimmed.replace(/ /g, '');
  if (core.length !== 13) {
    return fail('format', `MPAN core has ${core.length} digit${core.length === 1 ? '' : 's'}, expected 13`);
  }
  const expected = mpanCheckDigit(core.slice(0, 12));
  const checkDigit = core.charCodeAt(12) - 48;
  if (checkDigit !== expected) {
    return fail('check-digit', `MPAN core ${core}: check digit is ${checkDigit}, expected ${expected}`);
  }
  const distributorId = core.slice(0, 2);
  const distributor = findDistributor(distributorId);
  return {
    ok: true,
    mpan: {
      core,
      distributorId,
      ...(distributor === undefined ? {} : { distributor }),
      checkDigit,
    },
  };
}
