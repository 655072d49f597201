/**
 * Builds SMKI-profile test certificates, with switches to break one property at a time. A small DER encoder
 * (rather than pkijs) keeps every byte under the test's control: several cases need encodings pkijs refuses
 * to produce.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export const OIDS = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  commonName: '2.5.4.3',
  ou: '2.5.4.11',
  uniqueIdentifier: '2.5.4.45',
  keyUsage: '2.5.29.15',
  ski: '2.5.29.14',
  aki: '2.5.29.35',
  san: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  policies: '2.5.29.32',
  testPolicy: '1.2.826.0.1.8641679.1.2.1.4',
  hardwareModuleName: '1.3.6.1.5.5.7.8.4',
} as const;

// --- DER encoding ------------------------------------------------------------------------------------------

export function length(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const octets: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) octets.unshift(v & 0xff);
  return Uint8Array.of(0x80 | octets.length, ...octets);
}

export function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const body = concat(...parts);
  return concat(Uint8Array.of(tag), length(body.length), body);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const seq = (...parts: Uint8Array[]) => tlv(0x30, ...parts);
export const set = (...parts: Uint8Array[]) => tlv(0x31, ...parts);
export const octets = (data: Uint8Array) => tlv(0x04, data);
export const printable = (text: string) => tlv(0x13, Buffer.from(text, 'latin1'));
export const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
export const bool = (value: boolean) => tlv(0x01, Uint8Array.of(value ? 0xff : 0x00));
export const bits = (data: Uint8Array, unusedBits = 0) => tlv(0x03, Uint8Array.of(unusedBits), data);
export const int = (data: Uint8Array) => tlv(0x02, data);

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(BigInt);
  const values = [arcs[0]! * 40n + arcs[1]!, ...arcs.slice(2)];
  const out: number[] = [];
  for (const value of values) {
    const group: number[] = [Number(value & 0x7fn)];
    for (let v = value >> 7n; v > 0n; v >>= 7n) group.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...group);
  }
  return tlv(0x06, Uint8Array.from(out));
}

function utcTime(date: Date): Uint8Array {
  const iso = date.toISOString();
  const year = date.getUTCFullYear();
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  return year >= 1950 && year < 2050
    ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`, 'latin1'))
    : tlv(0x18, Buffer.from(`${digits}Z`, 'latin1'));
}

/** A named bit list in DER: trailing zero bits dropped. */
export function namedBits(...positions: number[]): Uint8Array {
  if (positions.length === 0) return bits(new Uint8Array(0));
  const highest = Math.max(...positions);
  const data = new Uint8Array((highest >> 3) + 1);
  for (const p of positions) data[p >> 3]! |= 0x80 >> (p & 7);
  return bits(data, 7 - (highest & 7));
}

export function extension(id: string, critical: boolean | 'explicit-false', value: Uint8Array): Uint8Array {
  return seq(oid(id), ...(critical === true ? [bool(true)] : critical === 'explicit-false' ? [bool(false)] : []), octets(value));
}

export const attribute = (type: string, value: Uint8Array) => set(seq(oid(type), value));

export function eui64(text: string): Uint8Array {
  return Uint8Array.from(text.split('-').map((h) => parseInt(h, 16)));
}

// --- keys --------------------------------------------------------------------------------------------------

export type KeyKind = 'p256' | 'p384' | 'rsa' | 'p256-compressed' | 'p256-off-curve';

const keyCache = new Map<string, { publicKey: KeyObject; privateKey: KeyObject }>();

function keyPair(kind: 'p256' | 'p384' | 'rsa', slot = 'subject') {
  const id = `${kind}/${slot}`;
  let pair = keyCache.get(id);
  if (!pair) {
    pair =
      kind === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 1024 })
        : generateKeyPairSync('ec', { namedCurve: kind === 'p256' ? 'P-256' : 'P-384' });
    keyCache.set(id, pair);
  }
  return pair;
}

/** The issuing CA's key; every test certificate is signed by it. */
export const issuerKey = (): KeyObject => keyPair('p256', 'issuer').privateKey;
export const issuerPublicKey = (): KeyObject => keyPair('p256', 'issuer').publicKey;

function subjectPublicKeyInfo(kind: KeyKind): Uint8Array {
  if (kind === 'p256' || kind === 'p384' || kind === 'rsa') {
    return new Uint8Array(keyPair(kind).publicKey.export({ type: 'spki', format: 'der' }));
  }
  const spki = new Uint8Array(keyPair('p256').publicKey.export({ type: 'spki', format: 'der' }));
  const point = spki.subarray(spki.length - 65);
  const algorithm = seq(oid('1.2.840.10045.2.1'), oid('1.2.840.10045.3.1.7'));
  if (kind === 'p256-compressed') {
    const compressed = concat(Uint8Array.of(0x02 | (point[64]! & 1)), point.subarray(1, 33));
    return seq(algorithm, bits(compressed));
  }
  const offCurve = point.slice();
  offCurve[64]! ^= 0x01;
  return seq(algorithm, bits(offCurve));
}

// --- certificates ------------------------------------------------------------------------------------------

export interface CertificateOptions {
  /** Subject OU values, in order; `[]` for none. Default `['02']`. */
  ous?: string[];
  /** Encode the OU as UTF8String rather than PrintableString (the DCC test PKI does both). */
  ouUtf8?: boolean;
  commonName?: string;
  /** `null` leaves the x500UniqueIdentifier out. Default 90-B3-D5-1F-30-01-00-00. */
  entityId?: string | null;
  /** Replaces the x500UniqueIdentifier value DER entirely (BIT STRING of another size, another type...). */
  entityIdValue?: Uint8Array;
  /** A second x500UniqueIdentifier attribute. */
  duplicateEntityId?: boolean;
  /** Subject with no attributes at all. */
  emptySubject?: boolean;
  /** Issuer with no attributes at all. */
  emptyIssuer?: boolean;
  /** keyUsage bit positions (0 digitalSignature, 4 keyAgreement, 5 keyCertSign, 6 cRLSign); `null` omits it. */
  keyUsage?: number[] | null;
  keyUsageCritical?: boolean | 'explicit-false';
  basicConstraintsCa?: boolean;
  key?: KeyKind;
  /** Outer and TBS signature algorithm OID. */
  signatureAlgorithm?: string;
  /** TBS signature algorithm when it should differ from the outer one. */
  tbsSignatureAlgorithm?: string;
  /** `null` omits the version (v1). Default 2 (v3). */
  version?: number | null;
  serial?: Uint8Array;
  /** A device-style critical subjectAltName with a hardwareModuleName. */
  deviceSan?: boolean;
  notBefore?: Date;
  notAfter?: Date;
  /** Raw DER of additional Extension values. */
  extraExtensions?: Uint8Array[];
  issuerOu?: string;
  issuerCn?: string;
  /** The issuer Name is a copy of the subject Name (a self-issued certificate, as a root is). */
  selfIssued?: boolean;
  /** certificatePolicies with the test policy: `true` critical (default), `false` non-critical, `null` omitted. */
  policiesCritical?: boolean | null;
  /** subjectKeyIdentifier octets; `null` omits the extension. Default 01..08. */
  subjectKeyIdentifier?: Uint8Array | null;
  /** authorityKeyIdentifier keyIdentifier octets; `null` omits the extension. Default 08..01. */
  authorityKeyIdentifier?: Uint8Array | null;
  /** An authorityKeyIdentifier naming the issuer by name and serial only (no keyIdentifier). */
  authorityKeyIdentifierWithoutKeyId?: boolean;
}

export function makeCertificate(options: CertificateOptions = {}): Uint8Array {
  const algorithm = options.signatureAlgorithm ?? OIDS.ecdsaWithSha256;
  const algorithmId = (id: string) => (id === OIDS.ecdsaWithSha256 ? seq(oid(id)) : seq(oid(id), tlv(0x05)));
  let issuer = options.emptyIssuer
    ? seq()
    : seq(attribute(OIDS.ou, printable(options.issuerOu ?? '07')), attribute(OIDS.commonName, printable(options.issuerCn ?? 'Z1')));

  const subjectParts: Uint8Array[] = [];
  if (!options.emptySubject) {
    if (options.commonName !== undefined) subjectParts.push(attribute(OIDS.commonName, utf8(options.commonName)));
    for (const ou of options.ous ?? ['02']) subjectParts.push(attribute(OIDS.ou, options.ouUtf8 ? utf8(ou) : printable(ou)));
    const entity = options.entityId === undefined ? '90-B3-D5-1F-30-01-00-00' : options.entityId;
    const entityValue = options.entityIdValue ?? (entity === null ? undefined : bits(eui64(entity)));
    if (entityValue) {
      subjectParts.push(attribute(OIDS.uniqueIdentifier, entityValue));
      if (options.duplicateEntityId) subjectParts.push(attribute(OIDS.uniqueIdentifier, entityValue));
    }
  }

  const subject = seq(...subjectParts);
  if (options.selfIssued) issuer = subject;

  const extensions: Uint8Array[] = [];
  const policiesCritical = options.policiesCritical === undefined ? true : options.policiesCritical;
  if (policiesCritical !== null) extensions.push(extension(OIDS.policies, policiesCritical, seq(seq(oid(OIDS.testPolicy)))));
  const ski = options.subjectKeyIdentifier === undefined ? Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8) : options.subjectKeyIdentifier;
  if (ski !== null) extensions.push(extension(OIDS.ski, false, octets(ski)));
  const aki = options.authorityKeyIdentifier === undefined ? Uint8Array.of(8, 7, 6, 5, 4, 3, 2, 1) : options.authorityKeyIdentifier;
  if (options.authorityKeyIdentifierWithoutKeyId) {
    // [1] authorityCertIssuer: a directoryName [4] holding the issuer Name; [2] authorityCertSerialNumber.
    extensions.push(extension(OIDS.aki, false, seq(tlv(0xa1, tlv(0xa4, issuer)), tlv(0x82, Uint8Array.of(1)))));
  } else if (aki !== null) {
    extensions.push(extension(OIDS.aki, false, seq(tlv(0x80, aki))));
  }
  const usage = options.keyUsage === undefined ? [0] : options.keyUsage;
  if (usage !== null) extensions.push(extension(OIDS.keyUsage, options.keyUsageCritical ?? true, namedBits(...usage)));
  if (options.basicConstraintsCa) extensions.push(extension(OIDS.basicConstraints, true, seq(bool(true), int(Uint8Array.of(0)))));
  if (options.deviceSan) {
    const hardwareModule = tlv(0xa0, oid(OIDS.hardwareModuleName), tlv(0xa0, seq(oid('1.2.826.0.1.8641679.1.1'), octets(eui64('00-DB-12-34-56-78-90-A0')))));
    extensions.push(extension(OIDS.san, true, seq(hardwareModule)));
  }
  extensions.push(...(options.extraExtensions ?? []));

  const tbs = seq(
    ...(options.version === null ? [] : [tlv(0xa0, int(Uint8Array.of(options.version ?? 2)))]),
    int(options.serial ?? Uint8Array.of(0x4a, 0x08, 0xe1, 0xd3, 0xe2, 0xea, 0x0f, 0x81)),
    algorithmId(options.tbsSignatureAlgorithm ?? algorithm),
    issuer,
    seq(utcTime(options.notBefore ?? new Date('2025-09-01T00:00:00Z')), utcTime(options.notAfter ?? new Date('2035-09-01T23:59:59Z'))),
    subject,
    subjectPublicKeyInfo(options.key ?? 'p256'),
    tlv(0xa3, seq(...extensions)),
  );
  const signature = new Uint8Array(sign('sha256', tbs, issuerKey()));
  return seq(tbs, algorithmId(algorithm), bits(signature));
}

/** Device certificate as GBCS defines it: empty subject, critical SAN hardwareModuleName, notAfter 9999. */
export function makeDeviceCertificate(): Uint8Array {
  return makeCertificate({
    emptySubject: true,
    deviceSan: true,
    notAfter: new Date('9999-12-31T23:59:59Z'),
  });
}

/** Rewrites the outer SEQUENCE's length in a longer form than DER allows (one leading zero octet). */
export function withLongFormOuterLength(der: Uint8Array): Uint8Array {
  const first = der[1]!;
  const count = first & 0x80 ? first & 0x7f : 0;
  const lengthOctets = count ? der.subarray(2, 2 + count) : Uint8Array.of(first);
  return concat(Uint8Array.of(0x30, 0x80 | (lengthOctets.length + 1), 0x00), lengthOctets, der.subarray(2 + count));
}

export function pemToDer(pem: string): Uint8Array {
  return new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
}
