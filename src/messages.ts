/**
 * The one place findings become prose: each code's message is its description (codes.ts) followed by a detail
 * rendered from the finding's params (finding-params.ts). Renderers only format values, so they cannot throw on a
 * crafted one.
 */
import { CERTIFICATE_PARTY_CODES, CODES, type CertificatePartyCode } from './codes.js';
import type { CertificatePartyParams, FindingParamsByCode, SchemaProblem } from './finding-params.js';
import type { FindingCode } from './findings.js';

type Renderers = { readonly [C in FindingCode]: (params: FindingParamsByCode[C], path: string | undefined) => string };

const list = (values: readonly string[] | undefined): string => (values && values.length > 0 ? values.join(', ') : 'none');
const at = (p: { line: number; column: number }): string => `(line ${p.line}, column ${p.column})`;

const SCHEMA_PROBLEMS: { readonly [P in SchemaProblem]: (expected: string | null, received: string | null) => string } = {
  root: (expected, received) => `the root element is ${received}, expected ${expected}`,
  'missing-attribute': (expected) => `the required attribute ${expected} is missing`,
  attribute: (_e, received) => `attribute ${received} is not allowed`,
  'missing-element': (expected, received) => (received ? `expected ${expected}, found ${received}` : `missing required element ${expected}`),
  'unexpected-element': (_e, received) => `unexpected element ${received}`,
  'character-data': () => 'character data is not allowed in element-only content',
  'child-element': (_e, received) => `element ${received} is not allowed in a simple value`,
  value: (expected, received) => `'${received}' is not ${expected}`,
};

function certificateParty(p: CertificatePartyParams): string {
  const where =
    p.source === 'registry'
      ? `MPAN ${p.mpan} (distributor ${p.distributorId}${p.distributorName ? ` ${p.distributorName}` : ''})`
      : `${p.deviceType} ${p.deviceId}`;
  const source = p.source === 'registration-data' ? 'registration data for the device' : `registry for distributor ${p.distributorId}`;
  if (p.entityId === null) {
    const candidates = p.candidates && p.candidates.length > 0 ? `: ${list(p.candidates)}` : '';
    return `the ${p.certificateType} certificate carries no single Entity ID (${p.unreadable}${candidates}), so it cannot be shown to belong to ${list(p.allowed)}, which ${where} allows (${source})`;
  }
  return `the ${p.certificateType} certificate belongs to ${p.entityId}, but ${where} allows ${list(p.allowed)} (${source})`;
}

const RENDERERS: Renderers = {
  E1: (p) => `User ID ${p.userId} (the RequestID originator) is not a known User`,
  E2: (p) => `User ${p.userId} has User Role ${p.userRole}; ${p.srv} is for ${list(p.eligible)}`,
  E11: (p) => `Device ${p.deviceId} is a ${p.deviceType}; ${p.srv} targets ${list(p.eligible)}`,
  E12: (p) => `Command Variant ${p.commandVariant} cannot carry a ${p.body} body (expected ${p.expected})`,
  E19: (p) => `Device ID ${p.deviceId} (the RequestID target) is not a known Device`,
  E061501: (p) => `a ${p.userRole} User may not replace ${p.remotePartyRole} certificates on a ${p.deviceType}`,
  E061504: (p) => `a top-up floor sequence number (${p.floor}) does not apply to ${p.remotePartyRole} certificates on a ${p.deviceType}`,
  E061505: (p) => `a ${p.deviceType} has no ${p.certificateType} certificate (it has ${list(p.allowed)})`,
  E061506: (p) =>
    `${p.remotePartyRole} certificates cannot be replaced future dated (ExecutionDateTime ${p.executionDateTime}); allowed for ${list(p.allowed)}`,
  E061507: (p) => `${p.remotePartyRole} has no ${p.certificateType} certificate (it has ${list(p.allowed)})`,
  ...(Object.fromEntries(CERTIFICATE_PARTY_CODES.map((code) => [code, certificateParty])) as {
    readonly [C in CertificatePartyCode]: typeof certificateParty;
  }),

  INPUT_INVALID: (p) => p.reason,
  XML_TOO_LARGE: (p) => (p.received === null ? `the document exceeds ${p.limit} bytes` : `the document has ${p.received} bytes, the limit is ${p.limit}`),
  XML_TOO_DEEP: (p) => `<${p.element}> nests elements deeper than ${p.limit} levels ${at(p)}`,
  XML_TOO_MANY_ATTRIBUTES: (p) => `an element has more than ${p.limit} attributes ${at(p)}`,
  XML_TOO_MANY_NODES: (p) => `the document has more than ${p.limit} nodes ${at(p)}`,
  XML_DTD_FORBIDDEN: (p) => `the document has a DOCTYPE ${at(p)}`,
  XML_MALFORMED: (p) => `${p.reason} ${at(p)}`,
  SCHEMA_VIOLATION: (p, path) => `${path ? `${path}: ` : ''}${SCHEMA_PROBLEMS[p.problem](p.expected, p.received)}`,
  SERVICE_NOT_SUPPORTED: (p) => `Service Reference ${p.serviceReference} / Variant ${p.serviceReferenceVariant}`,
  SERVICE_NOT_VALIDATED: (p) => `${p.srv} ${p.name}: its ${p.body} body is not validated`,
  EXECUTION_DATETIME_NO_TIMEZONE: (p) => `ExecutionDateTime ${p.executionDateTime} has no timezone (add Z or an offset)`,
  NO_REPLACEMENT_CERTIFICATES: (p) => `the ${p.srv} request's ReplacementCertificates hold none`,
  REMOTE_PARTY_ROLE_NOT_ALLOWED: (p) => `${p.srv} places certificates for ${list(p.allowed)}, not ${p.remotePartyRole}`,
  CERTIFICATE_TYPE_NOT_FOR_DEVICE: (p) => `a ${p.deviceType} has no ${p.certificateType} certificate (it has ${list(p.allowed)})`,
  CERTIFICATE_TYPE_NOT_FOR_ROLE: (p) => `${p.remotePartyRole} has no ${p.certificateType} certificate (it has ${list(p.allowed)})`,

  CERTIFICATE_MALFORMED: (p) => p.reason,
  CERTIFICATE_PROFILE: (p) => p.reason,
  CERTIFICATE_NOT_ORGANISATION: (p) => p.reason,
  CERTIFICATE_ROLE_MISMATCH: (p) =>
    `the ${p.certificateType} certificate of ${p.entityId} has OU ${p.ou} (${p.received}), the request replaces ${p.expected}`,
  CERTIFICATE_KEY_USAGE_MISMATCH: (p) => `the ${p.certificateType} slot needs a ${p.expected} certificate, this one is ${p.received}`,
  CERTIFICATE_ENTITY_INCONSISTENT: (p) =>
    `the ${p.firstCertificateType} certificate belongs to ${p.expected}, the ${p.certificateType} certificate to ${p.received}`,
  CERTIFICATE_PATH_MISMATCH: (p) =>
    `the ${p.certificateType} certificate's Authority Key Identifier ${p.received ?? '(absent)'} matches no certification path certificate (${p.expected.length > 0 ? p.expected.join(', ') : 'none decoded'})`,
  CERTIFICATE_NOT_VALID_NOW: (p) => `the certificate of ${p.subject} is valid from ${p.notBefore} to ${p.notAfter}, not at ${p.at}`,

  MPAN_UNKNOWN: (p) => `no MPAN is known for Device ${p.deviceId}`,
  MPAN_INVALID: (p) => `MPAN ${p.mpan} of Device ${p.deviceId}: ${p.reason}`,
  NETWORK_OPERATOR_UNKNOWN: (p) =>
    `no Network Operator Entity ID is registered for distributor ${p.distributorId}${p.distributorName ? ` (${p.distributorName})` : ''} (MPAN ${p.mpan})`,
  GAS_TRANSPORTER_UNKNOWN: (p) => `${p.deviceType} ${p.deviceId} has no registration data naming its gas transporter`,

  SIGNATURE_MISSING: () => 'the request carries no ds:Signature',
  SIGNATURE_PROFILE: (p) => p.reason,
  SIGNATURE_INVALID: (p) => {
    switch (p.reason) {
      case 'signature-length':
        return `SignatureValue holds ${p.received} bytes; an ecdsa-sha256 value is r||s, ${p.expected} bytes${p.derEncoded ? ' (this looks DER-encoded)' : ''}`;
      case 'digest':
        return 'the digest of the document does not match DigestValue: the signed content was changed';
      case 'signature':
        return `SignatureValue does not verify under the key of certificate ${p.serialNumber} (${p.issuer})`;
    }
  },
  SIGNER_UNKNOWN: (p) => `no signer certificate has issuer '${p.issuer}' and serial number ${p.serialNumber}`,
  SIGNER_NOT_ORIGINATOR: (p) => `the request was signed by ${p.received || '(no Entity ID)'}, its RequestID originator is ${p.expected}`,
  SIGNER_NOT_VALID_NOW: (p) =>
    `the certificate of ${p.entityId} (serial ${p.serialNumber}) is valid from ${p.notBefore} to ${p.notAfter}, not at ${p.at}`,
  SIGNER_ROLE: (p) =>
    p.reason === 'role'
      ? `the signer certificate has OU ${p.received}; request signers have ${p.expected.join(' or ')}`
      : `the signer certificate's keyUsage is ${p.received}, not digitalSignature`,

  RESPONSE_WRONG_SERVICE: (p) => `${p.deviceId ? `the response from ${p.deviceId}` : 'the response'} is ${p.received}, not 6.24.1`,
  RESPONSE_NO_REMOTE_PARTY_DETAILS: (p) => `the response from ${p.deviceId} (counter ${p.counter}) has no RemotePartyDetails`,
  CONTEXT_INVALID: (p) => `${p.jsonPath}: ${p.reason}`,
  LOOKUP_FAILED: (p) => `the ${p.lookup} look-up for ${p.key} failed (${p.error})`,
};

/** The message of a finding: the code's description, then what the params (and, for structure, the path) say. */
export function renderMessage<C extends FindingCode>(code: C, params: FindingParamsByCode[C], path?: string): string {
  const detail = (RENDERERS[code] as (p: FindingParamsByCode[C], path: string | undefined) => string)(params, path);
  return detail ? `${CODES[code].description}: ${detail}` : CODES[code].description;
}
