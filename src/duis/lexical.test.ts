import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactBase64 } from './lexical.js';

// The XSD 1.0 base64Binary grammar (Datatypes 3.2.16), written out as a regular expression after the whitespace is
// removed: quads, then a final quad ending `x=` with the B16 characters or `==` with the B04 ones.
const XSD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=|[A-Za-z0-9+/][AQgw]==)?$/;
const oracle = (text: string): string | undefined => {
  const compact = text.replace(/[ \t\n\r]/g, '');
  return XSD_BASE64.test(compact) ? compact : undefined;
};

const base64ish = fc.string({
  unit: fc.constantFrom(...'ABCDQgw048+/=abz-_ \t\n\r\u00A0\u2028@.'.split('')),
  maxLength: 24,
});

describe('compactBase64', () => {
  it('keeps canonical base64 and removes XML whitespace only', () => {
    expect(compactBase64('QUJD')).toBe('QUJD');
    expect(compactBase64('QU\nJD\r\n QQ==')).toBe('QUJDQQ==');
    expect(compactBase64('')).toBe('');
    expect(compactBase64('QUJ\u00A0D')).toBeUndefined(); // NO-BREAK SPACE is not XML whitespace
  });

  it('refuses what Node decodes leniently: base64url, missing padding, non-zero padding bits, text after padding', () => {
    for (const text of ['ab-_', 'QQ', 'QR==', 'QUI=QUJD', 'QUJD=', 'Q===', 'QUJ@']) expect(compactBase64(text), text).toBeUndefined();
    expect(compactBase64('QQ==')).toBe('QQ==');
    expect(compactBase64('QUI=')).toBe('QUI=');
  });

  it('agrees with the XSD grammar on fuzzed near-base64 strings', () => {
    fc.assert(
      fc.property(base64ish, (text) => {
        expect(compactBase64(text)).toBe(oracle(text));
      }),
      { numRuns: 20_000, seed: 15 },
    );
  });

  it('agrees with the XSD grammar on real encodings of random bytes, wrapped or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 20 }), (bytes, wrap) => {
        const encoded = Buffer.from(bytes).toString('base64');
        const text = wrap > 0 ? encoded.replace(new RegExp(`(.{${wrap}})`, 'g'), '$1\n') : encoded;
        expect(compactBase64(text)).toBe(encoded);
        expect(oracle(text)).toBe(encoded);
      }),
      { numRuns: 2_000, seed: 16 },
    );
  });
});
