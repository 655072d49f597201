import { euiFromBytes } from '../duis/eui.js';

/**
 * The Entity Identifier of a certificate read the way a lenient X.509 reader reads it: what the DCC or a meter
 * might act on when a certificate is not strict DER. The strict decoder (`decode-certificate.ts`) refuses such
 * certificates, but OpenSSL parses them and verifies them under their issuing CA, so the Certificate Party rule
 * must still see whose certificate it is, or fail closed.
 *
 * Tolerated, as BER readers tolerate them: trailing bytes after the certificate, non-minimal and indefinite
 * lengths, high-tag-number forms, any other content of the certificate (extensions, flags, repeated OU).
 * Read: the subject's `x500UniqueIdentifier` (2.5.4.45) attributes. Exactly 64 bits (a BIT STRING of 8 octets with
 * no unused bits: OpenSSL clears unused bits, so a reader that kept them would see another party) or an OCTET
 * STRING of 8 octets make an EUI-64. Anything else is no single Entity ID: absent, several different ones, a value
 * of another size, an attribute type this reader cannot read as an OID, or bytes that are not a certificate.
 */
export type LenientEntityId =
  | { readonly ok: true; readonly entityId: string }
  | {
      readonly ok: false;
      readonly reason: 'not-a-certificate' | 'no-entity-id' | 'several-entity-ids' | 'entity-id-not-64-bits';
      /** The Entity IDs that were readable, when there were several. */
      readonly candidates: readonly string[];
    };

interface Tlv {
  readonly tag: number;
  readonly constructed: boolean;
  readonly contentStart: number;
  /** End of the content (before the end-of-contents octets of an indefinite length). */
  readonly contentEnd: number;
  /** End of the whole encoding. */
  readonly end: number;
}

// Far beyond any certificate, so a crafted nesting or length cannot make this reader work hard.
const MAX_DEPTH = 32;
const MAX_ELEMENTS = 4096;

class NotBer extends Error {}

const X500_UNIQUE_IDENTIFIER = Uint8Array.of(0x55, 0x04, 0x2d); // 2.5.4.45
const OID = 0x06;
const BIT_STRING = 0x03;
const OCTET_STRING = 0x04;
const SEQUENCE = 0x10;
const SET = 0x11;
const CONTEXT_0 = 0x80 | 0;

/** Never throws: every failure is a reason. */
export function readEntityIdLeniently(der: Uint8Array): LenientEntityId {
  let values: Uint8Array[];
  try {
    values = uniqueIdentifierValues(der);
  } catch {
    return { ok: false, reason: 'not-a-certificate', candidates: [] };
  }
  if (values.length === 0) return { ok: false, reason: 'no-entity-id', candidates: [] };
  const ids = values.map((value) => (value.length === 8 ? euiFromBytes(value) : undefined));
  const readable = [...new Set(ids.filter((id): id is string => id !== undefined))];
  if (readable.length > 1) return { ok: false, reason: 'several-entity-ids', candidates: readable };
  if (ids.includes(undefined)) return { ok: false, reason: 'entity-id-not-64-bits', candidates: readable };
  return { ok: true, entityId: readable[0]! };
}

function uniqueIdentifierValues(bytes: Uint8Array): Uint8Array[] {
  let budget = MAX_ELEMENTS;
  const read = (at: number, limit: number, depth: number): Tlv => {
    if (--budget < 0 || depth > MAX_DEPTH || at >= limit) throw new NotBer();
    const first = bytes[at++]!;
    const constructed = (first & 0x20) !== 0;
    let number = first & 0x1f;
    if (number === 0x1f) {
      // High tag number form, read as BER readers (OpenSSL's ASN1_get_object) read it: `1F 06` is tag 6.
      number = 0;
      let octets = 0;
      let octet: number;
      do {
        if (at >= limit || ++octets > 4) throw new NotBer();
        octet = bytes[at++]!;
        number = number * 128 + (octet & 0x7f);
      } while (octet & 0x80);
    }
    const tag = (first & 0xc0) | number;
    if (at >= limit) throw new NotBer();
    const lengthOctet = bytes[at++]!;
    if (lengthOctet === 0x80) {
      if (!constructed) throw new NotBer();
      // Indefinite length: children until the end-of-contents octets.
      const contentStart = at;
      let p = at;
      for (;;) {
        if (p + 1 >= limit) throw new NotBer();
        if (bytes[p] === 0 && bytes[p + 1] === 0) return { tag, constructed, contentStart, contentEnd: p, end: p + 2 };
        p = read(p, limit, depth + 1).end;
      }
    }
    let length = lengthOctet;
    // Stryker disable next-line EqualityOperator: a length octet of 0x80 returned or threw just above, so > and >= take the same lengths
    if (lengthOctet > 0x80) {
      const count = lengthOctet & 0x7f;
      if (count > 4 || at + count > limit) throw new NotBer();
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + bytes[at++]!;
    }
    const end = at + length;
    if (end > limit) throw new NotBer();
    return { tag, constructed, contentStart: at, contentEnd: end, end };
  };
  const children = (node: Tlv, depth: number): Tlv[] => {
    if (!node.constructed) throw new NotBer();
    const list: Tlv[] = [];
    for (let p = node.contentStart; p < node.contentEnd; ) {
      const child = read(p, node.contentEnd, depth + 1);
      list.push(child);
      p = child.end;
    }
    return list;
  };
  const expect = (node: Tlv | undefined, tag: number): Tlv => {
    if (!node || node.tag !== tag) throw new NotBer();
    return node;
  };

  // Certificate ::= SEQUENCE { tbsCertificate, ... }; whatever follows it is ignored, as d2i_X509 does.
  const certificate = expect(read(0, bytes.length, 0), SEQUENCE);
  const tbs = expect(children(certificate, 0)[0], SEQUENCE);
  const fields = children(tbs, 1);
  // [0] version, serialNumber, signature, issuer, validity, subject
  // Stryker disable next-line OptionalChaining: on an empty TBSCertificate, fields[0].tag throws a TypeError, which the catch turns into not-a-certificate as expect() would
  const subject = expect(fields[fields[0]?.tag === CONTEXT_0 ? 5 : 4], SEQUENCE);
  const values: Uint8Array[] = [];
  for (const rdn of children(subject, 2)) {
    for (const attribute of children(expect(rdn, SET), 3)) {
      const [type, value] = children(expect(attribute, SEQUENCE), 4);
      // An attribute type that is not a plain OID could be one another reader decodes as 2.5.4.45: fail closed.
      if (!type || type.tag !== OID || type.constructed) throw new NotBer();
      if (!sameBytes(bytes.subarray(type.contentStart, type.contentEnd), X500_UNIQUE_IDENTIFIER)) continue;
      if (!value || value.constructed) {
        values.push(new Uint8Array(0));
        continue;
      }
      // Stryker disable next-line EqualityOperator,ConditionalExpression: an empty BIT STRING pushes an empty value either way (subarray(start + 1, start) is empty)
      if (value.tag === BIT_STRING && value.contentEnd > value.contentStart) {
        // Unused bits make it fewer than 64 bits: no EUI-64, whatever the octets say.
        values.push(bytes[value.contentStart] === 0 ? bytes.subarray(value.contentStart + 1, value.contentEnd) : new Uint8Array(0));
      } else if (value.tag === OCTET_STRING) {
        values.push(bytes.subarray(value.contentStart, value.contentEnd));
      } else {
        values.push(new Uint8Array(0));
      }
    }
  }
  return values;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
