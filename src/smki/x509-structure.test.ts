// readCertificateStructure, beside it: the RFC 5280 4.1 structure of a certificate, each departure with its exact
// reason and offset, the optional fields after subjectPublicKeyInfo in order, and the ECDSA-Sig-Value shape.
import { describe, expect, it } from 'vitest';
import { OIDS, bits, bool, int, makeCertificate, oid, printable, seq, set, tlv } from '../../test/smki/make-certificate.js';
import { readDer } from './strict-der.js';
import { readCertificateStructure } from './x509-structure.js';
import { thrownFault } from '../../test/smki/fault.js';

function fault(run: () => unknown) {
  const { code, detail, params } = thrownFault(run);
  return { code, reason: detail, params };
}

/** The offset of the node at `path` (child indices from the outer value). */
function offsetOf(bytes: Uint8Array, ...path: number[]): number {
  let node = readDer(bytes);
  for (const i of path) node = node.children[i]!;
  return node.start;
}

const ascii = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
const ECDSA = seq(oid(OIDS.ecdsaWithSha256));
const RSA = seq(oid(OIDS.sha256WithRsa), tlv(0x05));
const SIGNATURE = bits(seq(int(Uint8Array.of(0x01)), int(Uint8Array.of(0x02))));
const VERSION = tlv(0xa0, int(Uint8Array.of(2)));
const SERIAL = int(Uint8Array.of(0x4a, 0x08));
const ISSUER = seq(set(seq(oid(OIDS.ou), printable('07'))), set(seq(oid(OIDS.commonName), printable('Z1'))));
const VALIDITY = seq(tlv(0x17, ascii('250901000000Z')), tlv(0x17, ascii('350901235959Z')));
const SUBJECT = seq(set(seq(oid(OIDS.ou), printable('02'))));
const SPKI = seq(seq(oid('1.2.840.10045.2.1'), oid('1.2.840.10045.3.1.7')), bits(Uint8Array.of(0x04, 0x01, 0x02)));
const FIELDS = [VERSION, SERIAL, ECDSA, ISSUER, VALIDITY, SUBJECT, SPKI];

/** A certificate of the given TBS fields (the defaults with `changes` applied), algorithm and signature. */
function certificate(changes: Record<number, Uint8Array | null> = {}, extra: Uint8Array[] = [], algorithm = ECDSA, signature = SIGNATURE) {
  const fields = FIELDS.map((field, i) => (i in changes ? changes[i] : field)).filter((f): f is Uint8Array => f !== null);
  return seq(seq(...fields, ...extra), algorithm, signature);
}

const read = (bytes: Uint8Array) => readCertificateStructure(bytes);
const malformed = (reason: string, params?: Record<string, unknown>) => ({ code: 'CERTIFICATE_MALFORMED', reason, params });
const wrongTag = (reason: string, expectedTag: number, received: string, offset: number) =>
  malformed(reason, { expectedTag, received, offset });

describe('readCertificateStructure: a well-formed certificate', () => {
  it('reads every field of a made certificate', () => {
    const der = makeCertificate();
    const raw = read(der);
    expect(raw.version).toBe(2);
    expect(Buffer.from(raw.serial).toString('hex')).toBe('4a08e1d3e2ea0f81');
    expect(raw.tbsSignature).toStrictEqual({ oid: OIDS.ecdsaWithSha256 });
    expect(raw.signatureAlgorithm).toStrictEqual({ oid: OIDS.ecdsaWithSha256 });
    expect(raw.issuer.dn).toBe('CN=Z1,OU=07');
    expect(raw.subject.dn).toBe('2.5.4.45=#03090090B3D51F30010000,OU=02');
    expect(raw.notBefore.toISOString()).toBe('2025-09-01T00:00:00.000Z');
    expect(raw.notAfter.toISOString()).toBe('2035-09-01T23:59:59.000Z');
    expect(raw.keyAlgorithm.oid).toBe('1.2.840.10045.2.1');
    expect(raw.keyAlgorithm.parameters).toEqual(readDer(der).children[0]!.children[6]!.children[0]!.children[1]);
    expect(raw.publicKey.unusedBits).toBe(0);
    expect(raw.publicKey.data.length).toBe(65);
    expect(raw.publicKey.data[0]).toBe(0x04);
    expect([...raw.extensions.keys()]).toEqual([OIDS.policies, OIDS.ski, OIDS.aki, OIDS.keyUsage]);
    expect(raw.extensions.get(OIDS.keyUsage)?.critical).toBe(true);
  });

  it('reads a v1 certificate (no [0] version) as version 0 with no extensions', () => {
    const raw = read(certificate({ 0: null }));
    expect(raw.version).toBe(0);
    expect(Buffer.from(raw.serial).toString('hex')).toBe('4a08');
    expect(raw.extensions.size).toBe(0);
    expect(raw.subject.dn).toBe('OU=02');
  });

  it('reads a version INTEGER longer than one octet as -1', () => {
    expect(read(certificate({ 0: tlv(0xa0, int(Uint8Array.of(0x01, 0x02))) })).version).toBe(-1);
    expect(read(certificate({ 0: tlv(0xa0, int(Uint8Array.of(0x00))) })).version).toBe(0);
  });

  it('keeps the parameters of an algorithm that has them, and does not read a non-ECDSA signature as ECDSA', () => {
    const raw = read(certificate({ 2: RSA }, [], RSA, bits(Uint8Array.of(0xff, 0x00, 0x80))));
    expect(raw.signatureAlgorithm.oid).toBe(OIDS.sha256WithRsa);
    expect(raw.signatureAlgorithm.parameters).toMatchObject({ cls: 0, number: 5, constructed: false });
    expect(raw.tbsSignature.oid).toBe(OIDS.sha256WithRsa);
    expect(raw.tbsSignature.parameters).toMatchObject({ cls: 0, number: 5 });
  });

  it('has no parameters key for an algorithm without them', () => {
    const raw = read(certificate());
    expect('parameters' in raw.signatureAlgorithm).toBe(false);
    expect('parameters' in raw.tbsSignature).toBe(false);
  });
});

describe('readCertificateStructure: the outer Certificate', () => {
  it('refuses a value that is not a SEQUENCE', () => {
    expect(fault(() => read(set()))).toEqual(wrongTag('Certificate: expected universal tag 16, found universal 17', 16, 'universal 17', 0));
  });

  it('refuses a fourth field', () => {
    const bytes = seq(seq(...FIELDS), ECDSA, SIGNATURE, int(Uint8Array.of(0)));
    expect(fault(() => read(bytes))).toEqual(malformed('Certificate: more than three fields', { offset: offsetOf(bytes, 3) }));
  });

  it('refuses a TBSCertificate that is not a SEQUENCE', () => {
    const bytes = seq(set(...FIELDS), ECDSA, SIGNATURE);
    expect(fault(() => read(bytes))).toEqual(wrongTag('TBSCertificate: expected universal tag 16, found universal 17', 16, 'universal 17', offsetOf(bytes, 0)));
  });

  it('refuses a signatureAlgorithm that is not a SEQUENCE, or holds more than an OID and parameters', () => {
    const notSeq = seq(seq(...FIELDS), oid(OIDS.ecdsaWithSha256), SIGNATURE);
    expect(fault(() => read(notSeq))).toEqual(wrongTag('signatureAlgorithm: expected universal tag 16, found universal 6', 16, 'universal 6', offsetOf(notSeq, 1)));
    const tooLong = seq(seq(...FIELDS), seq(oid(OIDS.sha256WithRsa), tlv(0x05), tlv(0x05)), SIGNATURE);
    expect(fault(() => read(tooLong))).toEqual(malformed('signatureAlgorithm: more than an OID and parameters', { offset: offsetOf(tooLong, 1) }));
    const noOid = seq(seq(...FIELDS), seq(int(Uint8Array.of(1))), SIGNATURE);
    expect(fault(() => read(noOid))).toEqual(wrongTag('signatureAlgorithm OID: expected universal tag 6, found universal 2', 6, 'universal 2', offsetOf(noOid, 1, 0)));
  });

  it('refuses a signatureValue that is not a BIT STRING, or is missing', () => {
    const octetString = seq(seq(...FIELDS), ECDSA, tlv(0x04, Uint8Array.of(1)));
    expect(fault(() => read(octetString))).toEqual(wrongTag('signatureValue: expected universal tag 3, found universal 4', 3, 'universal 4', offsetOf(octetString, 2)));
    expect(fault(() => read(seq(seq(...FIELDS), ECDSA)))).toEqual(
      malformed('signatureValue: expected universal tag 3, found nothing', { expectedTag: 3, received: null }),
    );
  });
});

describe('readCertificateStructure: the TBSCertificate fields', () => {
  it('refuses a [0] version that does not hold exactly one INTEGER', () => {
    for (const version of [tlv(0xa0), tlv(0xa0, int(Uint8Array.of(2)), int(Uint8Array.of(2)))]) {
      const bytes = certificate({ 0: version });
      expect(fault(() => read(bytes))).toEqual(malformed('version: [0] must hold one INTEGER', { offset: offsetOf(bytes, 0, 0) }));
    }
    const bytes = certificate({ 0: tlv(0xa0, bool(true)) });
    expect(fault(() => read(bytes))).toEqual(wrongTag('version: expected universal tag 2, found universal 1', 2, 'universal 1', offsetOf(bytes, 0, 0, 0)));
  });

  it.each([
    ['serialNumber', 1, tlv(0x04, Uint8Array.of(1)), 'serialNumber: expected universal tag 2, found universal 4', 2, 'universal 4'],
    ['TBSCertificate signature', 2, oid(OIDS.ecdsaWithSha256), 'TBSCertificate signature: expected universal tag 16, found universal 6', 16, 'universal 6'],
    ['issuer', 3, set(), 'issuer: expected universal tag 16, found universal 17', 16, 'universal 17'],
    ['validity', 4, set(), 'validity: expected universal tag 16, found universal 17', 16, 'universal 17'],
    ['subject', 5, set(), 'subject: expected universal tag 16, found universal 17', 16, 'universal 17'],
    ['subjectPublicKeyInfo', 6, set(), 'subjectPublicKeyInfo: expected universal tag 16, found universal 17', 16, 'universal 17'],
  ])('refuses a %s of the wrong type', (_, index, value, reason, expectedTag, received) => {
    const bytes = certificate({ [index]: value });
    expect(fault(() => read(bytes))).toEqual(wrongTag(reason, expectedTag, received, offsetOf(bytes, 0, index)));
  });

  it('refuses a validity without exactly two times, naming each time', () => {
    const one = certificate({ 4: seq(tlv(0x17, ascii('250901000000Z'))) });
    expect(fault(() => read(one))).toEqual(malformed('validity: must hold notBefore and notAfter', { offset: offsetOf(one, 0, 4) }));
    const three = certificate({ 4: seq(tlv(0x17, ascii('250901000000Z')), tlv(0x17, ascii('250901000000Z')), tlv(0x17, ascii('250901000000Z'))) });
    expect(fault(() => read(three))).toEqual(malformed('validity: must hold notBefore and notAfter', { offset: offsetOf(three, 0, 4) }));
    const badBefore = certificate({ 4: seq(int(Uint8Array.of(1)), tlv(0x17, ascii('250901000000Z'))) });
    expect(fault(() => read(badBefore))).toEqual(malformed('notBefore: expected UTCTime or GeneralizedTime, found universal 2'));
    const badAfter = certificate({ 4: seq(tlv(0x17, ascii('250901000000Z')), int(Uint8Array.of(1))) });
    expect(fault(() => read(badAfter))).toEqual(malformed('notAfter: expected UTCTime or GeneralizedTime, found universal 2'));
  });

  it('refuses a subjectPublicKeyInfo without an algorithm and a BIT STRING key', () => {
    const one = certificate({ 6: seq(seq(oid('1.2.840.10045.2.1'))) });
    expect(fault(() => read(one))).toEqual(malformed('subjectPublicKeyInfo: must hold an algorithm and a key', { offset: offsetOf(one, 0, 6) }));
    const three = certificate({ 6: seq(seq(oid('1.2.840.10045.2.1')), bits(Uint8Array.of(4)), bits(Uint8Array.of(4))) });
    expect(fault(() => read(three))).toEqual(malformed('subjectPublicKeyInfo: must hold an algorithm and a key', { offset: offsetOf(three, 0, 6) }));
    const badAlgorithm = certificate({ 6: seq(oid('1.2.840.10045.2.1'), bits(Uint8Array.of(4))) });
    expect(fault(() => read(badAlgorithm))).toEqual(
      wrongTag('subjectPublicKeyInfo algorithm: expected universal tag 16, found universal 6', 16, 'universal 6', offsetOf(badAlgorithm, 0, 6, 0)),
    );
    const badKey = certificate({ 6: seq(seq(oid('1.2.840.10045.2.1')), tlv(0x04, Uint8Array.of(4))) });
    expect(fault(() => read(badKey))).toEqual(
      wrongTag('subjectPublicKey: expected universal tag 3, found universal 4', 3, 'universal 4', offsetOf(badKey, 0, 6, 1)),
    );
  });
});

describe('readCertificateStructure: issuerUniqueID [1], subjectUniqueID [2], extensions [3] after the key', () => {
  const ISSUER_UID = tlv(0x81, Uint8Array.of(0, 0xaa));
  const SUBJECT_UID = tlv(0x82, Uint8Array.of(0, 0xbb));
  const EXTENSIONS = tlv(0xa3, seq(seq(oid(OIDS.ski), tlv(0x04, tlv(0x04, Uint8Array.of(1))))));

  it('accepts [1], [2] and [3] in order, or any of them alone, reading the extensions of [3] only', () => {
    expect([...read(certificate({}, [ISSUER_UID, SUBJECT_UID, EXTENSIONS])).extensions.keys()]).toEqual([OIDS.ski]);
    expect(read(certificate({}, [ISSUER_UID])).extensions.size).toBe(0);
    expect(read(certificate({}, [SUBJECT_UID])).extensions.size).toBe(0);
    expect(read(certificate({}, [ISSUER_UID, SUBJECT_UID])).extensions.size).toBe(0);
    expect(read(certificate({}, [EXTENSIONS])).extensions.size).toBe(1);
  });

  it.each([
    ['a universal INTEGER', [int(Uint8Array.of(1))], 0, 'universal 2'],
    ['a universal SEQUENCE', [seq()], 0, 'universal 16'],
    ['a universal BOOLEAN', [bool(true)], 0, 'universal 1'],
    ['[0]', [tlv(0x80, Uint8Array.of(0))], 0, '[context 0]'],
    ['[4]', [tlv(0x84, Uint8Array.of(0))], 0, '[context 4]'],
    ['[1] constructed', [tlv(0xa1)], 0, '[context 1]'],
    ['[2] constructed', [tlv(0xa2)], 0, '[context 2]'],
    ['[3] primitive', [tlv(0x83, Uint8Array.of(0))], 0, '[context 3]'],
    ['[1] twice', [ISSUER_UID, ISSUER_UID], 1, '[context 1]'],
    ['[2] before [1]', [SUBJECT_UID, ISSUER_UID], 1, '[context 1]'],
    ['[3] before [2]', [EXTENSIONS, SUBJECT_UID], 1, '[context 2]'],
    ['[3] twice', [EXTENSIONS, EXTENSIONS], 1, '[context 3]'],
    ['an [application 1] field', [tlv(0x41, Uint8Array.of(0))], 0, '[application 1]'],
  ])('refuses %s', (_, extra, bad, tag) => {
    const bytes = certificate({}, extra);
    expect(fault(() => read(bytes))).toEqual(malformed(`TBSCertificate: unexpected field ${tag}`, { offset: offsetOf(bytes, 0, FIELDS.length + bad) }));
  });
});

describe('readCertificateStructure: the ECDSA-Sig-Value of an ecdsa-with-SHA256 signature', () => {
  const signed = (signature: Uint8Array) => certificate({}, [], ECDSA, signature);
  const r = (...octets: number[]) => int(Uint8Array.from(octets));

  it.each([
    ['r and s of one octet', [0x01], [0x7f]],
    ['r with the leading zero of a high bit', [0x00, 0x80], [0x01]],
    ['a 32-octet r', [0x7f, ...new Array<number>(31).fill(0xff)], [0x00, 0xff]],
  ])('accepts %s', (_, rOctets, sOctets) => {
    expect(read(signed(bits(seq(r(...rOctets), r(...sOctets))))).signatureAlgorithm.oid).toBe(OIDS.ecdsaWithSha256);
  });

  it.each([
    ['r negative', [0x80], [0x01]],
    ['r negative, several octets', [0xff, 0x01], [0x01]],
    ['r zero', [0x00], [0x01]],
    ['s negative', [0x01], [0x80]],
    ['s zero', [0x01], [0x00]],
  ])('refuses %s', (_, rOctets, sOctets) => {
    expect(fault(() => read(signed(bits(seq(r(...rOctets), r(...sOctets))))))).toEqual(malformed('ECDSA signature: r or s is not positive'));
  });

  it('refuses a signature BIT STRING with unused bits', () => {
    expect(fault(() => read(signed(bits(seq(r(0x01), r(0x02)), 1))))).toEqual(malformed('signatureValue: ECDSA signature with unused bits'));
  });

  it('refuses a signature that is not a SEQUENCE of two INTEGERs', () => {
    const notSeq = signed(bits(r(0x01)));
    expect(fault(() => read(notSeq))).toEqual(
      wrongTag('ECDSA signature: expected universal tag 16, found universal 2', 16, 'universal 2', offsetOf(notSeq, 2) + 3),
    );
    expect(fault(() => read(signed(bits(seq(r(0x01))))))).toEqual(malformed('ECDSA signature: must hold r and s'));
    expect(fault(() => read(signed(bits(seq(r(0x01), r(0x02), r(0x03))))))).toEqual(malformed('ECDSA signature: must hold r and s'));
    const boolS = signed(bits(seq(r(0x01), bool(true))));
    expect(fault(() => read(boolS))).toEqual(
      wrongTag('ECDSA signature r/s: expected universal tag 2, found universal 1', 2, 'universal 1', offsetOf(boolS, 2) + 3 + 2 + 3),
    );
  });

  it('refuses trailing bytes after the ECDSA-Sig-Value', () => {
    expect(fault(() => read(signed(bits(Uint8Array.of(...seq(r(0x01), r(0x02)), 0x00)))))).toMatchObject({
      code: 'CERTIFICATE_MALFORMED',
      reason: '1 byte(s) follow the DER value',
    });
  });
});
