import { euiFromBytes } from '../duis/eui.js';
import { CertificateFault, malformed, notOrganisation, profile } from './certificate-fault.js';
import {
  KNOWN_EXTENSIONS,
  readAuthorityKeyIdentifier,
  readBasicConstraints,
  readCertificatePolicies,
  readKeyUsage,
  readSubjectAltNameOtherNames,
  readSubjectKeyIdentifier,
  type KeyUsageBit,
} from './extensions.js';
import { readString, type ParsedName } from './distinguished-name.js';
import { OID, readOid } from './oid.js';
import { isOnP256 } from './p256.js';
import { isAuthorityRole, roleFromOu, type RemotePartyRoleCode } from './role-codes.js';
import { TAG, isUniversal, toHex } from './strict-der.js';
import type { CertificateKeyUsage, DecodeResult, OrganisationCertificate } from './types.js';
import { readCertificateStructure, type AlgorithmIdentifier, type RawCertificate } from './x509-structure.js';
import { finding, type Finding } from '../findings.js';

/** SMKI organisation certificates are about 500 bytes; anything this large is not one, and is not parsed. */
export const MAX_CERTIFICATE_BYTES = 8 * 1024;

/**
 * Decodes an SMKI organisation certificate (GBCS profile, docs/domain.md): end-entity certificates of any
 * role, the Root and Issuing Authority CA certificates, and the DCC XML-signing certificates (OU 87, 89).
 * Device certificates are refused. Never throws: every problem is a `CERTIFICATE_*` finding.
 *
 * Checks run in three stages, so the code says what kind of problem the first one is: DER and X.509 structure
 * (`CERTIFICATE_MALFORMED`), device certificate (`CERTIFICATE_NOT_ORGANISATION`), then the organisation
 * profile (`CERTIFICATE_PROFILE`). The certificate's signature is not verified here: that needs the issuer.
 */
export function decodeCertificate(der: Uint8Array): DecodeResult {
  try {
    if (!(der instanceof Uint8Array)) malformed('the certificate is not a byte array');
    if (der.length === 0) malformed('the certificate is empty');
    if (der.length > MAX_CERTIFICATE_BYTES) {
      malformed(`the certificate is ${der.length} bytes, over the ${MAX_CERTIFICATE_BYTES}-byte limit`, {
        length: der.length,
        limit: MAX_CERTIFICATE_BYTES,
      });
    }
    const raw = readCertificateStructure(der);
    refuseDeviceCertificate(der, raw);
    return Object.freeze({ ok: true, certificate: Object.freeze(checkProfile(der, raw)) });
  } catch (error) {
    if (error instanceof CertificateFault) return failure(error.toFinding());
    // A defect of this decoder, not of the input; still not a reason to throw at the caller.
    return failure(
      finding('CERTIFICATE_MALFORMED', { reason: `the certificate could not be decoded (${error instanceof Error ? error.message : 'unknown error'})` }),
    );
  }
}

// Results are shared through the cache, so none of them may be changed by one of its readers.
function failure(error: Finding): DecodeResult {
  // Stryker disable next-line ConditionalExpression: every finding this decoder builds has params (toFinding and the guard both pass them), so the test is always true
  if (error.params) Object.freeze(error.params);
  return Object.freeze({ ok: false, error: Object.freeze(error) });
}

/** GBCS device certificates: empty subject, identity in a critical subjectAltName hardwareModuleName. */
function refuseDeviceCertificate(bytes: Uint8Array, raw: RawCertificate): void {
  const san = raw.extensions.get(OID.subjectAltName);
  if (san) {
    const otherNames = readSubjectAltNameOtherNames(bytes, san);
    const hardwareModule = otherNames.includes(OID.hardwareModuleName);
    notOrganisation(
      hardwareModule
        ? 'it has a subjectAltName hardwareModuleName (a device certificate)'
        : 'it has a subjectAltName, which organisation certificates never carry',
      { extension: OID.subjectAltName, hardwareModuleName: hardwareModule },
    );
  }
  if (raw.subject.attributes.length === 0) {
    notOrganisation('its subject is empty (a device certificate)', { subject: '' });
  }
}

function checkProfile(bytes: Uint8Array, raw: RawCertificate): OrganisationCertificate {
  if (raw.version !== 2) {
    profile(`it is X.509 v${raw.version + 1}, not v3`, { expected: 'v3', received: `v${raw.version + 1}` });
  }
  checkSignatureAlgorithm(raw.signatureAlgorithm, 'signatureAlgorithm');
  checkSignatureAlgorithm(raw.tbsSignature, 'TBSCertificate signature');
  checkPublicKey(bytes, raw);
  if (raw.issuer.attributes.length === 0) profile('the issuer is empty', { issuer: '' });
  const serialNumber = readSerial(raw.serial);

  const remotePartyRole = readRole(bytes, raw.subject);
  const keyUsage = readUsage(bytes, raw, remotePartyRole);
  const entityId = readEntityId(bytes, raw.subject, keyUsage === 'keyCertSign');
  for (const ext of raw.extensions.values()) {
    // RFC 5280 4.2: a certificate with a critical extension the reader does not know must be rejected.
    if (ext.critical && !KNOWN_EXTENSIONS.has(ext.oid)) {
      profile(`it has an unrecognised critical extension ${ext.oid}`, { extension: ext.oid });
    }
  }
  const root = isSelfIssuedRoot(bytes, raw, remotePartyRole);
  const policies = readPolicies(bytes, raw, root);
  const subjectKeyIdentifier = readSki(bytes, raw);
  const authorityKeyIdentifier = readAki(bytes, raw, root || isXmlSigningRole(remotePartyRole));
  const { issuer, subject } = raw;
  return {
    remotePartyRole,
    entityId,
    keyUsage,
    policies: Object.freeze(policies),
    subjectKeyIdentifier,
    ...(authorityKeyIdentifier === undefined ? {} : { authorityKeyIdentifier }),
    serialNumber: Object.freeze(serialNumber),
    issuer: Object.freeze({
      dn: issuer.dn,
      ...(issuer.commonName === undefined ? {} : { commonName: issuer.commonName }),
      attributes: Object.freeze(issuer.attributes.map((a) => Object.freeze(a))),
    }),
    subject: Object.freeze({
      ...(subject.commonName === undefined ? {} : { commonName: subject.commonName }),
      dn: subject.dn,
      attributes: Object.freeze(subject.attributes.map((a) => Object.freeze(a))),
    }),
    notBefore: raw.notBefore,
    notAfter: raw.notAfter,
    // Not bytes.slice(): on a Buffer that is a view, and the caller's (often pooled) memory would leak in.
    der: new Uint8Array(bytes),
  };
}

function checkSignatureAlgorithm(algorithm: AlgorithmIdentifier, what: string): void {
  if (algorithm.oid !== OID.ecdsaWithSha256) {
    profile(`${what} is ${algorithm.oid}, not ecdsa-with-SHA256`, {
      field: what,
      expected: OID.ecdsaWithSha256,
      received: algorithm.oid,
    });
  }
  // RFC 5758 3.2: the ECDSA AlgorithmIdentifiers have no parameters, not even NULL.
  if (algorithm.parameters) profile(`${what}: ecdsa-with-SHA256 must have no parameters`, { field: what });
}

function checkPublicKey(bytes: Uint8Array, raw: RawCertificate): void {
  const { keyAlgorithm, publicKey } = raw;
  if (keyAlgorithm.oid !== OID.ecPublicKey) {
    profile(`the public key algorithm is ${keyAlgorithm.oid}, not id-ecPublicKey`, {
      field: 'subjectPublicKeyInfo algorithm',
      expected: OID.ecPublicKey,
      received: keyAlgorithm.oid,
    });
  }
  const curve = isUniversal(keyAlgorithm.parameters, TAG.OID) ? readOid(bytes, keyAlgorithm.parameters) : undefined;
  if (curve !== OID.prime256v1) {
    profile(`the key is not on the named curve P-256 (${curve ?? 'no named curve'})`, {
      field: 'subjectPublicKeyInfo curve',
      expected: OID.prime256v1,
      received: curve ?? null,
    });
  }
  const { unusedBits, data } = publicKey;
  if (unusedBits !== 0 || data.length !== 65 || data[0] !== 0x04) {
    profile(
      `the public key is not a 65-byte uncompressed P-256 point (${data.length} bytes, first octet 0x${toHex(data.subarray(0, 1)) || '--'})`,
      { expected: '65-byte uncompressed point (0x04)', length: data.length, firstOctet: data[0] ?? null },
    );
  }
  if (!isOnP256(data)) profile('the public key is not a point on P-256', { field: 'subjectPublicKey' });
}

function readSerial(serial: Uint8Array): { hex: string; decimal: string } {
  // RFC 5280 4.1.2.2: positive, at most 20 octets.
  if (serial[0]! >= 0x80) profile('the serial number is negative', { serialNumber: toHex(serial) });
  const magnitude = serial.length > 1 && serial[0] === 0 ? serial.subarray(1) : serial;
  if (magnitude.length > 20) profile(`the serial number has ${magnitude.length} octets, over 20`, { octets: magnitude.length });
  const hex = toHex(magnitude);
  return { hex, decimal: BigInt(`0x${hex}`).toString(10) };
}

function readRole(bytes: Uint8Array, subject: ParsedName): RemotePartyRoleCode {
  const indices = attributeIndices(subject, OID.organizationalUnitName);
  if (indices.length === 0) profile('the subject has no OU (Remote Party Role)');
  if (indices.length > 1) {
    profile('the subject has more than one OU', {
      received: indices.map((i) => subject.attributes[i]!.value),
    });
  }
  const index = indices[0]!;
  // Stryker disable next-line StringLiteral: readName already read this node as a string (and threw for a bad one), so this call cannot fail and its label is never shown
  const text = readString(bytes, subject.valueNodes[index]!, 'subject OU');
  // Stryker disable next-line ConditionalExpression: roleFromOu(undefined) is undefined too (no alias, not two hex digits), so the guard only spares a call
  const role = text === undefined ? undefined : roleFromOu(text);
  if (!role) {
    profile(`the subject OU ${JSON.stringify(subject.attributes[index]!.value)} names no Remote Party Role`, {
      received: subject.attributes[index]!.value,
    });
  }
  return role;
}

function readUsage(bytes: Uint8Array, raw: RawCertificate, role: RemotePartyRoleCode): CertificateKeyUsage {
  const ext = raw.extensions.get(OID.keyUsage);
  if (!ext) profile('it has no keyUsage extension');
  if (!ext.critical) profile('its keyUsage extension is not critical', { extension: OID.keyUsage, critical: false });
  const bits = readKeyUsage(bytes, ext);
  const received = bits.join(',') || '(none)';
  const basic = raw.extensions.get(OID.basicConstraints);
  const ca = basic ? readBasicConstraints(bytes, basic).ca : false;

  let usage: CertificateKeyUsage | undefined;
  if (bits.length === 1 && (bits[0] === 'digitalSignature' || bits[0] === 'keyAgreement')) usage = bits[0];
  else if (isAuthorityRole(role) && isAuthorityUsage(bits)) usage = 'keyCertSign';
  if (!usage) {
    const expected = isAuthorityRole(role)
      ? 'digitalSignature, keyAgreement, or keyCertSign[+cRLSign]'
      : 'exactly one of digitalSignature, keyAgreement';
    profile(`keyUsage is ${received}; OU ${role.hex} needs ${expected}`, { expected, received, ou: role.hex });
  }
  // RFC 5280 4.2.1.9: keyCertSign if and only if basicConstraints cA.
  if ((usage === 'keyCertSign') !== ca) {
    profile(
      ca
        ? 'basicConstraints says CA, but keyUsage lacks keyCertSign'
        : 'keyUsage has keyCertSign, but basicConstraints does not say CA',
      { keyUsage: received, ca },
    );
  }
  return usage;
}

function isAuthorityUsage(bits: readonly KeyUsageBit[]): boolean {
  return bits.includes('keyCertSign') && bits.every((b) => b === 'keyCertSign' || b === 'cRLSign');
}

function readEntityId(bytes: Uint8Array, subject: ParsedName, authority: boolean): string {
  const indices = attributeIndices(subject, OID.x500UniqueIdentifier);
  if (indices.length === 0) {
    if (authority) return '';
    profile('the subject has no x500UniqueIdentifier (Entity Identifier)');
  }
  if (indices.length > 1) profile('the subject has more than one x500UniqueIdentifier');
  const node = subject.valueNodes[indices[0]!]!;
  if (!isUniversal(node, TAG.BIT_STRING)) {
    profile('the subject x500UniqueIdentifier is not a BIT STRING', { received: subject.attributes[indices[0]!]!.value });
  }
  const unusedBits = bytes[node.contentStart]!;
  const data = bytes.subarray(node.contentStart + 1, node.end);
  if (unusedBits !== 0 || data.length !== 8) {
    profile(`the subject x500UniqueIdentifier has ${data.length * 8 - unusedBits} bits, not 64`, {
      expected: 64,
      received: data.length * 8 - unusedBits,
      unusedBits,
    });
  }
  return euiFromBytes(data);
}

/**
 * The root (OU 00) certifies itself: issuer and subject are the same Name, byte for byte. Such a certificate has
 * no issuing CA to point to or inherit a policy from, and the test PKI root and DCC's root ZA carry neither an
 * authorityKeyIdentifier nor certificatePolicies.
 */
function isSelfIssuedRoot(bytes: Uint8Array, raw: RawCertificate, role: RemotePartyRoleCode): boolean {
  if (role.code !== 0x00) return false;
  const issuer = bytes.subarray(raw.issuer.node.start, raw.issuer.node.end);
  const subject = bytes.subarray(raw.subject.node.start, raw.subject.node.end);
  // Stryker disable next-line ConditionalExpression: both are DER Names, whose own length octets differ when their lengths do, so every() alone already tells them apart
  return issuer.length === subject.length && issuer.every((b, i) => b === subject[i]);
}

/**
 * The DCC test PKI's XML-signing certificates (OU 87, reference/smki/xml-sign-*.pem, issued by Z1) carry no
 * authorityKeyIdentifier; they are not GBCS organisation certificates, and are found by issuer and serial.
 */
function isXmlSigningRole(role: RemotePartyRoleCode): boolean {
  return role.code === 0x87 || role.code === 0x89;
}

// GBCS: certificatePolicies is critical.
function readPolicies(bytes: Uint8Array, raw: RawCertificate, root: boolean): string[] {
  const ext = raw.extensions.get(OID.certificatePolicies);
  if (!ext) {
    if (root) return [];
    profile('it has no certificatePolicies extension', {
      extension: OID.certificatePolicies,
      expected: 'present, critical',
      received: 'absent',
    });
  }
  if (!ext.critical) {
    profile('its certificatePolicies extension is not critical', {
      extension: OID.certificatePolicies,
      expected: 'critical',
      received: 'not critical',
    });
  }
  return readCertificatePolicies(bytes, ext);
}

/** GBCS: key identifiers are 8 octets (the SMKI uses RFC 5280 4.2.1.2 method 2). */
const KEY_IDENTIFIER_OCTETS = 8;

function readSki(bytes: Uint8Array, raw: RawCertificate): string {
  const ext = raw.extensions.get(OID.subjectKeyIdentifier);
  if (!ext) {
    profile('it has no subjectKeyIdentifier extension', {
      extension: OID.subjectKeyIdentifier,
      expected: 'present',
      received: 'absent',
    });
  }
  const hex = readSubjectKeyIdentifier(bytes, ext);
  checkKeyIdentifierLength(hex, 'subjectKeyIdentifier', OID.subjectKeyIdentifier);
  return hex;
}

function readAki(bytes: Uint8Array, raw: RawCertificate, mayLack: boolean): string | undefined {
  const ext = raw.extensions.get(OID.authorityKeyIdentifier);
  if (!ext) {
    if (mayLack) return undefined;
    profile('it has no authorityKeyIdentifier extension', {
      extension: OID.authorityKeyIdentifier,
      expected: 'present',
      received: 'absent',
    });
  }
  const hex = readAuthorityKeyIdentifier(bytes, ext);
  if (hex === undefined) {
    profile('its authorityKeyIdentifier has no keyIdentifier', {
      extension: OID.authorityKeyIdentifier,
      expected: KEY_IDENTIFIER_OCTETS,
      received: null,
    });
  }
  checkKeyIdentifierLength(hex, 'authorityKeyIdentifier keyIdentifier', OID.authorityKeyIdentifier);
  return hex;
}

function checkKeyIdentifierLength(hex: string, what: string, extension: string): void {
  const octets = hex.length / 2;
  if (octets !== KEY_IDENTIFIER_OCTETS) {
    profile(`its ${what} has ${octets} octets, not ${KEY_IDENTIFIER_OCTETS}`, {
      extension,
      expected: KEY_IDENTIFIER_OCTETS,
      received: octets,
    });
  }
}

function attributeIndices(name: ParsedName, type: string): number[] {
  const indices: number[] = [];
  name.attributes.forEach((a, i) => {
    if (a.type === type) indices.push(i);
  });
  return indices;
}
