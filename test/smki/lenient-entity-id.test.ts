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
    ['an OCTET STRING value', makeCertificate({ ous: ['03'], entityIdValue: octets(eui64(NO_B)) }), NO_B],
    ['a CA flag', makeCertificate({ ous: ['03'], entityId: NO_B, basicConstraintsCa: true }), NO_B],
    ['a non-critical keyUsage', makeCertificate({ ous: ['03'], entityId: NO_B, keyUsageCritical: false }), NO_B],
  ])('reads the Entity ID the strict decoder refuses to vouch for: %s', (_label, bytes, expected) => {
    expect(decodeCertificate(bytes).ok).toBe(false);
    expect(readEntityIdLeniently(bytes)).toEqual({ ok: true, entityId: expected });
  });

  it.each<[string, Uint8Array, string]>([
    ['a 72-bit Entity ID', makeCertificate({ ous: ['03'], entityIdValue: bits(concat(eui64(NO_B), Uint8Array.of(0))) }), 'entity-id-not-64-bits'],
    // 63 bits: OpenSSL clears the unused bit (and reads another party), so no 64-bit Entity ID is there to read.
    ['unused bits in the BIT STRING', makeCertificate({ ous: ['03'], entityIdValue: bits(Uint8Array.of(0x90, 0xb3, 0xd5, 0x1f, 0x30, 0x02, 0x00, 0x01), 1) }), 'entity-id-not-64-bits'],
    ['a printable-string Entity ID', makeCertificate({ ous: ['03'], entityIdValue: printable('90B3D51F30030000') }), 'entity-id-not-64-bits'],
    ['no Entity ID', makeCertificate({ ous: ['03'], entityId: null }), 'no-entity-id'],
    ['random bytes', Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00), 'not-a-certificate'],
    ['nothing', new Uint8Array(0), 'not-a-certificate'],
  ])('reports no single Entity ID: %s', (_label, bytes, reason) => {
    expect(readEntityIdLeniently(bytes)).toMatchObject({ ok: false, reason });
  });

  it('an attribute type in the high-tag-number form is read as the OID it is (OpenSSL reads 1F 06 as tag 6)', () => {
    // A second x500UniqueIdentifier whose OID tag is written 1F 06: a reader that skipped it would see one ID.
    const hidden = Uint8Array.of(0x31, 0x13, 0x30, 0x11, 0x1f, 0x06, 0x03, 0x55, 0x04, 0x2d, 0x03, 0x09, 0x00, ...eui64('90-B3-D5-1F-30-99-99-99'));
    const base = makeCertificate({ ous: ['03'], entityId: NO_A });
    const bytes = insertRdn(base, hidden);
    expect(readEntityIdLeniently(bytes)).toEqual({ ok: false, reason: 'several-entity-ids', candidates: ['90-B3-D5-1F-30-99-99-99', NO_A] });
  });

  it('an attribute type that is not a primitive OID fails closed', () => {
    const odd = Uint8Array.of(0x31, 0x12, 0x30, 0x10, 0x04, 0x03, 0x55, 0x04, 0x2d, 0x03, 0x09, 0x00, ...eui64('90-B3-D5-1F-30-99-99-99'));
    expect(readEntityIdLeniently(insertRdn(makeCertificate({ ous: ['03'], entityId: NO_A }), odd))).toMatchObject({ ok: false, reason: 'not-a-certificate' });
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

/** Puts `rdn` (a DER SET) first in the subject of `der`, re-encoding the lengths around it. */
function insertRdn(der: Uint8Array, rdn: Uint8Array): Uint8Array {
  // Certificate -> TBSCertificate -> [version, serial, signature, issuer, validity, subject, ...]
  const read = (at: number) => {
    const first = der[at + 1]!;
    const count = first & 0x80 ? first & 0x7f : 0;
    let length = count ? 0 : first;
    for (let i = 0; i < count; i++) length = length * 256 + der[at + 2 + i]!;
    const contentStart = at + 2 + count;
    return { at, contentStart, end: contentStart + length };
  };
  const certificate = read(0);
  const tbs = read(certificate.contentStart);
  let field = read(tbs.contentStart);
  for (let i = 0; i < 5; i++) field = read(field.end);
  const subject = field;
  const tlv = (tag: number, body: Uint8Array) => concat(Uint8Array.of(tag), lengthOf(body.length), body);
  const newSubject = tlv(0x30, concat(rdn, der.subarray(subject.contentStart, subject.end)));
  const tbsBody = concat(der.subarray(tbs.contentStart, subject.at), newSubject, der.subarray(subject.end, tbs.end));
  return tlv(0x30, concat(tlv(0x30, tbsBody), der.subarray(tbs.end, certificate.end)));
}

function lengthOf(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  return n < 0x100 ? Uint8Array.of(0x81, n) : Uint8Array.of(0x82, n >> 8, n & 0xff);
}
