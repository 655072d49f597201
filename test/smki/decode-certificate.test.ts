import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeCertificate, MAX_CERTIFICATE_BYTES } from '../../src/smki/index.js';
import { expectCertificate, expectFailure } from './expectations.js';
import {
  OIDS,
  bits,
  concat,
  eui64,
  extension,
  issuerPublicKey,
  makeCertificate,
  makeDeviceCertificate,
  octets,
  seq,
  tlv,
  withLongFormOuterLength,
  type CertificateOptions,
} from './make-certificate.js';

const valid = makeCertificate({ ous: ['03'], entityId: '90-B3-D5-1F-30-02-00-00', commonName: 'NO-A' });

describe('a valid organisation certificate', () => {
  it('is a real certificate (node:crypto reads it and its signature verifies)', () => {
    const x509 = new X509Certificate(valid);
    expect(x509.verify(issuerPublicKey())).toBe(true);
  });

  it('decodes every field', () => {
    const certificate = expectCertificate(valid);
    expect(certificate.remotePartyRole).toEqual({ code: 3, hex: '03', name: 'NetworkOperator' });
    expect(certificate.entityId).toBe('90-B3-D5-1F-30-02-00-00');
    expect(certificate.keyUsage).toBe('digitalSignature');
    expect(certificate.policies).toEqual([OIDS.testPolicy]);
    expect(certificate.subjectKeyIdentifier).toBe('0102030405060708');
    expect(certificate.authorityKeyIdentifier).toBe('0807060504030201');
    expect(certificate.serialNumber).toEqual({ hex: '4a08e1d3e2ea0f81', decimal: BigInt('0x4a08e1d3e2ea0f81').toString() });
    expect(certificate.issuer).toEqual({
      dn: 'CN=Z1,OU=07',
      commonName: 'Z1',
      attributes: [
        { type: '2.5.4.11', value: '07' },
        { type: '2.5.4.3', value: 'Z1' },
      ],
    });
    expect(certificate.subject.commonName).toBe('NO-A');
    expect(certificate.notBefore.toISOString()).toBe('2025-09-01T00:00:00.000Z');
    expect(certificate.notAfter.toISOString()).toBe('2035-09-01T23:59:59.000Z');
    expect(Array.from(certificate.der)).toEqual(Array.from(valid));
  });

  it('agrees with node:crypto on serial, issuer and validity', () => {
    const certificate = expectCertificate(valid);
    const x509 = new X509Certificate(valid);
    expect(certificate.serialNumber.hex.toUpperCase()).toBe(x509.serialNumber);
    expect(new Date(x509.validTo).getTime()).toBe(certificate.notAfter.getTime());
    expect(x509.issuer.split('\n').reverse().join(',')).toBe(certificate.issuer.dn);
  });

  it('is immutable and owns its bytes', () => {
    const input = valid.slice();
    const certificate = expectCertificate(input);
    input[10]! ^= 0xff;
    expect(certificate.der[10]).toBe(valid[10]);
    expect(Object.isFrozen(certificate)).toBe(true);
    expect(Object.isFrozen(certificate.issuer.attributes)).toBe(true);
  });

  it('reads keyAgreement', () => {
    expect(expectCertificate(makeCertificate({ keyUsage: [4] })).keyUsage).toBe('keyAgreement');
  });

  it('accepts a Buffer as well as a Uint8Array, and copies it', () => {
    const buffer = Buffer.from(valid);
    const certificate = expectCertificate(buffer);
    buffer[10]! ^= 0xff;
    expect(certificate.der[10]).toBe(valid[10]);
    expect(Buffer.isBuffer(certificate.der)).toBe(false);
  });

  it('freezes failures as well (they are shared through the cache)', () => {
    const result = decodeCertificate(makeCertificate({ ous: ['02', '03'] }));
    expect(result.ok).toBe(false);
    expect(Object.isFrozen(result)).toBe(true);
    if (!result.ok) expect(Object.isFrozen(result.error.params)).toBe(true);
  });
});

describe('CERTIFICATE_MALFORMED', () => {
  it('empty input', () => {
    expectFailure(new Uint8Array(0), 'CERTIFICATE_MALFORMED', /empty/);
  });

  it('input that is not bytes never throws', () => {
    for (const input of [undefined, null, 'MIIB', 42, {}, [0x30, 0x00]]) {
      expectFailure(input as unknown as Uint8Array, 'CERTIFICATE_MALFORMED');
    }
  });

  it('a trailing byte after the outer SEQUENCE (asn1js accepts it)', () => {
    const error = expectFailure(concat(valid, Uint8Array.of(0)), 'CERTIFICATE_MALFORMED', /follow/);
    expect(error.params).toMatchObject({ trailingBytes: 1, offset: valid.length });
  });

  it('a long-form length with a leading zero octet (asn1js accepts it)', () => {
    const long = withLongFormOuterLength(valid);
    expect(Array.from(long.subarray(0, 5))).toEqual([0x30, 0x83, 0x00, valid[2], valid[3]]);
    expectFailure(long, 'CERTIFICATE_MALFORMED', /non-minimal length/);
  });

  it('a long-form length for a value under 128 bytes', () => {
    // The validity SEQUENCE (30 1E) rewritten as 30 81 1E, with the outer lengths adjusted.
    const at = findSequence(valid, [0x30, 0x1e, 0x17, 0x0d]);
    const tbsLength = (valid[6]! << 8) | valid[7]!;
    const outerLength = (valid[2]! << 8) | valid[3]!;
    const patched = concat(valid.subarray(0, at), Uint8Array.of(0x30, 0x81), valid.subarray(at + 1));
    patched.set([(outerLength + 1) >> 8, (outerLength + 1) & 0xff], 2);
    patched.set([(tbsLength + 1) >> 8, (tbsLength + 1) & 0xff], 6);
    expectFailure(patched, 'CERTIFICATE_MALFORMED', /long form for length 30/);
  });

  it('an indefinite length', () => {
    const indefinite = concat(Uint8Array.of(0x30, 0x80), valid.subarray(4), Uint8Array.of(0, 0));
    expectFailure(indefinite, 'CERTIFICATE_MALFORMED', /indefinite/);
  });

  it('truncated DER', () => {
    for (const cut of [1, 2, 10, valid.length - 1]) {
      expectFailure(valid.subarray(0, cut), 'CERTIFICATE_MALFORMED');
    }
  });

  it('input over the size limit, and a valid certificate just under it', () => {
    expectFailure(new Uint8Array(MAX_CERTIFICATE_BYTES + 1), 'CERTIFICATE_MALFORMED', /limit/);
    const padding = extension('1.2.3.4', false, new Uint8Array(MAX_CERTIFICATE_BYTES - valid.length - 40));
    const big = makeCertificate({ ous: ['03'], extraExtensions: [padding] });
    expect(big.length).toBeLessThanOrEqual(MAX_CERTIFICATE_BYTES);
    expectCertificate(big);
  });

  it('a BIT STRING with more than 7 unused bits, and one with non-zero padding bits', () => {
    expectFailure(
      makeCertificate({ entityIdValue: bits(eui64('90-B3-D5-1F-30-01-00-00'), 8) }),
      'CERTIFICATE_MALFORMED',
      /unused bits/,
    );
    expectFailure(
      makeCertificate({ entityIdValue: bits(eui64('90-B3-D5-1F-30-01-00-01'), 1) }),
      'CERTIFICATE_MALFORMED',
      /padding/,
    );
  });

  it('a non-minimal INTEGER (serial 00 00 01)', () => {
    expectFailure(makeCertificate({ serial: Uint8Array.of(0, 0, 1) }), 'CERTIFICATE_MALFORMED', /INTEGER/);
    expect(expectCertificate(makeCertificate({ serial: Uint8Array.of(0, 0x80) })).serialNumber).toEqual({
      hex: '80',
      decimal: '128',
    });
  });

  it('critical FALSE written out (DER omits defaults); omitted passes', () => {
    const written = extension('1.2.3.4', 'explicit-false', octets(Uint8Array.of(1)));
    expectFailure(makeCertificate({ extraExtensions: [written] }), 'CERTIFICATE_MALFORMED', /critical FALSE/);
    expectCertificate(makeCertificate({ extraExtensions: [extension('1.2.3.4', false, octets(Uint8Array.of(1)))] }));
  });

  it('a keyUsage named bit list with trailing zero bits', () => {
    // digitalSignature as 03 02 00 80: the seven zero bits after it must be dropped in DER (03 02 07 80).
    const loose = extension(OIDS.keyUsage, true, bits(Uint8Array.of(0x80), 0));
    expectFailure(makeCertificate({ keyUsage: null, extraExtensions: [loose] }), 'CERTIFICATE_MALFORMED', /trailing zero/);
  });

  it('a time without seconds, and an impossible date', () => {
    const withTime = (time: Uint8Array) => replaceValidity(valid, seq(time, tlv(0x17, Buffer.from('350901235959Z'))));
    expectFailure(withTime(tlv(0x17, Buffer.from('2509010000Z'))), 'CERTIFICATE_MALFORMED', /UTCTime/);
    expectFailure(withTime(tlv(0x17, Buffer.from('250230000000Z'))), 'CERTIFICATE_MALFORMED', /not a valid date/);
    expect(expectCertificate(withTime(tlv(0x17, Buffer.from('240229000000Z')))).notBefore.toISOString()).toBe(
      '2024-02-29T00:00:00.000Z',
    );
  });

  it('a certificate of only the outer SEQUENCE', () => {
    expectFailure(Uint8Array.of(0x30, 0x00), 'CERTIFICATE_MALFORMED');
  });
});

describe('CERTIFICATE_PROFILE', () => {
  it('not v3 (v1 and v2), near miss v3', () => {
    expectFailure(makeCertificate({ version: null }), 'CERTIFICATE_PROFILE', /v1, not v3/);
    const error = expectFailure(makeCertificate({ version: 1 }), 'CERTIFICATE_PROFILE', /v2, not v3/);
    expect(error.params).toEqual({ reason: expect.any(String), expected: 'v3', received: 'v2' });
    expectCertificate(makeCertificate({ version: 2 }));
  });

  it('a signature algorithm other than ecdsa-with-SHA256', () => {
    const error = expectFailure(makeCertificate({ signatureAlgorithm: OIDS.sha256WithRsa }), 'CERTIFICATE_PROFILE');
    expect(error.params).toMatchObject({ expected: OIDS.ecdsaWithSha256, received: OIDS.sha256WithRsa });
  });

  it('a TBS signature algorithm that differs from the outer one', () => {
    const error = expectFailure(makeCertificate({ tbsSignatureAlgorithm: '1.2.840.10045.4.3.3' }), 'CERTIFICATE_PROFILE');
    expect(error.params).toMatchObject({ field: 'TBSCertificate signature', received: '1.2.840.10045.4.3.3' });
  });

  it('an RSA key', () => {
    const error = expectFailure(makeCertificate({ key: 'rsa' }), 'CERTIFICATE_PROFILE', /id-ecPublicKey/);
    expect(error.params).toMatchObject({ expected: '1.2.840.10045.2.1', received: '1.2.840.113549.1.1.1' });
  });

  it('a P-384 key', () => {
    const error = expectFailure(makeCertificate({ key: 'p384' }), 'CERTIFICATE_PROFILE', /P-256/);
    expect(error.params).toMatchObject({ expected: '1.2.840.10045.3.1.7', received: '1.3.132.0.34' });
  });

  it('a compressed P-256 point', () => {
    const error = expectFailure(makeCertificate({ key: 'p256-compressed' }), 'CERTIFICATE_PROFILE', /uncompressed/);
    expect(error.params).toMatchObject({ length: 33 });
  });

  it('a P-256 point that is not on the curve', () => {
    expectFailure(makeCertificate({ key: 'p256-off-curve' }), 'CERTIFICATE_PROFILE', /not a point on P-256/);
  });

  it('keyUsage missing', () => {
    expectFailure(makeCertificate({ keyUsage: null }), 'CERTIFICATE_PROFILE', /no keyUsage/);
  });

  it('keyUsage not critical (near miss: critical)', () => {
    const error = expectFailure(makeCertificate({ keyUsageCritical: false }), 'CERTIFICATE_PROFILE', /not critical/);
    expect(error.params).toMatchObject({ critical: false });
    expectCertificate(makeCertificate({ keyUsageCritical: true }));
  });

  it('both digitalSignature and keyAgreement', () => {
    const error = expectFailure(makeCertificate({ keyUsage: [0, 4] }), 'CERTIFICATE_PROFILE');
    expect(error.params).toMatchObject({ received: 'digitalSignature,keyAgreement' });
  });

  it('no usage bit, or another usage bit', () => {
    expectFailure(makeCertificate({ keyUsage: [] }), 'CERTIFICATE_PROFILE', /\(none\)/);
    expectFailure(makeCertificate({ keyUsage: [2] }), 'CERTIFICATE_PROFILE', /keyEncipherment/);
    expectFailure(makeCertificate({ keyUsage: [0, 1] }), 'CERTIFICATE_PROFILE', /nonRepudiation/);
  });

  it('keyCertSign only for OU 00/07 with basicConstraints cA', () => {
    expectFailure(makeCertificate({ keyUsage: [5, 6], basicConstraintsCa: true }), 'CERTIFICATE_PROFILE', /OU 02/);
    expectFailure(makeCertificate({ ous: ['07'], entityId: null, keyUsage: [5, 6] }), 'CERTIFICATE_PROFILE', /basicConstraints/);
    expectFailure(makeCertificate({ ous: ['07'], keyUsage: [0], basicConstraintsCa: true }), 'CERTIFICATE_PROFILE', /lacks keyCertSign/);
    const ca = expectCertificate(makeCertificate({ ous: ['07'], entityId: null, keyUsage: [5, 6], basicConstraintsCa: true, commonName: 'Z1' }));
    expect(ca).toMatchObject({ keyUsage: 'keyCertSign', entityId: '', remotePartyRole: { name: 'IssuingAuthority' } });
    expect(expectCertificate(makeCertificate({ ous: ['00'], keyUsage: [5], basicConstraintsCa: true })).keyUsage).toBe('keyCertSign');
  });

  it('x500UniqueIdentifier of 63 bits', () => {
    const error = expectFailure(
      makeCertificate({ entityIdValue: bits(eui64('90-B3-D5-1F-30-01-00-00'), 1) }),
      'CERTIFICATE_PROFILE',
      /63 bits/,
    );
    expect(error.params).toEqual({ reason: expect.any(String), expected: 64, received: 63, unusedBits: 1 });
  });

  it('x500UniqueIdentifier of 72 bits', () => {
    expectFailure(
      makeCertificate({ entityIdValue: bits(concat(eui64('90-B3-D5-1F-30-01-00-00'), Uint8Array.of(0))) }),
      'CERTIFICATE_PROFILE',
      /72 bits/,
    );
  });

  it('x500UniqueIdentifier missing, duplicated, or not a BIT STRING', () => {
    expectFailure(makeCertificate({ entityId: null }), 'CERTIFICATE_PROFILE', /no x500UniqueIdentifier/);
    expectFailure(makeCertificate({ duplicateEntityId: true }), 'CERTIFICATE_PROFILE', /more than one x500UniqueIdentifier/);
    expectFailure(makeCertificate({ entityIdValue: octets(eui64('90-B3-D5-1F-30-01-00-00')) }), 'CERTIFICATE_PROFILE', /not a BIT STRING/);
  });

  it('OU missing, unknown or repeated', () => {
    expectFailure(makeCertificate({ ous: [] }), 'CERTIFICATE_PROFILE', /no OU/);
    for (const ou of ['09', 'AB', '2', '002', 'Supplier', '0x89', '136']) {
      const error = expectFailure(makeCertificate({ ous: [ou] }), 'CERTIFICATE_PROFILE', /names no Remote Party Role/);
      expect(error.params).toEqual({ reason: expect.any(String), received: ou });
    }
    const error = expectFailure(makeCertificate({ ous: ['02', '03'] }), 'CERTIFICATE_PROFILE', /more than one OU/);
    expect(error.params).toEqual({ reason: expect.any(String), received: ['02', '03'] });
  });

  it('OU as UTF8String, lower-case hex, and decimal 137 for 0x89', () => {
    expect(expectCertificate(makeCertificate({ ous: ['03'], ouUtf8: true })).remotePartyRole.name).toBe('NetworkOperator');
    expect(expectCertificate(makeCertificate({ ous: ['7f'] })).remotePartyRole).toEqual({ code: 0x7f, hex: '7F', name: 'Other' });
    expect(expectCertificate(makeCertificate({ ous: ['137'] })).remotePartyRole).toEqual({
      code: 0x89,
      hex: '89',
      name: 'DccResponseSigning',
    });
    expect(expectCertificate(makeCertificate({ ous: ['89'] })).remotePartyRole.code).toBe(0x89);
  });

  it('an unrecognised critical extension (near miss: non-critical)', () => {
    const error = expectFailure(
      makeCertificate({ extraExtensions: [extension('1.2.3.4', true, octets(Uint8Array.of(1)))] }),
      'CERTIFICATE_PROFILE',
      /unrecognised critical/,
    );
    expect(error.params).toEqual({ reason: expect.any(String), extension: '1.2.3.4' });
  });

  it('an extension twice', () => {
    const again = extension(OIDS.ski, false, octets(Uint8Array.of(9)));
    expectFailure(makeCertificate({ extraExtensions: [again] }), 'CERTIFICATE_PROFILE', /more than once/);
  });

  it('a negative serial number, and one over 20 octets', () => {
    expectFailure(makeCertificate({ serial: Uint8Array.of(0xff, 0x01) }), 'CERTIFICATE_PROFILE', /negative/);
    expectFailure(makeCertificate({ serial: new Uint8Array(21).fill(1) }), 'CERTIFICATE_PROFILE', /21 octets/);
    expectCertificate(makeCertificate({ serial: new Uint8Array(20).fill(1) }));
  });

  it('an empty issuer', () => {
    expectFailure(makeCertificate({ emptyIssuer: true }), 'CERTIFICATE_PROFILE', /issuer is empty/);
  });
});

describe('CERTIFICATE_PROFILE: certificatePolicies and key identifiers (docs/domain.md)', () => {
  const octetsOf = (n: number) => Uint8Array.from({ length: n }, (_, i) => i + 1);
  // The test PKI root (fixtures/pki/root.pem) in miniature: OU 00, issuer = subject, neither policies nor AKI.
  const root: CertificateOptions = {
    ous: ['00'],
    commonName: 'ZA',
    entityId: null,
    keyUsage: [5, 6],
    basicConstraintsCa: true,
    selfIssued: true,
    policiesCritical: null,
    authorityKeyIdentifier: null,
  };

  it('certificatePolicies missing (near miss: present and critical)', () => {
    const error = expectFailure(makeCertificate({ policiesCritical: null }), 'CERTIFICATE_PROFILE', /no certificatePolicies/);
    expect(error.params).toEqual({ reason: expect.any(String), extension: OIDS.policies, expected: 'present, critical', received: 'absent' });
    expect(expectCertificate(makeCertificate({ policiesCritical: true })).policies).toEqual([OIDS.testPolicy]);
  });

  it('certificatePolicies not critical (near miss: critical)', () => {
    const error = expectFailure(makeCertificate({ policiesCritical: false }), 'CERTIFICATE_PROFILE', /certificatePolicies extension is not critical/);
    expect(error.params).toEqual({ reason: expect.any(String), extension: OIDS.policies, expected: 'critical', received: 'not critical' });
  });

  it('a self-issued root (OU 00, issuer = subject) may lack certificatePolicies and authorityKeyIdentifier', () => {
    const certificate = expectCertificate(makeCertificate(root));
    expect(certificate).toMatchObject({ remotePartyRole: { hex: '00' }, keyUsage: 'keyCertSign', policies: [] });
    expect(certificate.issuer.dn).toBe(certificate.subject.dn);
    expect(certificate.authorityKeyIdentifier).toBeUndefined();
    // What it carries is still held to the profile.
    expectFailure(makeCertificate({ ...root, policiesCritical: false }), 'CERTIFICATE_PROFILE', /not critical/);
    expectFailure(makeCertificate({ ...root, authorityKeyIdentifier: octetsOf(20) }), 'CERTIFICATE_PROFILE', /20 octets/);
    expectFailure(makeCertificate({ ...root, subjectKeyIdentifier: null }), 'CERTIFICATE_PROFILE', /no subjectKeyIdentifier/);
  });

  it('the root exception needs both OU 00 and issuer = subject', () => {
    // OU 00 issued by another name (here ZB): not self-issued.
    expectFailure(makeCertificate({ ...root, selfIssued: false, issuerOu: '00', issuerCn: 'ZB' }), 'CERTIFICATE_PROFILE', /no certificatePolicies/);
    // Self-issued, but an Issuing Authority (OU 07), not the root.
    expectFailure(makeCertificate({ ...root, ous: ['07'], commonName: 'Z1' }), 'CERTIFICATE_PROFILE', /no certificatePolicies/);
    const error = expectFailure(
      makeCertificate({ ...root, selfIssued: false, issuerOu: '00', issuerCn: 'ZB', policiesCritical: true }),
      'CERTIFICATE_PROFILE',
      /no authorityKeyIdentifier/,
    );
    expect(error.params).toEqual({ reason: expect.any(String), extension: OIDS.aki, expected: 'present', received: 'absent' });
  });

  it('subjectKeyIdentifier of 7 or 9 octets (near miss: 8)', () => {
    for (const n of [7, 9, 20]) {
      const error = expectFailure(
        makeCertificate({ subjectKeyIdentifier: octetsOf(n) }),
        'CERTIFICATE_PROFILE',
        new RegExp(`subjectKeyIdentifier has ${n} octets, not 8`),
      );
      expect(error.params).toEqual({ reason: expect.any(String), extension: OIDS.ski, expected: 8, received: n });
    }
    expect(expectCertificate(makeCertificate({ subjectKeyIdentifier: octetsOf(8) })).subjectKeyIdentifier).toBe('0102030405060708');
  });

  it('subjectKeyIdentifier missing', () => {
    const error = expectFailure(makeCertificate({ subjectKeyIdentifier: null }), 'CERTIFICATE_PROFILE', /no subjectKeyIdentifier/);
    expect(error.params).toEqual({ reason: expect.any(String), extension: OIDS.ski, expected: 'present', received: 'absent' });
  });

  it('authorityKeyIdentifier keyIdentifier of 7 or 9 octets (near miss: 8)', () => {
    for (const n of [7, 9, 20]) {
      const error = expectFailure(
        makeCertificate({ authorityKeyIdentifier: octetsOf(n) }),
        'CERTIFICATE_PROFILE',
        new RegExp(`authorityKeyIdentifier keyIdentifier has ${n} octets, not 8`),
      );
      expect(error.params).toEqual({ reason: expect.any(String), extension: OIDS.aki, expected: 8, received: n });
    }
    expect(expectCertificate(makeCertificate({ authorityKeyIdentifier: octetsOf(8) })).authorityKeyIdentifier).toBe('0102030405060708');
  });

  it('authorityKeyIdentifier missing, or naming the issuer by name and serial only', () => {
    expectFailure(makeCertificate({ authorityKeyIdentifier: null }), 'CERTIFICATE_PROFILE', /no authorityKeyIdentifier/);
    const error = expectFailure(makeCertificate({ authorityKeyIdentifierWithoutKeyId: true }), 'CERTIFICATE_PROFILE', /no keyIdentifier/);
    expect(error.params).toEqual({ reason: expect.any(String), extension: OIDS.aki, expected: 8, received: null });
  });

  it('an XML-signing certificate (OU 87, 89) may lack authorityKeyIdentifier, as the DCC test PKI issues them', () => {
    for (const ou of ['87', '89']) {
      expect(expectCertificate(makeCertificate({ ous: [ou], authorityKeyIdentifier: null })).authorityKeyIdentifier).toBeUndefined();
      expectFailure(makeCertificate({ ous: [ou], authorityKeyIdentifier: octetsOf(9) }), 'CERTIFICATE_PROFILE', /9 octets/);
      expectFailure(makeCertificate({ ous: [ou], policiesCritical: null }), 'CERTIFICATE_PROFILE', /no certificatePolicies/);
    }
  });
});

describe('CERTIFICATE_NOT_ORGANISATION', () => {
  it('a device certificate (empty subject, critical SAN hardwareModuleName, notAfter 9999)', () => {
    const error = expectFailure(makeDeviceCertificate(), 'CERTIFICATE_NOT_ORGANISATION', /hardwareModuleName/);
    expect(error.params).toEqual({ reason: expect.any(String), extension: OIDS.san, hardwareModuleName: true });
  });

  it('an organisation-looking subject with a subjectAltName', () => {
    expectFailure(makeCertificate({ deviceSan: true }), 'CERTIFICATE_NOT_ORGANISATION');
    const dns = extension(OIDS.san, false, seq(tlv(0x82, Buffer.from('example.com'))));
    const error = expectFailure(makeCertificate({ extraExtensions: [dns] }), 'CERTIFICATE_NOT_ORGANISATION', /never carry/);
    expect(error.params).toMatchObject({ hardwareModuleName: false });
  });

  it('an empty subject without a SAN', () => {
    expectFailure(makeCertificate({ emptySubject: true }), 'CERTIFICATE_NOT_ORGANISATION', /subject is empty/);
  });
});

describe('distinguished names', () => {
  it('escapes RFC 4514 special characters and prints unknown types as OIDs', () => {
    const certificate = expectCertificate(makeCertificate({ commonName: '#A, B+C "q" ' }));
    expect(certificate.subject.commonName).toBe('#A, B+C "q" ');
    expect(certificate.subject.dn).toBe('2.5.4.45=#03090090B3D51F30010000,OU=02,CN=\\#A\\, B\\+C \\"q\\"\\ ');
  });
});

function findSequence(haystack: Uint8Array, needle: number[]): number {
  outer: for (let i = 0; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error('not found');
}

/** Swaps the validity SEQUENCE, fixing the two enclosing lengths (both long form, two octets). */
function replaceValidity(der: Uint8Array, validity: Uint8Array): Uint8Array {
  const at = findSequence(der, [0x30, 0x1e, 0x17, 0x0d]);
  const delta = validity.length - 32;
  const out = concat(der.subarray(0, at), validity, der.subarray(at + 32));
  const outer = ((der[2]! << 8) | der[3]!) + delta;
  const tbs = ((der[6]! << 8) | der[7]!) + delta;
  out.set([outer >> 8, outer & 0xff], 2);
  out.set([tbs >> 8, tbs & 0xff], 6);
  return out;
}
