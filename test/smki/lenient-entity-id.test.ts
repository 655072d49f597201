import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCertificate, readEntityIdLeniently } from '../../src/smki/index.js';
import { certificate } from '../support/fixtures.js';
import { applyMutant, mutantArbitrary } from './der-mutants.js';
import { bits, concat, eui64, makeCertificate, octets, printable, withLongFormOuterLength } from './make-certificate.js';

const NO_A = '90-B3-D5-1F-30-02-00-00';
const NO_B = '90-B3-D5-1F-30-03-00-00';
const der = (name: string) => new Uint8Array(Buffer.from(certificate(name), 'base64'));

describe('readEntityIdLeniently', () => {
  it('reads what the strict decoder reads on every fixture certificate with an Entity ID', () => {
    for (const name of ['network-operator-a-ds', 'network-operator-a-ka', 'network-operator-b-ds', 'supplier-ds', 'supplier-ka-topup', 'gas-transporter-ka']) {
      const strict = decodeCertificate(der(name));
      if (!strict.ok) throw new Error(strict.error.message);
      expect(readEntityIdLeniently(der(name)), name).toEqual({ ok: true, entityId: strict.certificate.entityId });
    }
  });

  it.each<[string, Uint8Array, string]>([
    ['two trailing bytes', concat(makeCertificate({ ous: ['03'], entityId: NO_B }), Uint8Array.of(0, 0)), NO_B],
    ['a non-minimal outer length', withLongFormOuterLength(makeCertificate({ ous: ['03'], entityId: NO_B })), NO_B],
    ['two OU attributes', makeCertificate({ ous: ['03', '02'], entityId: NO_B }), NO_B],
    ['the same Entity ID twice', makeCertificate({ ous: ['03'], entityId: NO_B, duplicateEntityId: true }), NO_B],
    ['unused bits in the BIT STRING', makeCertificate({ ous: ['03'], entityIdValue: bits(eui64(NO_B), 1) }), NO_B],
    ['an OCTET STRING value', makeCertificate({ ous: ['03'], entityIdValue: octets(eui64(NO_B)) }), NO_B],
    ['a CA flag', makeCertificate({ ous: ['03'], entityId: NO_B, basicConstraintsCa: true }), NO_B],
    ['a non-critical keyUsage', makeCertificate({ ous: ['03'], entityId: NO_B, keyUsageCritical: false }), NO_B],
  ])('reads the Entity ID the strict decoder refuses to vouch for: %s', (_label, bytes, expected) => {
    expect(decodeCertificate(bytes).ok).toBe(false);
    expect(readEntityIdLeniently(bytes)).toEqual({ ok: true, entityId: expected });
  });

  it.each<[string, Uint8Array, string]>([
    ['a 72-bit Entity ID', makeCertificate({ ous: ['03'], entityIdValue: bits(concat(eui64(NO_B), Uint8Array.of(0))) }), 'entity-id-not-64-bits'],
    ['a printable-string Entity ID', makeCertificate({ ous: ['03'], entityIdValue: printable('90B3D51F30030000') }), 'entity-id-not-64-bits'],
    ['no Entity ID', makeCertificate({ ous: ['03'], entityId: null }), 'no-entity-id'],
    ['random bytes', Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00), 'not-a-certificate'],
    ['nothing', new Uint8Array(0), 'not-a-certificate'],
  ])('reports no single Entity ID: %s', (_label, bytes, reason) => {
    expect(readEntityIdLeniently(bytes)).toMatchObject({ ok: false, reason });
  });

  it('two different Entity IDs are no single Entity ID, with both as candidates', () => {
    const two = makeCertificate({ ous: ['03'], entityId: NO_A });
    // Swap the value of a second x500UniqueIdentifier for another party's by re-encoding the subject.
    const withB = makeCertificate({ ous: ['03'], entityId: NO_A, duplicateEntityId: true });
    const mark = Buffer.from(withB).lastIndexOf(Buffer.from(eui64(NO_A)));
    const bytes = withB.slice();
    bytes.set(eui64(NO_B), mark);
    expect(readEntityIdLeniently(two)).toEqual({ ok: true, entityId: NO_A });
    expect(readEntityIdLeniently(bytes)).toEqual({ ok: false, reason: 'several-entity-ids', candidates: [NO_A, NO_B] });
  });

  it('agrees with the strict decoder on every mutant the strict decoder accepts, and never throws (3,000 mutants)', () => {
    const seeds = [der('network-operator-a-ds'), der('supplier-ka'), makeCertificate({ ous: ['03'], entityId: NO_B })];
    let accepted = 0;
    fc.assert(
      fc.property(mutantArbitrary(seeds.length), (mutant) => {
        const bytes = applyMutant(seeds, mutant);
        const lenient = readEntityIdLeniently(bytes);
        const strict = decodeCertificate(bytes);
        if (!strict.ok) return;
        accepted++;
        expect(lenient).toEqual({ ok: true, entityId: strict.certificate.entityId });
      }),
      { seed: 0xe1d, numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(50);
  });
});

// OpenSSL stands in for "what the DCC or a meter might run": it parses these certificates and shows the Entity ID.
const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!openssl)('OpenSSL reads the certificates the strict decoder refuses', () => {
  it.each<[string, Uint8Array]>([
    ['two trailing bytes', concat(makeCertificate({ ous: ['03'], entityId: NO_B }), Uint8Array.of(0, 0))],
    ['two OU attributes', makeCertificate({ ous: ['03', '02'], entityId: NO_B })],
    ['a CA flag', makeCertificate({ ous: ['03'], entityId: NO_B, basicConstraintsCa: true })],
    ['a non-critical keyUsage', makeCertificate({ ous: ['03'], entityId: NO_B, keyUsageCritical: false })],
  ])('%s', (_label, bytes) => {
    const subject = execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-subject', '-nameopt', 'RFC2253'], { input: Buffer.from(bytes) }).toString();
    expect(subject).toContain('x500UniqueIdentifier=#03090090B3D51F30030000');
    expect(readEntityIdLeniently(bytes)).toEqual({ ok: true, entityId: NO_B });
  });
});
