/**
 * What pkijs (v4, over asn1js v4) reads from a certificate, in a plain shape the differential test compares with
 * the decoder's own reading. pkijs is the second opinion only: it is a dev dependency and never runs on the hot
 * path. Every field is extracted the way pkijs documents it, with one trap noted where it matters (BIT STRING
 * values live in `valueBlock.valueHexView`; `.value` holds whatever asn1js managed to parse out of them).
 */
import * as asn1js from 'asn1js';
import { AuthorityKeyIdentifier, Certificate, CertificatePolicies, type AttributeTypeAndValue, type Extension } from 'pkijs';

export interface ViewAttribute {
  readonly type: string;
  /** The text of a directory string; `#` and the upper-case hex DER of any other value (RFC 4514 2.4). */
  readonly value: string;
}

/** The fields the two readings must agree on. Hex is lower case unless said otherwise. */
export interface CertificateView {
  /** 0-based: 2 is v3. */
  readonly version: number;
  /** The serial's magnitude: its INTEGER content without one leading 00 sign octet. */
  readonly serialHex: string;
  readonly signatureAlgorithm: string;
  readonly tbsSignatureAlgorithm: string;
  readonly issuer: readonly ViewAttribute[];
  readonly subject: readonly ViewAttribute[];
  /** ISO 8601. */
  readonly notBefore: string;
  readonly notAfter: string;
  readonly spkiAlgorithm: string;
  /** The named curve OID, `null` when the parameters are not an OID. */
  readonly spkiCurve: string | null;
  /** `<unused bits>:<hex>` of the subjectPublicKey BIT STRING. */
  readonly publicKey: string;
  /** Bit positions set in keyUsage, in order; `null` when the extension is absent. */
  readonly keyUsage: { readonly bits: readonly number[]; readonly critical: boolean } | null;
  readonly subjectKeyIdentifier: string | null;
  readonly authorityKeyIdentifier: string | null;
  readonly certificatePolicies: { readonly oids: readonly string[]; readonly critical: boolean } | null;
  /** `<unused bits>:<hex>` of the subject's 2.5.4.45 BIT STRING; `null` when it has none. */
  readonly x500UniqueIdentifier: string | null;
  /** The text of the subject OU (2.5.4.11); `null` when absent or not a string. */
  readonly ou: string | null;
}

export type PkijsReading =
  | {
      readonly ok: true;
      readonly view: CertificateView;
      /**
       * Whether asn1js's parse ends at the end of the buffer: Certificate.fromBER reads the first BER value and
       * ignores what follows it. A function, as it parses the buffer again and not every caller needs it.
       */
      readonly consumedAll: () => boolean;
    }
  | { readonly ok: false; readonly reason: string };

const OID = {
  ou: '2.5.4.11',
  x500UniqueIdentifier: '2.5.4.45',
  keyUsage: '2.5.29.15',
  subjectKeyIdentifier: '2.5.29.14',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

// The universal string types the decoder reads as text (distinguished-name.ts readString); asn1js decodes more
// (NumericString, VisibleString...), but the decoder prints those as `#hex`, so the view does too.
const TEXT_TAGS = new Set([12, 19, 20, 22, 28, 30]);

const hex = (view: ArrayBuffer | Uint8Array) =>
  Buffer.from(view instanceof Uint8Array ? view : new Uint8Array(view)).toString('hex');

/** Reads `der` with pkijs. Never throws: a pkijs failure is `{ ok: false }` with pkijs's message. */
export function readWithPkijs(der: Uint8Array): PkijsReading {
  // An exact copy: pkijs and asn1js read the whole ArrayBuffer, not a view's window of it.
  const buffer = der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer;
  let certificate: Certificate;
  try {
    certificate = Certificate.fromBER(buffer);
  } catch (error) {
    return { ok: false, reason: `Certificate.fromBER: ${error instanceof Error ? error.message : String(error)}` };
  }
  const consumedAll = () => asn1js.fromBER(buffer).offset === buffer.byteLength;
  try {
    return { ok: true, view: view(certificate), consumedAll };
  } catch (error) {
    // An extension pkijs could not parse into its type, or a field of an unexpected type.
    return { ok: false, reason: `extraction: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function view(c: Certificate): CertificateView {
  const serial = new Uint8Array(c.serialNumber.valueBlock.valueHexView);
  const magnitude = serial.length > 1 && serial[0] === 0 ? serial.subarray(1) : serial;
  const spki = c.subjectPublicKeyInfo;
  const curve = spki.algorithm.algorithmParams;
  const key = spki.subjectPublicKey.valueBlock;

  const keyUsageExt = extension(c, OID.keyUsage);
  const keyUsage = keyUsageExt ? { bits: setBits(parsed(keyUsageExt, asn1js.BitString)), critical: keyUsageExt.critical } : null;
  const skiExt = extension(c, OID.subjectKeyIdentifier);
  const akiExt = extension(c, OID.authorityKeyIdentifier);
  const aki = akiExt ? parsed(akiExt, AuthorityKeyIdentifier) : undefined;
  const policiesExt = extension(c, OID.certificatePolicies);

  const uid = c.subject.typesAndValues.find((a) => a.type === OID.x500UniqueIdentifier);
  let x500UniqueIdentifier: string | null = null;
  if (uid) {
    if (!(uid.value instanceof asn1js.BitString)) throw new Error('the subject 2.5.4.45 value is not a BIT STRING');
    x500UniqueIdentifier = `${uid.value.valueBlock.unusedBits}:${hex(uid.value.valueBlock.valueHexView)}`;
  }
  const ouValue = c.subject.typesAndValues.find((a) => a.type === OID.ou)?.value as asn1js.BaseBlock | undefined;
  const ou = ouValue && isText(ouValue) ? textOf(ouValue) : null;

  return {
    version: c.version,
    serialHex: hex(magnitude),
    signatureAlgorithm: c.signatureAlgorithm.algorithmId,
    tbsSignatureAlgorithm: c.signature.algorithmId,
    issuer: c.issuer.typesAndValues.map(attribute),
    subject: c.subject.typesAndValues.map(attribute),
    notBefore: c.notBefore.value.toISOString(),
    notAfter: c.notAfter.value.toISOString(),
    spkiAlgorithm: spki.algorithm.algorithmId,
    spkiCurve: curve instanceof asn1js.ObjectIdentifier ? curve.valueBlock.toString() : null,
    publicKey: `${key.unusedBits}:${hex(key.valueHexView)}`,
    keyUsage,
    subjectKeyIdentifier: skiExt ? hex(parsed(skiExt, asn1js.OctetString).valueBlock.valueHexView) : null,
    authorityKeyIdentifier: aki?.keyIdentifier ? hex(aki.keyIdentifier.valueBlock.valueHexView) : null,
    certificatePolicies: policiesExt
      ? {
          oids: parsed(policiesExt, CertificatePolicies).certificatePolicies.map((p) => p.policyIdentifier),
          critical: policiesExt.critical,
        }
      : null,
    x500UniqueIdentifier,
    ou,
  };
}

/** The first extension with this OID (pkijs keeps duplicates; the decoder refuses them). */
function extension(c: Certificate, oid: string): Extension | undefined {
  return c.extensions?.find((e) => e.extnID === oid);
}

/** `Extension.parsedValue`, required to be of the type pkijs registers for the OID. */
function parsed<T>(ext: Extension, type: abstract new (...args: never[]) => T): T {
  const value: unknown = ext.parsedValue;
  if (!(value instanceof type)) throw new Error(`extension ${ext.extnID}: pkijs could not parse its value`);
  const error = (value as { parsingError?: string }).parsingError;
  if (error) throw new Error(`extension ${ext.extnID}: ${error}`);
  return value;
}

function setBits(bitString: asn1js.BitString): number[] {
  const data = new Uint8Array(bitString.valueBlock.valueHexView);
  const total = data.length * 8 - bitString.valueBlock.unusedBits;
  const bits: number[] = [];
  for (let i = 0; i < total; i++) if (data[i >> 3]! & (0x80 >> (i & 7))) bits.push(i);
  return bits;
}

function isText(value: asn1js.BaseBlock): boolean {
  return value.idBlock.tagClass === 1 && !value.idBlock.isConstructed && TEXT_TAGS.has(value.idBlock.tagNumber);
}

function textOf(value: asn1js.BaseBlock): string {
  return (value as unknown as { valueBlock: { value: string } }).valueBlock.value;
}

function attribute(a: AttributeTypeAndValue): ViewAttribute {
  const value = a.value as asn1js.BaseBlock;
  return {
    type: a.type,
    value: isText(value) ? textOf(value) : `#${hex(value.valueBeforeDecodeView).toUpperCase()}`,
  };
}
