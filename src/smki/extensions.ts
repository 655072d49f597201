import { malformed, profile } from './certificate-fault.js';
import { OID, readOid } from './oid.js';
import {
  TAG,
  bitString,
  content,
  expectUniversal,
  isContext,
  isUniversal,
  readDer,
  toHex,
  type DerNode,
} from './strict-der.js';

export interface RawExtension {
  readonly oid: string;
  readonly critical: boolean;
  /** The OCTET STRING holding the extension's own DER. */
  readonly value: DerNode;
}

/** Reads the `[3] EXPLICIT Extensions` of a TBSCertificate, keyed by OID. */
export function readExtensions(bytes: Uint8Array, wrapper: DerNode): Map<string, RawExtension> {
  if (wrapper.children.length !== 1) malformed('extensions: [3] must hold exactly one SEQUENCE', { offset: wrapper.start });
  const list = expectUniversal(wrapper.children[0], TAG.SEQUENCE, 'extensions');
  // RFC 5280: Extensions ::= SEQUENCE SIZE (1..MAX); an empty list is written by omitting [3].
  if (list.children.length === 0) malformed('extensions: empty list', { offset: list.start });
  const extensions = new Map<string, RawExtension>();
  for (const ext of list.children) {
    expectUniversal(ext, TAG.SEQUENCE, 'extension');
    const [idNode, second, third, ...rest] = ext.children;
    const oid = readOid(bytes, expectUniversal(idNode, TAG.OID, 'extension id'));
    let critical = false;
    let valueNode = second;
    if (isUniversal(second, TAG.BOOLEAN)) {
      critical = bytes[second.contentStart] === 0xff;
      // critical is DEFAULT FALSE: DER (X.690 11.5) omits a value equal to its default.
      if (!critical) malformed(`extension ${oid}: critical FALSE is written out (DER omits defaults)`, { extension: oid });
      valueNode = third;
    } else if (third !== undefined) {
      malformed(`extension ${oid}: unexpected value after extnValue`, { extension: oid });
    }
    if (rest.length > 0) malformed(`extension ${oid}: unexpected value after extnValue`, { extension: oid });
    const value = expectUniversal(valueNode, TAG.OCTET_STRING, `extension ${oid} value`);
    // RFC 5280 4.2: a certificate MUST NOT include more than one instance of a particular extension.
    if (extensions.has(oid)) profile(`extension ${oid} appears more than once`, { extension: oid });
    extensions.set(oid, { oid, critical, value });
  }
  return extensions;
}

/** The extension's own DER, read strictly: extnValue is an OCTET STRING, so the outer walk did not look inside. */
function inner(bytes: Uint8Array, ext: RawExtension): DerNode {
  return readDer(bytes, ext.value.contentStart, ext.value.end);
}

export const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsageBit = (typeof KEY_USAGE_BITS)[number];

/** The named bits of a keyUsage extension, in bit order. */
export function readKeyUsage(bytes: Uint8Array, ext: RawExtension): KeyUsageBit[] {
  const node = expectUniversal(inner(bytes, ext), TAG.BIT_STRING, 'keyUsage');
  const { unusedBits, data } = bitString(bytes, node);
  // DER (X.690 11.2.2) drops trailing zero bits of a named bit list, so the last bit present is set.
  if (data.length > 0 && (data[data.length - 1]! & (1 << unusedBits)) === 0) {
    malformed('keyUsage: the named bit list has trailing zero bits (not DER)');
  }
  const bits: KeyUsageBit[] = [];
  // Stryker disable next-line ArithmeticOperator: counting the unused bits in reads only padding bits (zero, checked by readDer) and bits past the data (undefined & mask is 0)
  const total = data.length * 8 - unusedBits;
  // Stryker disable next-line EqualityOperator: i <= total reads one more bit, a zero padding bit or one past the data, which is skipped
  for (let i = 0; i < total; i++) {
    if ((data[i >> 3]! & (0x80 >> (i & 7))) === 0) continue;
    const name = KEY_USAGE_BITS[i];
    if (name === undefined) profile(`keyUsage: bit ${i} is not a defined key usage`, { bit: i });
    bits.push(name);
  }
  return bits;
}

export function readSubjectKeyIdentifier(bytes: Uint8Array, ext: RawExtension): string {
  return toHex(content(bytes, expectUniversal(inner(bytes, ext), TAG.OCTET_STRING, 'subjectKeyIdentifier')));
}

/** The keyIdentifier of an authorityKeyIdentifier, `undefined` when it names the issuer only by name and serial. */
export function readAuthorityKeyIdentifier(bytes: Uint8Array, ext: RawExtension): string | undefined {
  const seq = expectUniversal(inner(bytes, ext), TAG.SEQUENCE, 'authorityKeyIdentifier');
  let keyId: string | undefined;
  let last = -1;
  for (const field of seq.children) {
    // [0] keyIdentifier (primitive), [1] authorityCertIssuer (constructed), [2] serial (primitive), in order.
    const tag = field.cls === 2 ? field.number : -1;
    if (tag < 0 || tag > 2 || tag <= last || field.constructed !== (tag === 1)) {
      malformed('authorityKeyIdentifier: unexpected field', { offset: field.start });
    }
    last = tag;
    if (tag === 0) keyId = toHex(content(bytes, field));
  }
  return keyId;
}

export function readCertificatePolicies(bytes: Uint8Array, ext: RawExtension): string[] {
  const seq = expectUniversal(inner(bytes, ext), TAG.SEQUENCE, 'certificatePolicies');
  if (seq.children.length === 0) malformed('certificatePolicies: empty list');
  return seq.children.map((info) => {
    expectUniversal(info, TAG.SEQUENCE, 'certificatePolicies PolicyInformation');
    const [id, qualifiers, ...rest] = info.children;
    if (rest.length > 0 || (qualifiers !== undefined && !isUniversal(qualifiers, TAG.SEQUENCE))) {
      malformed('certificatePolicies: unexpected field in PolicyInformation', { offset: info.start });
    }
    return readOid(bytes, expectUniversal(id, TAG.OID, 'certificatePolicies policy id'));
  });
}

export function readBasicConstraints(bytes: Uint8Array, ext: RawExtension): { ca: boolean; pathLength?: number } {
  const seq = expectUniversal(inner(bytes, ext), TAG.SEQUENCE, 'basicConstraints');
  const [first, second, ...rest] = seq.children;
  let ca = false;
  let lengthNode = first;
  if (isUniversal(first, TAG.BOOLEAN)) {
    ca = bytes[first.contentStart] === 0xff;
    if (!ca) malformed('basicConstraints: cA FALSE is written out (DER omits defaults)');
    lengthNode = second;
  } else if (second !== undefined) {
    malformed('basicConstraints: unexpected field');
  }
  if (rest.length > 0) malformed('basicConstraints: unexpected field');
  if (lengthNode === undefined) return { ca };
  const raw = content(bytes, expectUniversal(lengthNode, TAG.INTEGER, 'basicConstraints pathLenConstraint'));
  if (raw[0]! >= 0x80 || raw.length > 4) profile('basicConstraints: pathLenConstraint out of range');
  return { ca, pathLength: raw.reduce((n, b) => n * 256 + b, 0) };
}

/** The otherName type-ids a subjectAltName carries; devices use hardwareModuleName. */
export function readSubjectAltNameOtherNames(bytes: Uint8Array, ext: RawExtension): string[] {
  const seq = expectUniversal(inner(bytes, ext), TAG.SEQUENCE, 'subjectAltName');
  const types: string[] = [];
  for (const name of seq.children) {
    if (isContext(name, 0) && name.constructed && isUniversal(name.children[0], TAG.OID)) {
      types.push(readOid(bytes, name.children[0]));
    }
  }
  return types;
}

export const KNOWN_EXTENSIONS: ReadonlySet<string> = new Set([
  OID.keyUsage,
  OID.basicConstraints,
  OID.certificatePolicies,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
  OID.subjectAltName,
]);
