// decodeCertificate, beside the decoder: the profile checks mutation testing showed unpinned (a CA's extra key
// usages, ECDSA AlgorithmIdentifier parameters, a serial number starting 0x80) and the guard that turns a defect
// of the decoder into a finding. The decoder's full case list is test/smki/decode-certificate.test.ts.
import { describe, expect, it } from 'vitest';
import { OIDS, bits, concat, extension, length, makeCertificate, octets, oid, seq, tlv, type CertificateOptions } from '../../test/smki/make-certificate.js';
import { decodeCertificate } from './decode-certificate.js';

const PROFILE = 'The certificate does not follow the SMKI organisation certificate profile';
const MALFORMED = 'The certificate is not strict DER X.509';

/** The finding of a certificate the decoder must refuse: fails the test if it decodes. */
function refusal(der: Uint8Array) {
  const result = decodeCertificate(der);
  if (result.ok) throw new Error('expected the certificate to be refused, it decoded');
  return result.error;
}

function decodes(der: Uint8Array) {
  const result = decodeCertificate(der);
  if (!result.ok) throw new Error(`expected a certificate, got ${result.error.code}: ${result.error.message}`);
  return result.certificate;
}

/** The TLVs inside a SEQUENCE, each as its whole encoding (definite lengths only: what makeCertificate writes). */
function fields(der: Uint8Array): Uint8Array[] {
  const header = (at: number) => {
    const first = der[at + 1]!;
    const count = first & 0x80 ? first & 0x7f : 0;
    let size = count ? 0 : first;
    for (let i = 0; i < count; i++) size = size * 256 + der[at + 2 + i]!;
    return { contentStart: at + 2 + count, end: at + 2 + count + size };
  };
  const outer = header(0);
  const out: Uint8Array[] = [];
  for (let at = outer.contentStart; at < outer.end; ) {
    const { end } = header(at);
    out.push(der.subarray(at, end));
    at = end;
  }
  return out;
}

/** ecdsa-with-SHA256 with a NULL parameter: what RFC 5758 3.2 forbids. */
const ECDSA_WITH_NULL = seq(oid(OIDS.ecdsaWithSha256), tlv(0x05));

describe('a CA certificate (keyCertSign) with key usages beyond keyCertSign and cRLSign', () => {
  const ca = (keyUsage: number[], extra: CertificateOptions = {}) =>
    makeCertificate({ ous: ['07'], entityId: null, commonName: 'Z1', keyUsage, basicConstraintsCa: true, ...extra });
  const expected = 'digitalSignature, keyAgreement, or keyCertSign[+cRLSign]';

  it.each([
    [[0, 5], 'digitalSignature,keyCertSign'],
    [[4, 5], 'keyAgreement,keyCertSign'],
    [[0, 5, 6], 'digitalSignature,keyCertSign,cRLSign'],
  ])('keyUsage bits %j are refused as CERTIFICATE_PROFILE', (bits, received) => {
    const error = refusal(ca(bits));
    expect(error).toEqual({
      code: 'CERTIFICATE_PROFILE',
      severity: 'error',
      message: `${PROFILE}: keyUsage is ${received}; OU 07 needs ${expected}`,
      params: { expected, received, ou: '07', reason: `keyUsage is ${received}; OU 07 needs ${expected}` },
    });
  });

  it('the root (OU 00) alike: keyCertSign with digitalSignature is refused', () => {
    const error = refusal(makeCertificate({ ous: ['00'], entityId: null, keyUsage: [0, 5], basicConstraintsCa: true }));
    expect(error).toMatchObject({ code: 'CERTIFICATE_PROFILE', params: { received: 'digitalSignature,keyCertSign', ou: '00', expected } });
  });

  it('cRLSign without keyCertSign is no CA usage', () => {
    expect(refusal(ca([6]))).toMatchObject({ code: 'CERTIFICATE_PROFILE', params: { received: 'cRLSign', ou: '07', expected } });
  });

  it('near miss: keyCertSign alone, and keyCertSign with cRLSign, decode as a CA', () => {
    expect(decodes(ca([5]))).toMatchObject({ keyUsage: 'keyCertSign', entityId: '' });
    expect(decodes(ca([5, 6]))).toMatchObject({ keyUsage: 'keyCertSign', entityId: '' });
  });
});

describe('an ECDSA AlgorithmIdentifier with parameters present', () => {
  const valid = makeCertificate();

  it('in the outer signatureAlgorithm: CERTIFICATE_PROFILE naming the field', () => {
    const [tbs, , signature] = fields(valid);
    const error = refusal(seq(tbs!, ECDSA_WITH_NULL, signature!));
    const reason = 'signatureAlgorithm: ecdsa-with-SHA256 must have no parameters';
    expect(error).toEqual({ code: 'CERTIFICATE_PROFILE', severity: 'error', message: `${PROFILE}: ${reason}`, params: { field: 'signatureAlgorithm', reason } });
  });

  it('in the TBSCertificate signature: CERTIFICATE_PROFILE naming the field', () => {
    const [tbs, algorithm, signature] = fields(valid);
    const tbsFields = fields(tbs!);
    // version [0], serialNumber, signature: the third field of the TBSCertificate.
    expect(tbsFields[2]).toEqual(algorithm);
    const error = refusal(seq(seq(...tbsFields.slice(0, 2), ECDSA_WITH_NULL, ...tbsFields.slice(3)), algorithm!, signature!));
    const reason = 'TBSCertificate signature: ecdsa-with-SHA256 must have no parameters';
    expect(error).toEqual({
      code: 'CERTIFICATE_PROFILE',
      severity: 'error',
      message: `${PROFILE}: ${reason}`,
      params: { field: 'TBSCertificate signature', reason },
    });
  });

  it('near miss: the same certificate rebuilt without parameters decodes', () => {
    const [tbs, algorithm, signature] = fields(valid);
    expect(algorithm).toEqual(seq(oid(OIDS.ecdsaWithSha256)));
    expect(decodes(seq(tbs!, algorithm!, signature!)).serialNumber.hex).toBe('4a08e1d3e2ea0f81');
    // and the helper splits what it is given: the pieces rebuild the same bytes
    expect(concat(Uint8Array.of(0x30), length(tbs!.length + algorithm!.length + signature!.length), tbs!, algorithm!, signature!)).toEqual(valid);
  });
});

describe('a serial number whose first octet is 0x80 (a negative INTEGER)', () => {
  it.each([
    ['80', Uint8Array.of(0x80)],
    ['80010203', Uint8Array.of(0x80, 0x01, 0x02, 0x03)],
  ])('serial %s is refused as CERTIFICATE_PROFILE, quoting it', (hex, serial) => {
    expect(refusal(makeCertificate({ serial }))).toEqual({
      code: 'CERTIFICATE_PROFILE',
      severity: 'error',
      message: `${PROFILE}: the serial number is negative`,
      params: { serialNumber: hex, reason: 'the serial number is negative' },
    });
  });

  it('near miss: 0x7F first, and 0x80 after a leading zero octet (positive), decode', () => {
    expect(decodes(makeCertificate({ serial: Uint8Array.of(0x7f, 0xff) })).serialNumber).toEqual({ hex: '7fff', decimal: '32767' });
    expect(decodes(makeCertificate({ serial: Uint8Array.of(0x00, 0x80, 0x01) })).serialNumber).toEqual({ hex: '8001', decimal: '32769' });
  });
});

describe('the guard that turns an unexpected exception into a finding', () => {
  /** A real certificate's bytes behind a Proxy whose indexed reads throw `thrown`. */
  function hostile(thrown: unknown): Uint8Array {
    const der = makeCertificate();
    return new Proxy(der, {
      get(target, property) {
        if (typeof property === 'string' && /^\d+$/.test(property)) throw thrown;
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  it('an Error from the bytes is CERTIFICATE_MALFORMED naming it, not a throw', () => {
    const bytes = hostile(new Error('indexed access refused'));
    expect(bytes instanceof Uint8Array).toBe(true);
    let result: ReturnType<typeof decodeCertificate> | undefined;
    expect(() => {
      result = decodeCertificate(bytes);
    }).not.toThrow();
    const reason = 'the certificate could not be decoded (indexed access refused)';
    expect(result).toEqual({ ok: false, error: { code: 'CERTIFICATE_MALFORMED', severity: 'error', message: `${MALFORMED}: ${reason}`, params: { reason } } });
    expect(Object.isFrozen(result)).toBe(true);
  });

  it('a thrown non-Error is an unknown error, still a finding', () => {
    const reason = 'the certificate could not be decoded (unknown error)';
    expect(decodeCertificate(hostile('not an Error'))).toEqual({
      ok: false,
      error: { code: 'CERTIFICATE_MALFORMED', severity: 'error', message: `${MALFORMED}: ${reason}`, params: { reason } },
    });
  });

  it('near miss: the same bytes without the Proxy decode', () => {
    expect(decodes(makeCertificate()).keyUsage).toBe('digitalSignature');
  });
});

/** `der` with TBSCertificate field `index` (0 version, ..., 5 subject, 6 subjectPublicKeyInfo) replaced; the signature is kept, not redone. */
function withTbsField(der: Uint8Array, index: number, field: Uint8Array): Uint8Array {
  const [tbs, algorithm, signature] = fields(der);
  const tbsFields = fields(tbs!);
  tbsFields[index] = field;
  return seq(seq(...tbsFields), algorithm!, signature!);
}

const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const PRIME256V1 = '1.2.840.10045.3.1.7';
const P = 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n;
const P256_ALGORITHM = seq(oid(EC_PUBLIC_KEY), oid(PRIME256V1));

/** The uncompressed point of the certificate's own key, with y replaced by p - y when odd: the same x, still on the curve, last bit 0. */
function evenPoint(): Uint8Array {
  const spki = fields(fields(fields(makeCertificate())[0]!)[6]!)[1]!;
  const point = spki.slice(spki.length - 65);
  const y = BigInt(`0x${Buffer.from(point.subarray(33)).toString('hex')}`);
  if (y % 2n === 1n) point.set(Buffer.from((P - y).toString(16).padStart(64, '0'), 'hex'), 33);
  return point;
}

const keyCertificate = (spki: Uint8Array) => withTbsField(makeCertificate(), 6, spki);
const keyProfile = (reason: string, params: Record<string, unknown>) => ({
  code: 'CERTIFICATE_PROFILE',
  severity: 'error',
  message: `${PROFILE}: ${reason}`,
  params: { ...params, reason },
});

describe('the entry checks: what is not bytes, nothing, or too much', () => {
  it('a value that is not a Uint8Array is refused before it is read', () => {
    const reason = 'the certificate is not a byte array';
    for (const input of ['MIIB', [0x30, 0x00]]) {
      expect(decodeCertificate(input as unknown as Uint8Array)).toEqual({
        ok: false,
        error: { code: 'CERTIFICATE_MALFORMED', severity: 'error', message: `${MALFORMED}: ${reason}`, params: { reason } },
      });
    }
  });

  it('zero bytes are an empty certificate', () => {
    const reason = 'the certificate is empty';
    expect(refusal(new Uint8Array(0))).toEqual({ code: 'CERTIFICATE_MALFORMED', severity: 'error', message: `${MALFORMED}: ${reason}`, params: { reason } });
  });

  it('one byte over the limit is refused with the length and the limit; exactly the limit is read', () => {
    const reason = 'the certificate is 8193 bytes, over the 8192-byte limit';
    expect(refusal(new Uint8Array(8193))).toEqual({
      code: 'CERTIFICATE_MALFORMED',
      severity: 'error',
      message: `${MALFORMED}: ${reason}`,
      params: { length: 8193, limit: 8192, reason },
    });
    const signature = fields(makeCertificate())[2]!;
    const sized = (padding: number) => {
      const [tbs, algorithm] = fields(makeCertificate({ extraExtensions: [extension('1.2.3.4', false, new Uint8Array(padding))] }));
      return seq(tbs!, algorithm!, signature);
    };
    // Every length around the padding is already two octets long, so the size moves one for one with it.
    const exact = sized(7600 + 8192 - sized(7600).length);
    expect(exact.length).toBe(8192);
    expect(decodes(exact).keyUsage).toBe('digitalSignature');
  });
});

describe('the profile findings name the field and the values', () => {
  it('a signature algorithm other than ecdsa-with-SHA256', () => {
    expect(refusal(makeCertificate({ signatureAlgorithm: OIDS.sha256WithRsa }))).toEqual(
      keyProfile('signatureAlgorithm is 1.2.840.113549.1.1.11, not ecdsa-with-SHA256', {
        field: 'signatureAlgorithm',
        expected: OIDS.ecdsaWithSha256,
        received: OIDS.sha256WithRsa,
      }),
    );
  });

  it('an RSA key', () => {
    expect(refusal(makeCertificate({ key: 'rsa' }))).toEqual(
      keyProfile('the public key algorithm is 1.2.840.113549.1.1.1, not id-ecPublicKey', {
        field: 'subjectPublicKeyInfo algorithm',
        expected: EC_PUBLIC_KEY,
        received: '1.2.840.113549.1.1.1',
      }),
    );
  });

  it('a P-384 key names its curve; an EC key without a named curve says so', () => {
    expect(refusal(makeCertificate({ key: 'p384' }))).toEqual(
      keyProfile('the key is not on the named curve P-256 (1.3.132.0.34)', { field: 'subjectPublicKeyInfo curve', expected: PRIME256V1, received: '1.3.132.0.34' }),
    );
    const reason = 'the key is not on the named curve P-256 (no named curve)';
    const params = { field: 'subjectPublicKeyInfo curve', expected: PRIME256V1, received: null };
    expect(refusal(keyCertificate(seq(seq(oid(EC_PUBLIC_KEY)), bits(evenPoint()))))).toEqual(keyProfile(reason, params));
    expect(refusal(keyCertificate(seq(seq(oid(EC_PUBLIC_KEY), tlv(0x05)), bits(evenPoint()))))).toEqual(keyProfile(reason, params));
  });

  it('near miss: the rebuilt key with p - y (or y) decodes', () => {
    expect(decodes(keyCertificate(seq(P256_ALGORITHM, bits(evenPoint())))).entityId).toBe('90-B3-D5-1F-30-01-00-00');
  });

  it.each<[string, Uint8Array, number, number | null, string]>([
    ['one unused bit', concat(Uint8Array.of(0x03, 0x42, 0x01), evenPoint()), 65, 4, '04'],
    ['64 bytes', bits(evenPoint().subarray(0, 64)), 64, 4, '04'],
    ['66 bytes', bits(concat(evenPoint(), Uint8Array.of(0))), 66, 4, '04'],
    ['65 bytes, first octet 0x06 (hybrid)', bits(concat(Uint8Array.of(0x06), evenPoint().subarray(1))), 65, 6, '06'],
    ['33 bytes, first octet 0x02 (compressed)', bits(concat(Uint8Array.of(0x02), evenPoint().subarray(1, 33))), 33, 2, '02'],
    ['no bytes', bits(new Uint8Array(0)), 0, null, '--'],
  ])('a public key of %s is no 65-byte uncompressed point', (_label, key, bytes, firstOctet, hex) => {
    expect(refusal(keyCertificate(seq(P256_ALGORITHM, key)))).toEqual(
      keyProfile(`the public key is not a 65-byte uncompressed P-256 point (${bytes} bytes, first octet 0x${hex})`, {
        expected: '65-byte uncompressed point (0x04)',
        length: bytes,
        firstOctet,
      }),
    );
  });

  it('a point off the curve names the field', () => {
    expect(refusal(makeCertificate({ key: 'p256-off-curve' }))).toEqual(keyProfile('the public key is not a point on P-256', { field: 'subjectPublicKey' }));
  });

  it('an empty issuer, and an empty subject', () => {
    expect(refusal(makeCertificate({ emptyIssuer: true }))).toEqual(keyProfile('the issuer is empty', { issuer: '' }));
    const reason = 'its subject is empty (a device certificate)';
    expect(refusal(makeCertificate({ emptySubject: true }))).toEqual({
      code: 'CERTIFICATE_NOT_ORGANISATION',
      severity: 'error',
      message: `A device certificate was found where an organisation certificate is expected: ${reason}`,
      params: { subject: '', reason },
    });
  });

  it('a serial number of 21 octets after the sign octet (near miss: 20)', () => {
    const high = (n: number) => concat(Uint8Array.of(0x00), new Uint8Array(n).fill(0x80));
    expect(refusal(makeCertificate({ serial: high(21) }))).toEqual(keyProfile('the serial number has 21 octets, over 20', { octets: 21 }));
    expect(decodes(makeCertificate({ serial: high(20) })).serialNumber.hex).toBe('80'.repeat(20));
  });

  it('one-octet serial numbers, zero among them, keep their octet', () => {
    expect(decodes(makeCertificate({ serial: Uint8Array.of(0x05) })).serialNumber).toEqual({ hex: '05', decimal: '5' });
    expect(decodes(makeCertificate({ serial: Uint8Array.of(0x00) })).serialNumber).toEqual({ hex: '00', decimal: '0' });
  });

  it('an end-entity OU with two usages is told it needs exactly one', () => {
    const expected = 'exactly one of digitalSignature, keyAgreement';
    const received = 'digitalSignature,keyAgreement';
    expect(refusal(makeCertificate({ keyUsage: [0, 4] }))).toEqual(
      keyProfile(`keyUsage is ${received}; OU 02 needs ${expected}`, { expected, received, ou: '02' }),
    );
  });

  it('keyCertSign and basicConstraints cA must agree, both ways', () => {
    expect(refusal(makeCertificate({ ous: ['07'], entityId: null, keyUsage: [5, 6] }))).toEqual(
      keyProfile('keyUsage has keyCertSign, but basicConstraints does not say CA', { keyUsage: 'keyCertSign,cRLSign', ca: false }),
    );
    expect(refusal(makeCertificate({ basicConstraintsCa: true }))).toEqual(
      keyProfile('basicConstraints says CA, but keyUsage lacks keyCertSign', { keyUsage: 'digitalSignature', ca: true }),
    );
  });

  it('an Entity ID that is not a BIT STRING quotes the value', () => {
    expect(refusal(makeCertificate({ entityIdValue: octets(Uint8Array.of(0x90, 0xb3, 0xd5, 0x1f, 0x30, 0x01, 0x00, 0x00)) }))).toEqual(
      keyProfile('the subject x500UniqueIdentifier is not a BIT STRING', { received: '#040890B3D51F30010000' }),
    );
  });
});

describe('the decoded certificate carries no key for what is absent', () => {
  const root: CertificateOptions = {
    ous: ['00'],
    entityId: null,
    keyUsage: [5],
    basicConstraintsCa: true,
    selfIssued: true,
    policiesCritical: null,
    authorityKeyIdentifier: null,
  };

  it('a self-issued root without common names or authorityKeyIdentifier', () => {
    const certificate = decodes(makeCertificate(root));
    expect(Object.keys(certificate)).toEqual([
      'remotePartyRole',
      'entityId',
      'keyUsage',
      'policies',
      'subjectKeyIdentifier',
      'serialNumber',
      'issuer',
      'subject',
      'notBefore',
      'notAfter',
      'der',
    ]);
    expect(certificate.issuer).toStrictEqual({ dn: 'OU=00', attributes: [{ type: '2.5.4.11', value: '00' }] });
    expect(certificate.subject).toStrictEqual({ dn: 'OU=00', attributes: [{ type: '2.5.4.11', value: '00' }] });
    expect(Object.keys(certificate.issuer)).toEqual(['dn', 'attributes']);
    expect(Object.keys(certificate.subject)).toEqual(['dn', 'attributes']);
  });

  it('near miss: with common names and an authorityKeyIdentifier, the keys are there', () => {
    const certificate = decodes(makeCertificate({ ...root, selfIssued: false, issuerOu: '00', issuerCn: 'ZA', commonName: 'ZA', policiesCritical: true, authorityKeyIdentifier: undefined }));
    expect(certificate.authorityKeyIdentifier).toBe('0807060504030201');
    expect(Object.keys(certificate.issuer)).toEqual(['dn', 'commonName', 'attributes']);
    expect(Object.keys(certificate.subject)).toEqual(['commonName', 'dn', 'attributes']);
  });

  it('the subject attributes are the DER-order list, each frozen', () => {
    const certificate = decodes(makeCertificate({ ous: ['03'], commonName: 'NO-A', entityId: '90-B3-D5-1F-30-02-00-00' }));
    expect(certificate.subject.attributes).toEqual([
      { type: '2.5.4.3', value: 'NO-A' },
      { type: '2.5.4.11', value: '03' },
      { type: '2.5.4.45', value: '#03090090B3D51F30020000' },
    ]);
    expect(certificate.subject.attributes.every((a) => Object.isFrozen(a))).toBe(true);
  });
});
