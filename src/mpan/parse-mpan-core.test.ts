// parseMpanCore's format messages: each names the first offending character or the double space, and where.
import { describe, expect, it } from 'vitest';
import { parseMpanCore } from './parse-mpan-core.js';

const ONLY = 'only digits 0-9 and single spaces are allowed';

describe('parseMpanCore: format messages', () => {
  it.each([
    // A single space before the bad character is a separator, not the fault.
    ['13 123456789O7', `MPAN core contains "O" (U+004F) at position 13, ${ONLY}`],
    ['13 1234 5678-907', `MPAN core contains "-" (U+002D) at position 13, ${ONLY}`],
    ['1 3-1', `MPAN core contains "-" (U+002D) at position 4, ${ONLY}`],
    ['A312345678907', `MPAN core contains "A" (U+0041) at position 1, ${ONLY}`],
    ['131234567890\u00a07', `MPAN core contains "\u00a0" (U+00A0) at position 13, ${ONLY}`],
    ['13 1234  5678907', 'MPAN core has consecutive spaces at position 8, only single spaces may separate digit groups'],
    ['13 12-34  56', `MPAN core contains "-" (U+002D) at position 6, ${ONLY}`],
    ['13  12-34', 'MPAN core has consecutive spaces at position 3, only single spaces may separate digit groups'],
  ])('%j', (input, message) => {
    expect(parseMpanCore(input)).toEqual({ ok: false, reason: 'format', message });
  });

  it('a single space between groups is accepted, near miss of the double space', () => {
    expect(parseMpanCore('13 1234 5678907')).toEqual({
      ok: true,
      mpan: { core: '1312345678907', distributorId: '13', distributor: expect.objectContaining({ id: '13', name: 'Manweb' }), checkDigit: 7 },
    });
  });
});
