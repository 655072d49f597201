/**
 * Soundness under arbitrary edits: whatever is done to a signed request, verifySignature never throws, and when
 * it still accepts the document, signedText (what the validator reads) is exactly the canonical content the
 * signer signed. Edits that survive are only those the canonical form erases (comments, CDATA boundaries,
 * character references, attribute order and quoting, whitespace inside tags, the SignatureValue layout...).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCode } from '../../src/codes.js';
import { fixtureStore, NETWORK_OPERATOR_A, signedNoByNo, verifyXml } from './support.js';

const signed = signedNoByNo();
const store = fixtureStore();
const reference = verifyXml(signed, { store });
if (!reference.ok) throw new Error('the fixture must verify');

const SNIPPETS = ['<!---->', '<![CDATA[x]]>', '&#13;', '&amp;', ' ', '\n', '"', "'", '<', '>', '/', '=', 'ds:', 'sr:', 'xmlns:x="urn:x" ', 'Id="a" ', '<ds:Object/>'];

type Edit =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'replace'; at: number; text: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 4 })) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fc.string({ minLength: 1, maxLength: 2 }) }),
);

function apply(text: string, e: Edit): string {
  const at = e.at % (text.length + 1);
  switch (e.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + e.length);
    case 'insert':
      return text.slice(0, at) + e.text + text.slice(at);
    case 'replace':
      return text.slice(0, at) + e.text + text.slice(at + e.text.length);
  }
}

describe('verifySignature under random edits of a signed request', () => {
  it('never throws; accepts only documents whose signedText is the signed content, refuses the rest with a code', () => {
    const outcomes = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const mutated = edits.reduce(apply, signed);
        const result = verifyXml(mutated, { store, originator: NETWORK_OPERATOR_A });
        if (result.ok) {
          outcomes.accepted += 1;
          expect(result.signedText).toBe(reference.signedText);
        } else {
          outcomes.refused += 1;
          expect(isCode(result.finding.code), result.finding.code).toBe(true);
          expect(result.finding.severity).toBe('error');
        }
      }),
      { numRuns: 1500, seed: 4101 },
    );
    // Both branches must be exercised in quantity, or the property would hold vacuously.
    expect(outcomes.accepted).toBeGreaterThan(15);
    expect(outcomes.refused).toBeGreaterThan(500);
  });

  it('accepts the edits the canonical form erases', () => {
    const erased = [
      signed.replace('<sr:CommandVariant>4<', '<sr:CommandVariant><!-- x -->4<'),
      signed.replace('<sr:CommandVariant>4<', '<sr:CommandVariant><![CDATA[4]]><'),
      signed.replace('<sr:CommandVariant>4<', '<sr:CommandVariant>&#52;<'),
      signed.replace('schemaVersion="5.4"', "schemaVersion = '5.4' "),
      signed.replace('<sr:Header>', '<sr:Header >'),
    ];
    for (const xml of erased) {
      const result = verifyXml(xml, { store });
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.signedText).toBe(reference.signedText);
    }
  });
});
