/**
 * Generates the committed test fixtures: a small SMKI-like PKI (root, issuing CA, organisation, device and
 * XML-signing certificates) and unsigned DUIS 6.15.1 "Update Security Credentials (KRP)" requests that use it.
 *
 * Everything is byte-for-byte deterministic so the fixtures can be regenerated and diffed:
 * - private keys come from SHA-256 of a seed string, reduced into [1, n-1];
 * - ECDSA uses RFC 6979 nonces (noble, no extra entropy);
 * - serial numbers are hashes of the certificate name; dates are constants.
 *
 * Certificates are hand-assembled with asn1js primitives rather than pkijs classes so that every byte (attribute
 * string types, extension order, BIT STRING padding) is under our control and stays strict DER.
 *
 * Usage: tsx scripts/generate-fixtures.ts [--out DIR]   (default: <repo>/fixtures)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as asn1js from 'asn1js';
import { p256 } from '@noble/curves/nist.js';
import { buildEstate } from './estate.js';

// ---------------------------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------------------------

const KEY_SEED_PREFIX = 'duis-validator test PKI/';
const SERIAL_SEED_PREFIX = 'duis-validator test PKI serial/';

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
  commonName: '2.5.4.3',
  organizationalUnit: '2.5.4.11',
  x500UniqueIdentifier: '2.5.4.45',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  subjectKeyIdentifier: '2.5.29.14',
  hardwareModuleName: '1.3.6.1.5.5.7.8.4',
  /** The DCC test PKI's certificate policy (docs/domain.md). */
  smkiTestPolicy: '1.2.826.0.1.8641679.1.2.1.4',
  /**
   * hwType of the device certificate. GBCS's real value is irrelevant to the validator (it only has to recognise a
   * device certificate), so we use a UUID-derived OID (X.667 arc 2.25) rather than invent one under DCC's arc.
   */
  testHwType: '2.25.27072179778810665297627561357718895838',
} as const;

interface Validity {
  notBefore: Date;
  notAfter: Date;
}

const VALIDITY = {
  standard: { notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2035-12-31T23:59:59Z') },
  expired: { notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2024-12-31T23:59:59Z') },
  notYetValid: { notBefore: new Date('2036-01-01T00:00:00Z'), notAfter: new Date('2045-12-31T23:59:59Z') },
  // GBCS device certificates never expire: notAfter is the RFC 5280 "no well-defined expiration" value.
  device: { notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('9999-12-31T23:59:59Z') },
} satisfies Record<string, Validity>;

const ESME_EUI = '00-DB-12-34-56-78-90-A0';
const GSME_EUI = '00-DB-12-34-56-78-90-B0';
// The gas proxy function (on the Communications Hub) of the gas site.
const GPF_EUI = '00-DB-12-34-56-78-90-B3';
// The DCC, the target of a Non-Device Request (the RTDS uses this ACB identity).
const DCC_EUI = '90-B3-D5-1F-30-00-00-02';

/** Distributor 12 (London); 13 digits with a valid check digit (see mpanCheckDigit). */
const DEMO_MPAN_BASE = '120000000001';

// ---------------------------------------------------------------------------------------------------------------
// Parties
// ---------------------------------------------------------------------------------------------------------------

type Slot = 'ds' | 'ka' | 'ka-topup';
type KeyUsageName = 'digitalSignature' | 'keyAgreement';

interface Party {
  slug: string;
  eui: string;
  /** Remote Party Role as it appears in the subject OU. */
  role: string;
  cn?: string;
  slots: Slot[];
  /** Whether this party is a DCC User that gets an XML-signing certificate (OU 87) and key. */
  user: boolean;
}

const PARTIES: Party[] = [
  { slug: 'supplier', eui: '90-B3-D5-1F-30-01-00-00', role: '02', cn: 'SUPPLIER-TEST', slots: ['ds', 'ka', 'ka-topup'], user: true },
  { slug: 'network-operator-a', eui: '90-B3-D5-1F-30-02-00-00', role: '03', slots: ['ds', 'ka'], user: true },
  { slug: 'network-operator-b', eui: '90-B3-D5-1F-30-03-00-00', role: '03', slots: ['ds', 'ka'], user: true },
  { slug: 'gas-transporter', eui: '90-B3-D5-1F-30-04-00-00', role: '03', slots: ['ds', 'ka'], user: true },
  { slug: 'load-controller', eui: '90-B3-D5-1F-30-08-00-00', role: '08', slots: ['ds', 'ka'], user: false },
  { slug: 'supplier-b', eui: '90-B3-D5-1F-30-05-00-00', role: '02', slots: ['ds', 'ka'], user: true },
  { slug: 'transcos', eui: '90-B3-D5-1F-30-06-00-00', role: '05', slots: ['ds'], user: false },
  { slug: 'acb', eui: '90-B3-D5-1F-30-07-00-00', role: '04', slots: ['ka'], user: false },
  { slug: 'recovery', eui: '90-B3-D5-1F-30-09-00-00', role: '01', slots: ['ds'], user: false },
];

const SLOT_KEY_USAGE: Record<Slot, KeyUsageName> = {
  ds: 'digitalSignature',
  ka: 'keyAgreement',
  'ka-topup': 'keyAgreement',
};

function party(slug: string): Party {
  const found = PARTIES.find((p) => p.slug === slug);
  if (!found) throw new Error(`unknown party ${slug}`);
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Keys, hashes, small encoders
// ---------------------------------------------------------------------------------------------------------------

interface KeyPair {
  secret: Uint8Array;
  /** Uncompressed SEC1 point (65 bytes). */
  publicKey: Uint8Array;
}

function sha256(data: string | Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  return BigInt('0x' + Buffer.from(bytes).toString('hex'));
}

function bigIntTo32Bytes(value: bigint): Uint8Array {
  return new Uint8Array(Buffer.from(value.toString(16).padStart(64, '0'), 'hex'));
}

/** Private key = SHA-256(seed) reduced into [1, n-1], so it is always a valid, reproducible P-256 scalar. */
function deriveKeyPair(name: string): KeyPair {
  const n = p256.Point.Fn.ORDER;
  const scalar = (bytesToBigInt(sha256(KEY_SEED_PREFIX + name)) % (n - 1n)) + 1n;
  const secret = bigIntTo32Bytes(scalar);
  return { secret, publicKey: p256.getPublicKey(secret, false) };
}

/**
 * 16-byte positive serial derived from the name. Bit 7 is cleared (positive INTEGER) and bit 6 set so the first
 * octet is never zero: the INTEGER is then minimal DER without a padding byte.
 */
function deriveSerial(name: string): Uint8Array {
  const serial = sha256(SERIAL_SEED_PREFIX + name).slice(0, 16);
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  return serial;
}

/** Key identifier: first 8 octets of SHA-1 of the public key, the length the SMKI profile requires. */
function keyIdentifier(publicKey: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha1').update(publicKey).digest().subarray(0, 8));
}

function euiBytes(eui: string): Uint8Array {
  return new Uint8Array(Buffer.from(eui.replace(/-/g, ''), 'hex'));
}

function der(node: asn1js.BaseBlock): Uint8Array {
  return new Uint8Array(node.toBER(false));
}

function hexUpper(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

function pem(label: string, body: Uint8Array): string {
  const lines = Buffer.from(body).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050. */
function time(date: Date): asn1js.BaseBlock {
  return date.getUTCFullYear() < 2050
    ? new asn1js.UTCTime({ valueDate: date })
    : new asn1js.GeneralizedTime({ valueDate: date });
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

// ---------------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------------

/** A single attribute, which always sits in its own RDN (SET of one), as in the DCC test PKI. */
type Attribute = { oid: string; value: asn1js.BaseBlock };

const attr = {
  cnPrintable: (v: string): Attribute => ({ oid: OID.commonName, value: new asn1js.PrintableString({ value: v }) }),
  cnUtf8: (v: string): Attribute => ({ oid: OID.commonName, value: new asn1js.Utf8String({ value: v }) }),
  ouPrintable: (v: string): Attribute => ({ oid: OID.organizationalUnit, value: new asn1js.PrintableString({ value: v }) }),
  ouUtf8: (v: string): Attribute => ({ oid: OID.organizationalUnit, value: new asn1js.Utf8String({ value: v }) }),
  // Entity Identifier: a 64-bit BIT STRING with 0 unused bits, DER 03 09 00 <8 bytes>.
  uniqueId: (eui: string): Attribute => ({
    oid: OID.x500UniqueIdentifier,
    value: new asn1js.BitString({ valueHex: euiBytes(eui), unusedBits: 0 }),
  }),
};

function name(attributes: Attribute[]): asn1js.Sequence {
  return new asn1js.Sequence({
    value: attributes.map(
      (a) =>
        new asn1js.Set({
          value: [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: a.oid }), a.value] })],
        }),
    ),
  });
}

// The CAs use PrintableString, like the DCC test PKI's ZA/Z1.
const ROOT_NAME = [attr.ouPrintable('00'), attr.cnPrintable('ZA-TEST')];
const ISSUING_CA_NAME = [attr.ouPrintable('07'), attr.cnPrintable('Z1-TEST')];

function organisationName(p: Party): Attribute[] {
  return [...(p.cn ? [attr.cnUtf8(p.cn)] : []), attr.ouUtf8(p.role), attr.uniqueId(p.eui)];
}

// ---------------------------------------------------------------------------------------------------------------
// Extensions
// ---------------------------------------------------------------------------------------------------------------

function extension(oid: string, critical: boolean, value: asn1js.BaseBlock): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: oid }),
      // DER forbids encoding the DEFAULT FALSE.
      ...(critical ? [new asn1js.Boolean({ value: true })] : []),
      new asn1js.OctetString({ valueHex: der(value) }),
    ],
  });
}

/**
 * keyUsage BIT STRINGs, written out because DER needs trailing zero bits dropped and counted as unused:
 * digitalSignature = bit 0, keyAgreement = bit 4, keyCertSign + cRLSign = bits 5 and 6.
 */
const KEY_USAGE_BITS: Record<KeyUsageName | 'ca', { byte: number; unusedBits: number }> = {
  digitalSignature: { byte: 0x80, unusedBits: 7 },
  keyAgreement: { byte: 0x08, unusedBits: 3 },
  ca: { byte: 0x06, unusedBits: 1 },
};

function keyUsageExt(usage: KeyUsageName | 'ca'): asn1js.Sequence {
  const { byte, unusedBits } = KEY_USAGE_BITS[usage];
  return extension(OID.keyUsage, true, new asn1js.BitString({ valueHex: new Uint8Array([byte]), unusedBits }));
}

function basicConstraintsExt(pathLen: number | undefined): asn1js.Sequence {
  const fields: asn1js.BaseBlock[] = [new asn1js.Boolean({ value: true })];
  if (pathLen !== undefined) fields.push(new asn1js.Integer({ value: pathLen }));
  return extension(OID.basicConstraints, true, new asn1js.Sequence({ value: fields }));
}

function certificatePoliciesExt(): asn1js.Sequence {
  const policy = new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.smkiTestPolicy })] });
  return extension(OID.certificatePolicies, true, new asn1js.Sequence({ value: [policy] }));
}

function subjectKeyIdentifierExt(ski: Uint8Array): asn1js.Sequence {
  return extension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: ski }));
}

/** AuthorityKeyIdentifier with keyIdentifier [0] only (no issuer/serial), as SMKI requires. */
function authorityKeyIdentifierExt(aki: Uint8Array): asn1js.Sequence {
  const keyId = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: aki });
  return extension(OID.authorityKeyIdentifier, false, new asn1js.Sequence({ value: [keyId] }));
}

/**
 * subjectAltName = GeneralNames { otherName hardwareModuleName { hwType, hwSerialNum = device EUI } }.
 * otherName is [0] IMPLICIT, its value [0] EXPLICIT (RFC 4108).
 */
function hardwareModuleNameSanExt(deviceEui: string): asn1js.Sequence {
  const hardwareModuleName = new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: OID.testHwType }),
      new asn1js.OctetString({ valueHex: euiBytes(deviceEui) }),
    ],
  });
  const otherName = new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 0 },
    value: [
      new asn1js.ObjectIdentifier({ value: OID.hardwareModuleName }),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [hardwareModuleName] }),
    ],
  });
  return extension(OID.subjectAltName, true, new asn1js.Sequence({ value: [otherName] }));
}

// ---------------------------------------------------------------------------------------------------------------
// Certificates
// ---------------------------------------------------------------------------------------------------------------

interface Issuer {
  name: Attribute[];
  key: KeyPair;
}

interface CertSpec {
  /** Seed for key and serial; also the file stem under pki/. */
  id: string;
  issuer: Issuer | 'self';
  subject: Attribute[];
  validity: Validity;
  /** Built once the subject key and identifiers are known. */
  extensions: (ids: { ski: Uint8Array; aki: Uint8Array }) => asn1js.Sequence[];
}

interface BuiltCert {
  id: string;
  key: KeyPair;
  der: Uint8Array;
  serial: Uint8Array;
  validity: Validity;
  asIssuer: Issuer;
}

const ECDSA_WITH_SHA256 = (): asn1js.Sequence =>
  new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.ecdsaWithSha256 })] });

function subjectPublicKeyInfo(publicKey: Uint8Array): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: OID.ecPublicKey }),
          new asn1js.ObjectIdentifier({ value: OID.prime256v1 }),
        ],
      }),
      new asn1js.BitString({ valueHex: publicKey, unusedBits: 0 }),
    ],
  });
}

function buildCertificate(spec: CertSpec): BuiltCert {
  const key = deriveKeyPair(spec.id);
  const issuer: Issuer = spec.issuer === 'self' ? { name: spec.subject, key } : spec.issuer;
  const serial = deriveSerial(spec.id);
  const ids = { ski: keyIdentifier(key.publicKey), aki: keyIdentifier(issuer.key.publicKey) };

  const tbs = new asn1js.Sequence({
    value: [
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Integer({ value: 2 })] }),
      new asn1js.Integer({ valueHex: serial }),
      ECDSA_WITH_SHA256(),
      name(issuer.name),
      new asn1js.Sequence({ value: [time(spec.validity.notBefore), time(spec.validity.notAfter)] }),
      name(spec.subject),
      subjectPublicKeyInfo(key.publicKey),
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 3 },
        value: [new asn1js.Sequence({ value: spec.extensions(ids) })],
      }),
    ],
  });

  // RFC 6979 nonce, no extra entropy: the signature (and so the whole file) is reproducible.
  const signature = p256.sign(der(tbs), issuer.key.secret, { format: 'der', prehash: true, extraEntropy: false });
  const certificate = new asn1js.Sequence({
    value: [tbs, ECDSA_WITH_SHA256(), new asn1js.BitString({ valueHex: signature, unusedBits: 0 })],
  });

  return { id: spec.id, key, der: der(certificate), serial, validity: spec.validity, asIssuer: { name: spec.subject, key } };
}

/** PKCS#8 PrivateKeyInfo wrapping an RFC 5915 ECPrivateKey (curve named once, in the algorithm identifier). */
function pkcs8(key: KeyPair): Uint8Array {
  const ecPrivateKey = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 1 }),
      new asn1js.OctetString({ valueHex: key.secret }),
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 1 },
        value: [new asn1js.BitString({ valueHex: key.publicKey, unusedBits: 0 })],
      }),
    ],
  });
  return der(
    new asn1js.Sequence({
      value: [
        new asn1js.Integer({ value: 0 }),
        new asn1js.Sequence({
          value: [
            new asn1js.ObjectIdentifier({ value: OID.ecPublicKey }),
            new asn1js.ObjectIdentifier({ value: OID.prime256v1 }),
          ],
        }),
        new asn1js.OctetString({ valueHex: der(ecPrivateKey) }),
      ],
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The PKI
// ---------------------------------------------------------------------------------------------------------------

export interface IndexEntry {
  file: string;
  kind: 'root' | 'ca' | 'organisation' | 'device' | 'xml-signing';
  role: string | null;
  entityId: string | null;
  keyUsage: KeyUsageName | null;
  serialHex: string;
  notBefore: string;
  notAfter: string;
}

type Output = Map<string, string>;

class PkiBuilder {
  readonly index: IndexEntry[] = [];
  readonly certs = new Map<string, BuiltCert>();

  constructor(private readonly out: Output) {}

  add(spec: CertSpec, meta: Omit<IndexEntry, 'file' | 'serialHex' | 'notBefore' | 'notAfter'>): BuiltCert {
    const cert = buildCertificate(spec);
    const file = `pki/${spec.id}.pem`;
    this.out.set(file, pem('CERTIFICATE', cert.der));
    this.certs.set(spec.id, cert);
    this.index.push({
      file,
      ...meta,
      serialHex: hexUpper(cert.serial),
      notBefore: isoSeconds(cert.validity.notBefore),
      notAfter: isoSeconds(cert.validity.notAfter),
    });
    return cert;
  }

  der(id: string): Uint8Array {
    const cert = this.certs.get(id);
    if (!cert) throw new Error(`no certificate ${id}`);
    return cert.der;
  }
}

function endEntityExtensions(usage: KeyUsageName) {
  return ({ ski, aki }: { ski: Uint8Array; aki: Uint8Array }) => [
    keyUsageExt(usage),
    subjectKeyIdentifierExt(ski),
    certificatePoliciesExt(),
    authorityKeyIdentifierExt(aki),
  ];
}

function addCertificateAuthorities(pki: PkiBuilder): Issuer {
  const root = pki.add(
    {
      id: 'root',
      issuer: 'self',
      subject: ROOT_NAME,
      validity: VALIDITY.standard,
      extensions: ({ ski }) => [keyUsageExt('ca'), basicConstraintsExt(undefined), subjectKeyIdentifierExt(ski)],
    },
    { kind: 'root', role: '00', entityId: null, keyUsage: null },
  );
  const ca = pki.add(
    {
      id: 'issuing-ca',
      issuer: root.asIssuer,
      subject: ISSUING_CA_NAME,
      validity: VALIDITY.standard,
      extensions: ({ ski, aki }) => [
        keyUsageExt('ca'),
        basicConstraintsExt(0),
        certificatePoliciesExt(),
        subjectKeyIdentifierExt(ski),
        authorityKeyIdentifierExt(aki),
      ],
    },
    { kind: 'ca', role: '07', entityId: null, keyUsage: null },
  );
  return ca.asIssuer;
}

function addOrganisationCert(pki: PkiBuilder, ca: Issuer, p: Party, slot: Slot, id: string, validity: Validity): void {
  const usage = SLOT_KEY_USAGE[slot];
  pki.add(
    { id, issuer: ca, subject: organisationName(p), validity, extensions: endEntityExtensions(usage) },
    { kind: 'organisation', role: p.role, entityId: p.eui, keyUsage: usage },
  );
}

function addOrganisationCerts(pki: PkiBuilder, ca: Issuer): void {
  for (const p of PARTIES) {
    for (const slot of p.slots) addOrganisationCert(pki, ca, p, slot, `${p.slug}-${slot}`, VALIDITY.standard);
  }
  // Same subject as supplier-ds, outside the validity window either way, for the time-based checks.
  const supplier = party('supplier');
  addOrganisationCert(pki, ca, supplier, 'ds', 'supplier-ds-expired', VALIDITY.expired);
  addOrganisationCert(pki, ca, supplier, 'ds', 'supplier-ds-not-yet-valid', VALIDITY.notYetValid);
}

function addDeviceCert(pki: PkiBuilder, ca: Issuer): void {
  pki.add(
    {
      id: 'device-esme',
      issuer: ca,
      subject: [],
      validity: VALIDITY.device,
      extensions: ({ ski, aki }) => [
        keyUsageExt('digitalSignature'),
        hardwareModuleNameSanExt(ESME_EUI),
        subjectKeyIdentifierExt(ski),
        certificatePoliciesExt(),
        authorityKeyIdentifierExt(aki),
      ],
    },
    { kind: 'device', role: null, entityId: ESME_EUI, keyUsage: 'digitalSignature' },
  );
}

function addXmlSigningCerts(pki: PkiBuilder, ca: Issuer, out: Output): void {
  for (const p of PARTIES.filter((x) => x.user)) {
    const id = `xml-sign-${p.slug}`;
    const cert = pki.add(
      {
        id,
        issuer: ca,
        subject: [attr.ouUtf8('87'), attr.uniqueId(p.eui)],
        validity: VALIDITY.standard,
        extensions: endEntityExtensions('digitalSignature'),
      },
      { kind: 'xml-signing', role: '87', entityId: p.eui, keyUsage: 'digitalSignature' },
    );
    out.set(`pki/${id}.key.pem`, pem('PRIVATE KEY', pkcs8(cert.key)));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------------------------

interface RequestSpec {
  file: string;
  /** 6.15.1 (default) or 6.21, whose body lists the slots without a wrapper and is sent with Command Variant 1. */
  srv?: '6.15.1' | '6.21';
  originator: string;
  target: string;
  counter: number;
  executionDateTime?: string;
  remotePartyRole: 'Supplier' | 'NetworkOperator' | 'LoadController';
  floor?: string;
  topUpFloor?: string;
  /** Certificate ids (file stems) per slot. */
  certs: Partial<Record<Slot, string>>;
}

const FUTURE_DATE = '2030-01-15T00:00:00.00Z';
// DUIS cancels a pending future-dated 6.15.1 by resending it dated 3000-12-31 (RTDS "CANCELLATION" case).
const CANCELLATION_DATE = '3000-12-31T00:00:00Z';

const SUPPLIER = party('supplier').eui;

const supplierCerts = { ds: 'supplier-ds', ka: 'supplier-ka', 'ka-topup': 'supplier-ka-topup' };
const noACerts = { ds: 'network-operator-a-ds', ka: 'network-operator-a-ka' };
const supplierBySupplier = {
  originator: SUPPLIER,
  target: ESME_EUI,
  remotePartyRole: 'Supplier',
  floor: '0',
  topUpFloor: '0',
  certs: supplierCerts,
} as const;
const loadControllerBySupplier = {
  originator: SUPPLIER,
  target: ESME_EUI,
  remotePartyRole: 'LoadController',
  floor: '0',
  certs: { ds: 'load-controller-ds', ka: 'load-controller-ka' },
} as const;
const noBySupplier = { originator: SUPPLIER, target: ESME_EUI, remotePartyRole: 'NetworkOperator', floor: '0' } as const;

const REQUESTS: RequestSpec[] = [
  { file: 'no-by-no.xml', counter: 1200, ...noBySupplier, originator: party('network-operator-a').eui, certs: noACerts },
  { file: 'supplier-by-supplier-immediate.xml', counter: 1000, ...supplierBySupplier },
  { file: 'supplier-by-supplier-future-dated.xml', counter: 1001, ...supplierBySupplier, executionDateTime: FUTURE_DATE },
  { file: 'supplier-by-supplier-cancellation.xml', counter: 1002, ...supplierBySupplier, executionDateTime: CANCELLATION_DATE },
  { file: 'load-controller-by-supplier-immediate.xml', counter: 1010, ...loadControllerBySupplier },
  { file: 'load-controller-by-supplier-future-dated.xml', counter: 1011, ...loadControllerBySupplier, executionDateTime: FUTURE_DATE },
  { file: 'no-by-supplier-correct.xml', counter: 1020, ...noBySupplier, certs: noACerts },
  {
    file: 'no-by-supplier-wrong-operator.xml',
    counter: 1021,
    ...noBySupplier,
    certs: { ds: 'network-operator-b-ds', ka: 'network-operator-b-ka' },
  },
  // Gas: the gas supplier (supplier B, User Role GS in context.example.json) sends it to the GSME.
  {
    file: 'gas-no-by-supplier.xml',
    counter: 1030,
    ...noBySupplier,
    originator: party('supplier-b').eui,
    target: GSME_EUI,
    certs: { ds: 'gas-transporter-ds', ka: 'gas-transporter-ka' },
  },
  // Future-dated with RemotePartyRole NetworkOperator: expected to fail with E061506.
  { file: 'future-dated-network-operator.xml', counter: 1040, ...noBySupplier, executionDateTime: FUTURE_DATE, certs: noACerts },
  // 6.21 handovers: the Supplier names the certificates the DCC places on a device it still controls.
  { file: 'handover-no-correct.xml', srv: '6.21', counter: 1100, ...noBySupplier, certs: noACerts },
  { file: 'handover-no-wrong-operator.xml', srv: '6.21', counter: 1101, ...noBySupplier, certs: { ds: 'network-operator-b-ds', ka: 'network-operator-b-ka' } },
  { file: 'handover-no-gpf.xml', srv: '6.21', counter: 1102, ...noBySupplier, originator: party('supplier-b').eui, target: GPF_EUI, certs: { ds: 'gas-transporter-ds', ka: 'gas-transporter-ka' } },
  { file: 'handover-supplier.xml', srv: '6.21', counter: 1103, ...supplierBySupplier },
];

/** A request of an SRV the library validates generically: its Header, and a body of the schema written out. */
interface GenericRequestSpec {
  file: string;
  serviceReference: string;
  srv: string;
  commandVariant: number;
  originator: string;
  target: string;
  counter: number;
  body: (b64: (id: string) => string) => string[];
}

const GENERIC_REQUESTS: GenericRequestSpec[] = [
  // 8.2 Read Inventory: a Non-Device Request, addressed to the DCC.
  {
    file: 'generic-read-inventory.xml',
    serviceReference: '8.2',
    srv: '8.2',
    commandVariant: 8,
    originator: SUPPLIER,
    target: DCC_EUI,
    counter: 2000,
    body: () => ['    <sr:ReadInventory>', `      <sr:DeviceID>${ESME_EUI}</sr:DeviceID>`, '    </sr:ReadInventory>'],
  },
  // 4.17 Retrieve Daily Consumption Log, from the gas meter.
  {
    file: 'generic-retrieve-daily-consumption-log.xml',
    serviceReference: '4.17',
    srv: '4.17',
    commandVariant: 1,
    originator: party('supplier-b').eui,
    target: GSME_EUI,
    counter: 2001,
    body: (b64) => [
      '    <sr:RetrieveDailyConsumptionLog>',
      '      <sr:ReadLogPeriod>',
      '        <sr:StartDateTime>2026-11-01T00:00:00Z</sr:StartDateTime>',
      '        <sr:EndDateTime>2026-11-20T00:00:00Z</sr:EndDateTime>',
      '      </sr:ReadLogPeriod>',
      `      <sr:KAPublicSecurityCredentials>${b64('supplier-b-ka')}</sr:KAPublicSecurityCredentials>`,
      '    </sr:RetrieveDailyConsumptionLog>',
    ],
  },
];

const SLOT_ELEMENT: Record<Slot, string> = {
  ds: 'DigitalSigningCertificate',
  ka: 'KeyAgreementCertificate',
  'ka-topup': 'KeyAgreementTopUpCertificate',
};

function envelope(header: { originator: string; target: string; counter: number; commandVariant: number; serviceReference: string; srv: string }, body: string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sr:Request xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" schemaVersion="5.4">',
    '  <sr:Header>',
    `    <sr:RequestID>${header.originator}:${header.target}:${header.counter}</sr:RequestID>`,
    `    <sr:CommandVariant>${header.commandVariant}</sr:CommandVariant>`,
    `    <sr:ServiceReference>${header.serviceReference}</sr:ServiceReference>`,
    `    <sr:ServiceReferenceVariant>${header.srv}</sr:ServiceReferenceVariant>`,
    '  </sr:Header>',
    '  <sr:Body>',
    ...body,
    '  </sr:Body>',
    '</sr:Request>',
    '',
  ].join('\n');
}

function requestXml(spec: RequestSpec, pki: PkiBuilder): string {
  const b64 = (id: string) => Buffer.from(pki.der(id)).toString('base64');
  const handover = spec.srv === '6.21';
  const optional = (indent: string, element: string, value: string | undefined) =>
    value === undefined ? [] : [`${indent}<sr:${element}>${value}</sr:${element}>`];
  // Slots are emitted in the XSD's sequence order regardless of how the spec lists them; 6.21 has no wrapper.
  const certLines = (Object.keys(SLOT_ELEMENT) as Slot[]).flatMap((slot) => {
    const id = spec.certs[slot];
    return optional(handover ? '        ' : '          ', SLOT_ELEMENT[slot], id === undefined ? undefined : b64(id));
  });
  const bodyElement = handover ? 'RequestHandoverOfDCCControlledDevice' : 'UpdateSecurityCredentialsKRP';
  const header = handover
    ? { commandVariant: 1, serviceReference: '6.21', srv: '6.21' }
    : { commandVariant: 4, serviceReference: '6.15', srv: '6.15.1' };
  return envelope({ ...spec, ...header }, [
    `    <sr:${bodyElement}>`,
    ...optional('      ', 'ExecutionDateTime', spec.executionDateTime),
    `      <sr:RemotePartyRole>${spec.remotePartyRole}</sr:RemotePartyRole>`,
    ...optional('      ', 'RemotePartyFloorSeqNumber', spec.floor),
    ...optional('      ', 'RemotePartyPrepaymentTopUpFloorSeqNumber', spec.topUpFloor),
    '      <sr:ReplacementCertificates>',
    ...(handover ? certLines : ['        <sr:SupplierOrNetworkOperatorCertificates>', ...certLines, '        </sr:SupplierOrNetworkOperatorCertificates>']),
    '      </sr:ReplacementCertificates>',
    '      <sr:CertificationPathCertificates>',
    `        <sr:Certificate>${b64('issuing-ca')}</sr:Certificate>`,
    '      </sr:CertificationPathCertificates>',
    '      <sr:ApplyTimeBasedCPVChecks>true</sr:ApplyTimeBasedCPVChecks>',
    `    </sr:${bodyElement}>`,
  ]);
}

function genericRequestXml(spec: GenericRequestSpec, pki: PkiBuilder): string {
  return envelope(spec, spec.body((id) => Buffer.from(pki.der(id)).toString('base64')));
}

// ---------------------------------------------------------------------------------------------------------------
// Context
// ---------------------------------------------------------------------------------------------------------------

const MPAN_WEIGHTS = [3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43];

export function mpanCheckDigit(first12: string): number {
  const sum = [...first12].reduce((acc, digit, i) => acc + Number(digit) * MPAN_WEIGHTS[i]!, 0);
  return (sum % 11) % 10;
}

function contextExample(): unknown {
  return {
    users: {
      [party('supplier').eui]: { role: 'IS' },
      [party('network-operator-a').eui]: { role: 'ED' },
      [party('gas-transporter').eui]: { role: 'GT' },
      [party('supplier-b').eui]: { role: 'GS' },
    },
    devices: {
      [ESME_EUI]: { type: 'ESME', mpan: DEMO_MPAN_BASE + String(mpanCheckDigit(DEMO_MPAN_BASE)) },
      [GSME_EUI]: { type: 'GSME', networkOperator: [party('gas-transporter').eui] },
      [GPF_EUI]: { type: 'GPF', networkOperator: [party('gas-transporter').eui] },
    },
    networkOperators: { [DEMO_MPAN_BASE.slice(0, 2)]: [party('network-operator-a').eui] },
    now: '2026-11-25T12:00:00Z',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------------------------

/** Builds every generated fixture in memory: relative path (POSIX separators) -> file content. */
export function buildFixtures(): Map<string, string> {
  const out: Output = new Map();
  const pki = new PkiBuilder(out);
  const ca = addCertificateAuthorities(pki);
  addOrganisationCerts(pki, ca);
  addDeviceCert(pki, ca);
  addXmlSigningCerts(pki, ca, out);
  out.set('pki/index.json', JSON.stringify(pki.index, null, 2) + '\n');
  for (const spec of REQUESTS) out.set(`requests/${spec.file}`, requestXml(spec, pki));
  for (const spec of GENERIC_REQUESTS) out.set(`requests/${spec.file}`, genericRequestXml(spec, pki));
  out.set('context.example.json', JSON.stringify(contextExample(), null, 2) + '\n');
  for (const [relative, content] of buildEstate()) out.set(relative, content);
  return out;
}

/** Writes the fixtures under outDir; returns the relative paths written. Never deletes anything. */
export function generateFixtures(outDir: string): string[] {
  const files = buildFixtures();
  for (const [relative, content] of files) {
    const target = path.join(outDir, ...relative.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return [...files.keys()];
}

const DEFAULT_OUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

function parseOutDir(argv: string[]): string {
  const i = argv.indexOf('--out');
  if (i === -1) return DEFAULT_OUT_DIR;
  const dir = argv[i + 1];
  if (!dir) throw new Error('--out needs a directory');
  return path.resolve(dir);
}

// Only run when executed directly (tsx scripts/generate-fixtures.ts), not when imported by the tests.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = parseOutDir(process.argv.slice(2));
  const written = generateFixtures(outDir);
  console.log(`wrote ${written.length} files under ${outDir}`);
}
