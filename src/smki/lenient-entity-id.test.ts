// readEntityIdLeniently, beside the reader: exactly what it returns for each malformation it tolerates, and where
// each of its limits lies (the encoding forms it follows, the nesting and element budgets). The agreement with the
// strict decoder, OpenSSL and the fixtures is test/smki/lenient-entity-id.test.ts.
//
// Most cases are hand-written BER, so every byte is visible: the reader needs no more than
// Certificate ::= SEQUENCE { SEQUENCE { four fields, subject, ... } } (no [0] version: the subject is the fifth field).
import { describe, expect, it } from 'vitest';
import { OIDS, attribute, bits, concat, eui64, makeCertificate, octets, oid, printable, seq, set, tlv } from '../../test/smki/make-certificate.js';
import { readEntityIdLeniently } from './lenient-entity-id.js';

const A = '90-B3-D5-1F-30-02-00-00';
const B = '90-B3-D5-1F-30-03-00-00';
const NULL = Uint8Array.of(0x05, 0x00);
const NOT_A_CERTIFICATE = { ok: false, reason: 'not-a-certificate', candidates: [] };
const NOT_64_BITS = { ok: false, reason: 'entity-id-not-64-bits', candidates: [] };
const NO_ENTITY_ID = { ok: false, reason: 'no-entity-id', candidates: [] };
const raw = (...octets: number[]) => Uint8Array.from(octets);

/** An x500UniqueIdentifier attribute (its own RDN) with `value` as the value's whole encoding. */
const uid = (value: Uint8Array) => attribute(OIDS.uniqueIdentifier, value);
/** An attribute whose type is given as raw octets (any tag, any form), with an 8-octet BIT STRING value of `id`. */
const typed = (type: Uint8Array, id = A) => set(seq(type, bits(eui64(id))));
/** The x500UniqueIdentifier OID's content octets, 2.5.4.45. */
const UID_OID = raw(0x55, 0x04, 0x2d);

/** A certificate as the lenient reader sees it: `before` as the four fields before the subject, `after` after it. */
function certificate(rdns: Uint8Array[], options: { before?: Uint8Array[]; after?: Uint8Array[]; subject?: Uint8Array } = {}): Uint8Array {
  const before = options.before ?? [NULL, NULL, NULL, NULL];
  return seq(seq(...before, options.subject ?? seq(...rdns), ...(options.after ?? [])));
}

const one = certificate([uid(bits(eui64(A)))]);

describe('what it returns', () => {
  it('one 64-bit BIT STRING: that Entity ID', () => {
    expect(readEntityIdLeniently(one)).toEqual({ ok: true, entityId: A });
  });

  it('one 8-octet OCTET STRING: that Entity ID', () => {
    expect(readEntityIdLeniently(certificate([uid(octets(eui64(B)))]))).toEqual({ ok: true, entityId: B });
  });

  it('no x500UniqueIdentifier: no-entity-id with no candidates', () => {
    expect(readEntityIdLeniently(certificate([attribute(OIDS.ou, printable('03'))]))).toEqual(NO_ENTITY_ID);
  });

  it('the same Entity ID twice is that Entity ID; two different ones are several, in subject order', () => {
    expect(readEntityIdLeniently(certificate([uid(bits(eui64(A))), uid(bits(eui64(A)))]))).toEqual({ ok: true, entityId: A });
    expect(readEntityIdLeniently(certificate([uid(bits(eui64(B))), uid(bits(eui64(A))), uid(bits(eui64(B)))]))).toEqual({
      ok: false,
      reason: 'several-entity-ids',
      candidates: [B, A],
    });
  });

  it('a readable Entity ID beside one of another size: not 64 bits, the readable one as candidate', () => {
    const wide = uid(bits(concat(eui64(B), raw(0))));
    expect(readEntityIdLeniently(certificate([uid(bits(eui64(A))), wide]))).toEqual({ ok: false, reason: 'entity-id-not-64-bits', candidates: [A] });
    expect(readEntityIdLeniently(certificate([wide, uid(bits(eui64(A)))]))).toEqual({ ok: false, reason: 'entity-id-not-64-bits', candidates: [A] });
  });

  it.each<[string, Uint8Array]>([
    ['a BIT STRING of 72 bits', bits(concat(eui64(A), raw(0)))],
    ['a BIT STRING of 56 bits', bits(eui64(A).subarray(0, 7))],
    ['a BIT STRING of 8 octets with one unused bit', bits(raw(0x90, 0xb3, 0xd5, 0x1f, 0x30, 0x02, 0x00, 0x02), 1)],
    ['an empty BIT STRING (no unused-bits octet)', raw(0x03, 0x00)],
    ['an OCTET STRING of 7 octets', octets(eui64(A).subarray(0, 7))],
    ['a PrintableString of 8 characters', printable('90B3D51F')],
    ['an INTEGER of 8 octets', tlv(0x02, eui64(A))],
    ['a constructed OCTET STRING of 8 content octets', tlv(0x24, eui64(A))],
    ['a constructed BIT STRING', tlv(0x23, bits(eui64(A)))],
  ])('a value that is %s is no 64-bit Entity ID', (_label, value) => {
    expect(readEntityIdLeniently(certificate([uid(value)]))).toEqual(NOT_64_BITS);
  });

  it('an attribute with a type and no value is no 64-bit Entity ID', () => {
    expect(readEntityIdLeniently(certificate([set(seq(oid(OIDS.uniqueIdentifier)))]))).toEqual(NOT_64_BITS);
  });

  it.each<[string, Uint8Array]>([
    ['2.5.4 (a prefix of 2.5.4.45)', raw(0x06, 0x02, 0x55, 0x04)],
    ['2.5.4.45.1 (2.5.4.45 as a prefix)', raw(0x06, 0x04, 0x55, 0x04, 0x2d, 0x01)],
    ['an empty OID', raw(0x06, 0x00)],
    ['2.5.4.46', raw(0x06, 0x03, 0x55, 0x04, 0x2e)],
  ])('an attribute of type %s is not an x500UniqueIdentifier', (_label, type) => {
    expect(readEntityIdLeniently(certificate([typed(type)]))).toEqual(NO_ENTITY_ID);
  });

  it('a v1 certificate (no [0] version): the subject is the fifth field; a v3 one: the sixth', () => {
    expect(readEntityIdLeniently(makeCertificate({ version: null, ous: ['03'], entityId: B }))).toEqual({ ok: true, entityId: B });
    expect(readEntityIdLeniently(makeCertificate({ ous: ['03'], entityId: B }))).toEqual({ ok: true, entityId: B });
  });
});

describe('structure: what is not a certificate', () => {
  it('a subject written as a primitive SEQUENCE (10 rather than 30)', () => {
    const content = concat(uid(bits(eui64(A))));
    expect(readEntityIdLeniently(certificate([], { subject: tlv(0x10, content) }))).toEqual(NOT_A_CERTIFICATE);
    expect(readEntityIdLeniently(certificate([], { subject: tlv(0x30, content) }))).toEqual({ ok: true, entityId: A });
  });

  it('an RDN written as a SEQUENCE rather than a SET', () => {
    expect(readEntityIdLeniently(certificate([seq(seq(oid(OIDS.uniqueIdentifier), bits(eui64(A))))]))).toEqual(NOT_A_CERTIFICATE);
  });

  it('an attribute written as a SET rather than a SEQUENCE', () => {
    expect(readEntityIdLeniently(certificate([set(set(oid(OIDS.uniqueIdentifier), bits(eui64(A))))]))).toEqual(NOT_A_CERTIFICATE);
  });

  it('a subject that is not the fifth field (only four fields)', () => {
    expect(readEntityIdLeniently(seq(seq(NULL, NULL, NULL, seq(uid(bits(eui64(A)))))))).toEqual(NOT_A_CERTIFICATE);
  });

  it('a tag octet with no length after it, as the last octet of the input', () => {
    const tbs = seq(NULL, NULL, NULL, NULL, seq(uid(bits(eui64(A)))));
    expect(readEntityIdLeniently(seq(tbs, raw(0x05)))).toEqual(NOT_A_CERTIFICATE);
    expect(readEntityIdLeniently(seq(tbs, NULL))).toEqual({ ok: true, entityId: A });
  });

  it('long-form length octets that run past the end of the input', () => {
    const tbs = seq(NULL, NULL, NULL, NULL, seq(uid(bits(eui64(A)))));
    expect(readEntityIdLeniently(seq(tbs, raw(0x05, 0x82, 0x00)))).toEqual(NOT_A_CERTIFICATE);
    // Near miss: one length octet, ending exactly where the certificate ends.
    expect(readEntityIdLeniently(seq(tbs, raw(0x05, 0x81, 0x00)))).toEqual({ ok: true, entityId: A });
  });

  it('a length that runs past its parent', () => {
    expect(readEntityIdLeniently(certificate([uid(bits(eui64(A)))], { after: [raw(0x04, 0x05, 0x01)] }))).toEqual(NOT_A_CERTIFICATE);
    expect(readEntityIdLeniently(certificate([uid(bits(eui64(A)))], { after: [raw(0x04, 0x01, 0x01)] }))).toEqual({ ok: true, entityId: A });
  });

  it('bytes that are not a certificate at all', () => {
    expect(readEntityIdLeniently(new Uint8Array(0))).toEqual(NOT_A_CERTIFICATE);
    expect(readEntityIdLeniently(raw(0x30))).toEqual(NOT_A_CERTIFICATE);
    expect(readEntityIdLeniently(raw(0x30, 0x00))).toEqual(NOT_A_CERTIFICATE);
    expect(readEntityIdLeniently(raw(0x31, 0x00))).toEqual(NOT_A_CERTIFICATE);
  });
});

describe('BER lengths it follows', () => {
  it('long-form lengths of up to 4 octets, not 5', () => {
    const value = (count: number) => concat(raw(0x03, 0x80 | count), new Uint8Array(count - 1), raw(9, 0), eui64(A));
    expect(readEntityIdLeniently(certificate([uid(value(4))]))).toEqual({ ok: true, entityId: A });
    expect(readEntityIdLeniently(certificate([uid(value(5))]))).toEqual(NOT_A_CERTIFICATE);
  });

  it('indefinite lengths on the certificate and the TBSCertificate', () => {
    const subject = seq(uid(bits(eui64(A))));
    const bytes = concat(raw(0x30, 0x80, 0x30, 0x80), NULL, NULL, NULL, NULL, subject, raw(0, 0, 0, 0));
    expect(readEntityIdLeniently(bytes)).toEqual({ ok: true, entityId: A });
  });

  it.each<[string, Uint8Array]>([
    ['a NULL', raw(0x30, 0x80, 0x05, 0x00, 0x00, 0x00)],
    ['an INTEGER that ends in 7', raw(0x30, 0x80, 0x02, 0x01, 0x07, 0x00, 0x00)],
    ['an element of tag 0 and one octet', raw(0x30, 0x80, 0x00, 0x01, 0xff, 0x00, 0x00)],
    ['nothing', raw(0x30, 0x80, 0x00, 0x00)],
  ])('an indefinite-length field holding %s ends at its end-of-contents, where the next field starts', (_label, field) => {
    expect(readEntityIdLeniently(certificate([uid(bits(eui64(A)))], { before: [field, NULL, NULL, NULL] }))).toEqual({ ok: true, entityId: A });
  });

  it('an indefinite length on a primitive value is not BER', () => {
    const value = concat(raw(0x04, 0x80), octets(eui64(A)), raw(0, 0));
    expect(readEntityIdLeniently(certificate([uid(value)]))).toEqual(NOT_A_CERTIFICATE);
  });

  it('end-of-contents octets must both lie inside the parent', () => {
    const subject = seq(uid(bits(eui64(A))));
    // The TBSCertificate ends after `30 80 00`; the 00 after it belongs to the certificate's next element.
    const straddling = seq(seq(NULL, NULL, NULL, NULL, subject, raw(0x30, 0x80, 0x00)), raw(0x00, 0x00));
    expect(readEntityIdLeniently(straddling)).toEqual(NOT_A_CERTIFICATE);
    const inside = seq(seq(NULL, NULL, NULL, NULL, subject, raw(0x30, 0x80, 0x00, 0x00)), raw(0x00, 0x00));
    expect(readEntityIdLeniently(inside)).toEqual({ ok: true, entityId: A });
  });

  it('an indefinite length with no end-of-contents', () => {
    expect(readEntityIdLeniently(concat(raw(0x30, 0x80), seq(NULL, NULL, NULL, NULL, seq(uid(bits(eui64(A)))))))).toEqual(NOT_A_CERTIFICATE);
  });
});

describe('high-tag-number attribute types, read as OpenSSL reads them', () => {
  it.each<[string, Uint8Array]>([
    ['1F 06', raw(0x1f, 0x06)],
    ['1F 80 06 (a leading zero group)', raw(0x1f, 0x80, 0x06)],
    ['1F 80 80 80 06 (four octets)', raw(0x1f, 0x80, 0x80, 0x80, 0x06)],
  ])('%s is tag 6, an OID', (_label, tag) => {
    expect(readEntityIdLeniently(certificate([typed(concat(tag, raw(UID_OID.length), UID_OID))]))).toEqual({ ok: true, entityId: A });
  });

  it.each<[string, Uint8Array]>([
    ['1F 81 06 (tag 134)', raw(0x1f, 0x81, 0x06)],
    ['1F 80 80 80 80 06 (five octets)', raw(0x1f, 0x80, 0x80, 0x80, 0x80, 0x06)],
    ['1F 86 (a tag cut short)', raw(0x1f, 0x86)],
  ])('%s is no OID: fail closed', (_label, tag) => {
    expect(readEntityIdLeniently(certificate([typed(concat(tag, raw(UID_OID.length), UID_OID))]))).toEqual(NOT_A_CERTIFICATE);
  });
});

describe('limits', () => {
  /** `levels` indefinite-length SEQUENCEs, one inside the other, around a NULL. */
  const nested = (levels: number) =>
    concat(...Array.from({ length: levels }, () => raw(0x30, 0x80)), NULL, ...Array.from({ length: levels }, () => raw(0, 0)));

  it('nesting: 32 levels below the certificate are read, 33 are not', () => {
    // A TBSCertificate field is at depth 2, so 30 levels put the NULL at depth 32.
    expect(readEntityIdLeniently(certificate([uid(bits(eui64(A)))], { after: [nested(30)] }))).toEqual({ ok: true, entityId: A });
    expect(readEntityIdLeniently(certificate([uid(bits(eui64(A)))], { after: [nested(31)] }))).toEqual(NOT_A_CERTIFICATE);
  });

  it('elements: 4,096 are read, 4,097 are not', () => {
    // certificate, TBSCertificate, 4 fields, subject, RDN, attribute, type, value: 11 elements, then the NULLs.
    const withNulls = (count: number) => certificate([uid(bits(eui64(A)))], { after: Array.from({ length: count }, () => NULL) });
    expect(readEntityIdLeniently(withNulls(4096 - 11))).toEqual({ ok: true, entityId: A });
    expect(readEntityIdLeniently(withNulls(4097 - 11))).toEqual(NOT_A_CERTIFICATE);
  });
});
