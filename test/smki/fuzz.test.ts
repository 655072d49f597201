import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCode } from '../../src/codes.js';
import { decodeCertificate } from '../../src/smki/index.js';
import { makeCertificate } from './make-certificate.js';

const CERTIFICATE_CODES = new Set(['CERTIFICATE_MALFORMED', 'CERTIFICATE_PROFILE', 'CERTIFICATE_NOT_ORGANISATION']);

type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; value: number }
  | { kind: 'delete'; at: number };

function apply(der: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = Array.from(der);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % (bytes.length + 1);
    if (m.kind === 'flip' && at < bytes.length) bytes[at] = m.value;
    else if (m.kind === 'truncate') bytes = bytes.slice(0, at);
    else if (m.kind === 'insert') bytes.splice(at, 0, m.value);
    else if (m.kind === 'delete') bytes.splice(at, 1);
  }
  return Uint8Array.from(bytes);
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
);

describe('decodeCertificate under mutation', () => {
  const seeds = [makeCertificate({ ous: ['03'], commonName: 'NO' }), makeCertificate({ ous: ['07'], entityId: null, keyUsage: [5, 6], basicConstraintsCa: true })];

  it('never throws, and answers a certificate or one certificate finding (2,000 mutants)', () => {
    let failures = 0;
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (der, mutations) => {
        const result = decodeCertificate(apply(der, mutations));
        if (result.ok) return;
        failures++;
        expect(isCode(result.error.code)).toBe(true);
        expect(CERTIFICATE_CODES.has(result.error.code)).toBe(true);
        // A decoder defect is caught and reported as "could not be decoded (...)": that must never happen.
        expect(result.error.message).not.toMatch(/could not be decoded \(/);
      }),
      { seed: 0x5eed, numRuns: 2000 },
    );
    // Most mutants must fail; if they did not, the mutations would not be reaching the decoder.
    expect(failures).toBeGreaterThan(1500);
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const result = decodeCertificate(bytes);
        expect(result.ok).toBe(false);
      }),
      { seed: 42, numRuns: 1000 },
    );
  });
});
