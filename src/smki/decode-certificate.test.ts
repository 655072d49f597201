// decodeCertificate, beside the decoder: the profile checks mutation testing showed unpinned (a CA's extra key
// usages, ECDSA AlgorithmIdentifier parameters, a serial number starting 0x80) and the guard that turns a defect
// of the decoder into a finding. The decoder's full case list is test/smki/decode-certificate.test.ts.
import { describe, expect, it } from 'vitest';
import { OIDS, concat, length, makeCertificate, oid, seq, tlv, type CertificateOptions } from '../../test/smki/make-certificate.js';
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
