import { malformed } from './certificate-fault.js';
import { readTime } from './der-time.js';
import { readName, type ParsedName } from './distinguished-name.js';
import { readExtensions, type RawExtension } from './extensions.js';
import { OID, readOid } from './oid.js';
import {
  TAG,
  bitString,
  content,
  describeTag,
  expectUniversal,
  isContext,
  readDer,
  type DerNode,
} from './strict-der.js';

export interface AlgorithmIdentifier {
  readonly oid: string;
  readonly parameters?: DerNode;
}

/** An X.509 certificate read strictly but not yet held to the SMKI profile. */
export interface RawCertificate {
  /** The INTEGER in `[0]`; 0 (v1) when absent. */
  readonly version: number;
  /** The serialNumber INTEGER's content octets (two's complement). */
  readonly serial: Uint8Array;
  readonly tbsSignature: AlgorithmIdentifier;
  readonly issuer: ParsedName;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subject: ParsedName;
  readonly keyAlgorithm: AlgorithmIdentifier;
  readonly publicKey: { readonly unusedBits: number; readonly data: Uint8Array };
  readonly extensions: ReadonlyMap<string, RawExtension>;
  readonly signatureAlgorithm: AlgorithmIdentifier;
}

const NO_EXTENSIONS: ReadonlyMap<string, RawExtension> = new Map();

/** RFC 5280 4.1 structure. Any departure is `CERTIFICATE_MALFORMED`: the bytes are not an X.509 certificate. */
export function readCertificateStructure(bytes: Uint8Array): RawCertificate {
  const certificate = expectUniversal(readDer(bytes), TAG.SEQUENCE, 'Certificate');
  const [tbs, signatureAlgorithmNode, signatureValue, ...extra] = certificate.children;
  if (extra.length > 0) malformed('Certificate: more than three fields', { offset: extra[0]!.start });
  const tbsNode = expectUniversal(tbs, TAG.SEQUENCE, 'TBSCertificate');
  const signatureAlgorithm = readAlgorithm(bytes, signatureAlgorithmNode, 'signatureAlgorithm');
  const signature = expectUniversal(signatureValue, TAG.BIT_STRING, 'signatureValue');
  if (signatureAlgorithm.oid === OID.ecdsaWithSha256) checkEcdsaSignature(bytes, signature);

  const fields = tbsNode.children;
  let i = 0;
  let version = 0;
  const versionNode = fields[0];
  if (isContext(versionNode, 0) && versionNode.constructed) {
    if (versionNode.children.length !== 1) malformed('version: [0] must hold one INTEGER', { offset: versionNode.start });
    const raw = content(bytes, expectUniversal(versionNode.children[0], TAG.INTEGER, 'version'));
    version = raw.length === 1 ? raw[0]! : -1;
    i++;
  }
  const serial = content(bytes, expectUniversal(fields[i++], TAG.INTEGER, 'serialNumber'));
  const tbsSignature = readAlgorithm(bytes, fields[i++], 'TBSCertificate signature');
  const issuer = readName(bytes, fields[i++], 'issuer');
  const validity = expectUniversal(fields[i++], TAG.SEQUENCE, 'validity');
  if (validity.children.length !== 2) malformed('validity: must hold notBefore and notAfter', { offset: validity.start });
  const notBefore = readTime(bytes, validity.children[0], 'notBefore');
  const notAfter = readTime(bytes, validity.children[1], 'notAfter');
  const subject = readName(bytes, fields[i++], 'subject');
  const spki = expectUniversal(fields[i++], TAG.SEQUENCE, 'subjectPublicKeyInfo');
  if (spki.children.length !== 2) malformed('subjectPublicKeyInfo: must hold an algorithm and a key', { offset: spki.start });
  const keyAlgorithm = readAlgorithm(bytes, spki.children[0], 'subjectPublicKeyInfo algorithm');
  const publicKey = bitString(bytes, expectUniversal(spki.children[1], TAG.BIT_STRING, 'subjectPublicKey'));

  // issuerUniqueID [1], subjectUniqueID [2] (both primitive, IMPLICIT BIT STRING), extensions [3]; in that order.
  let extensions = NO_EXTENSIONS;
  let last = 0;
  for (; i < fields.length; i++) {
    const field = fields[i]!;
    const tag = field.cls === 2 ? field.number : -1;
    if (tag < 1 || tag > 3 || tag <= last || field.constructed !== (tag === 3)) {
      malformed(`TBSCertificate: unexpected field ${describeTag(field)}`, { offset: field.start });
    }
    last = tag;
    if (tag === 3) extensions = readExtensions(bytes, field);
  }
  return {
    version,
    serial,
    tbsSignature,
    issuer,
    notBefore,
    notAfter,
    subject,
    keyAlgorithm,
    publicKey,
    extensions,
    signatureAlgorithm,
  };
}

function readAlgorithm(bytes: Uint8Array, node: DerNode | undefined, what: string): AlgorithmIdentifier {
  const seq = expectUniversal(node, TAG.SEQUENCE, what);
  const [id, parameters, ...rest] = seq.children;
  if (rest.length > 0) malformed(`${what}: more than an OID and parameters`, { offset: seq.start });
  const oid = readOid(bytes, expectUniversal(id, TAG.OID, `${what} OID`));
  return parameters === undefined ? { oid } : { oid, parameters };
}

/** ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }, both positive (RFC 5480, SEC 1). */
function checkEcdsaSignature(bytes: Uint8Array, node: DerNode): void {
  const { unusedBits } = bitString(bytes, node);
  if (unusedBits !== 0) malformed('signatureValue: ECDSA signature with unused bits');
  const sig = expectUniversal(readDer(bytes, node.contentStart + 1, node.end), TAG.SEQUENCE, 'ECDSA signature');
  if (sig.children.length !== 2) malformed('ECDSA signature: must hold r and s');
  for (const part of sig.children) {
    const raw = content(bytes, expectUniversal(part, TAG.INTEGER, 'ECDSA signature r/s'));
    if (raw[0]! >= 0x80 || (raw.length === 1 && raw[0] === 0)) malformed('ECDSA signature: r or s is not positive');
  }
}
