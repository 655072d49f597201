import { finding, type Finding } from '../findings.js';
import { parseXml, type XmlInput, type XmlLimits } from '../xml/parse-xml.js';
import type { XmlElement } from '../xml/tree.js';
import { checkNoAttributes, matchSequence, simpleContent, violation, type Matched, type Particle } from './content.js';
import {
  collapse,
  isDecimal,
  compactBase64,
  parseBoolean,
  parseDateTime,
  parseNonNegativeInteger,
  parseSmallPositiveInteger,
} from './lexical.js';
import {
  CERTIFICATE_SLOTS,
  REMOTE_PARTY_ROLES,
  type CertificateSlot,
  type EmbeddedCertificate,
  type ExecutionDateTime,
  type RemotePartyRole,
  type ReplacementCertificate,
  type RequestHeader,
  type UpdateSecurityCredentialsKRPBody,
  type UpdateSecurityCredentialsKRPRequest,
} from './model.js';
import { DUIS_NAMESPACE, SERVICE_REFERENCE, SERVICE_REFERENCE_VARIANT, XMLDSIG_NAMESPACE } from './namespaces.js';
import { parseRequestId } from './request-id.js';

/** Options of {@link parseRequest}. */
export interface ParseRequestOptions {
  readonly limits?: Partial<XmlLimits>;
}

/** The typed request and its tree, or the structural findings (each with a path). */
export type ParseRequestResult =
  | { readonly ok: true; readonly request: UpdateSecurityCredentialsKRPRequest; readonly root: XmlElement }
  | { readonly ok: false; readonly findings: readonly Finding[]; readonly root?: XmlElement };

const FLOOR_MAX = 9_223_372_036_854_775_807n; // DUIS XSD V5.4 floorSequenceNumber maxInclusive
const BODY = 'UpdateSecurityCredentialsKRP';

const sr = (localName: string, min = 1, max = 1): Particle => ({ namespace: DUIS_NAMESPACE, localName, min, max });

// DUIS XSD V5.4 `Request`, `Request/Header`, `UpdateSecurityCredentialsKRP` (extending FutureDatedAbstractType),
// `ReplacementCertificatesKRP`, `SupplierOrNetworkOperatorCertificatesKRP`, `CertificationPathCertificates`.
const REQUEST: readonly Particle[] = [
  sr('Header'),
  sr('Body'),
  { namespace: XMLDSIG_NAMESPACE, localName: 'Signature', min: 0, max: 1 },
];
const HEADER: readonly Particle[] = [
  sr('RequestID'),
  sr('FirstInSequence', 0),
  sr('PrecedingServiceRequestID', 0),
  sr('CommandVariant'),
  sr('ServiceReference'),
  sr('ServiceReferenceVariant'),
];
const KRP: readonly Particle[] = [
  sr('ExecutionDateTime', 0),
  sr('RemotePartyRole'),
  sr('RemotePartyFloorSeqNumber', 0),
  sr('RemotePartyPrepaymentTopUpFloorSeqNumber', 0),
  sr('ReplacementCertificates'),
  sr('CertificationPathCertificates'),
  sr('ApplyTimeBasedCPVChecks'),
];
const REPLACEMENT: readonly Particle[] = [sr('SupplierOrNetworkOperatorCertificates')];
const SLOTS: readonly Particle[] = CERTIFICATE_SLOTS.map((slot) => sr(`${slot}Certificate`, 0));
const PATH: readonly Particle[] = [sr('Certificate', 1, 3)]; // DUIS XSD V5.4: maxOccurs=3
const ds = (localName: string, min = 1, max = 1): Particle => ({ namespace: XMLDSIG_NAMESPACE, localName, min, max });
// XML-DSig core schema `SignatureType`. The DUIS profile inside it is the signature verifier's business.
const SIGNATURE: readonly Particle[] = [ds('SignedInfo'), ds('SignatureValue'), ds('KeyInfo', 0), ds('Object', 0, Infinity)];

/**
 * Parses a DUIS 6.15.1 Update Security Credentials (KRP) request into a typed model, checking everything the
 * DUIS XML Schema enforces for it. Never throws for bad input: problems come back as findings with a path.
 */
export function parseRequest(xml: XmlInput, options: ParseRequestOptions = {}): ParseRequestResult {
  const parsed = parseXml(xml, options.limits);
  if (!parsed.ok) return { ok: false, findings: [parsed.error] };
  return readRequest(parsed.root);
}

/** Builds the model from an already parsed tree (the signature verifier hands over the tree it verified). */
export function readRequest(root: XmlElement): ParseRequestResult {
  const findings: Finding[] = [];
  const request = readRoot(root, findings);
  return request && findings.length === 0 ? { ok: true, request, root } : { ok: false, findings, root };
}

function readRoot(root: XmlElement, findings: Finding[]): UpdateSecurityCredentialsKRPRequest | undefined {
  if (root.localName !== 'Request' || root.namespace !== DUIS_NAMESPACE) {
    findings.push(
      violation('/', `the root element is ${root.name} in namespace ${root.namespace ?? '(none)'}, expected Request in ${DUIS_NAMESPACE}`),
    );
    return undefined;
  }
  const path = '/Request';
  if (!checkNoAttributes(root, path, findings, ['schemaVersion'])) return undefined;
  const schemaVersion = root.attributes.find((a) => a.namespace === null && a.localName === 'schemaVersion');
  if (!schemaVersion) {
    findings.push(violation(path, 'the required attribute schemaVersion is missing', { expected: 'schemaVersion' }));
    return undefined;
  }
  if (!isDecimal(schemaVersion.value)) {
    findings.push(
      violation(`${path}/@schemaVersion`, `schemaVersion '${schemaVersion.value}' is not a decimal`, {
        received: schemaVersion.value,
      }),
    );
    return undefined;
  }
  const parts = matchSequence(root, path, REQUEST, findings);
  if (!parts) return undefined;
  const header = readHeader(one(parts, 'Header'), `${path}/Header`, findings);
  if (!header) return undefined;
  const body = readBody(one(parts, 'Body'), `${path}/Body`, findings);
  if (!body) return undefined;
  const signature = parts.get('Signature')?.[0];
  if (signature && !checkSignatureShape(signature, `${path}/Signature`, findings)) return undefined;
  return { schemaVersion: collapse(schemaVersion.value), header, body, ...(signature ? { signature } : {}) };
}

function checkSignatureShape(signature: XmlElement, path: string, findings: Finding[]): boolean {
  return checkNoAttributes(signature, path, findings, ['Id']) && matchSequence(signature, path, SIGNATURE, findings) !== undefined;
}

function one(matched: Matched, name: string): XmlElement {
  return matched.get(name)![0]!;
}

function optional(matched: Matched, name: string): XmlElement | undefined {
  return matched.get(name)?.[0];
}

function readHeader(element: XmlElement, path: string, findings: Finding[]): RequestHeader | undefined {
  if (!checkNoAttributes(element, path, findings)) return undefined;
  const parts = matchSequence(element, path, HEADER, findings);
  if (!parts) return undefined;

  const value = (name: string): string | undefined =>
    simpleContent(one(parts, name), `${path}/${name}`, findings);
  const invalid = (name: string, received: string, expected: string): undefined => {
    findings.push(
      violation(`${path}/${name}`, `'${received}' is not ${expected}`, { expected, received }),
    );
    return undefined;
  };

  const requestIdText = value('RequestID');
  if (requestIdText === undefined) return undefined;
  const requestId = parseRequestId(collapse(requestIdText));
  if (!requestId) return invalid('RequestID', requestIdText, 'OriginatorEUI:TargetEUI:Counter (counter 0..2^64-1)');

  let firstInSequence: boolean | undefined;
  const firstElement = optional(parts, 'FirstInSequence');
  if (firstElement) {
    const text = simpleContent(firstElement, `${path}/FirstInSequence`, findings);
    if (text === undefined) return undefined;
    firstInSequence = parseBoolean(text);
    if (firstInSequence === undefined) return invalid('FirstInSequence', text, 'a boolean (true, false, 1, 0)');
  }

  let precedingRequestId: RequestHeader['precedingRequestId'];
  const precedingElement = optional(parts, 'PrecedingServiceRequestID');
  if (precedingElement) {
    const text = simpleContent(precedingElement, `${path}/PrecedingServiceRequestID`, findings);
    if (text === undefined) return undefined;
    precedingRequestId = parseRequestId(collapse(text));
    if (!precedingRequestId) return invalid('PrecedingServiceRequestID', text, 'OriginatorEUI:TargetEUI:Counter');
  }

  const commandVariantText = value('CommandVariant');
  if (commandVariantText === undefined) return undefined;
  const commandVariant = parseSmallPositiveInteger(commandVariantText, 1, 9);
  if (commandVariant === undefined) return invalid('CommandVariant', commandVariantText, 'a Command Variant 1..9');

  // ServiceReference and ServiceReferenceVariant are xs:string enumerations: no whitespace collapsing.
  const serviceReference = value('ServiceReference');
  const serviceReferenceVariant = value('ServiceReferenceVariant');
  if (serviceReference === undefined || serviceReferenceVariant === undefined) return undefined;
  if (serviceReferenceVariant !== SERVICE_REFERENCE_VARIANT || serviceReference !== SERVICE_REFERENCE) {
    findings.push(
      finding('SERVICE_NOT_SUPPORTED', {
        detail: `Service Reference ${serviceReference} / Variant ${serviceReferenceVariant}; this library validates ${SERVICE_REFERENCE} / ${SERVICE_REFERENCE_VARIANT}`,
        path: `${path}/ServiceReferenceVariant`,
        params: { expected: SERVICE_REFERENCE_VARIANT, received: serviceReferenceVariant, serviceReference },
      }),
    );
    return undefined;
  }

  return {
    requestId,
    ...(firstInSequence === undefined ? {} : { firstInSequence }),
    ...(precedingRequestId ? { precedingRequestId } : {}),
    commandVariant,
    serviceReference,
    serviceReferenceVariant,
  };
}

function readBody(element: XmlElement, path: string, findings: Finding[]): UpdateSecurityCredentialsKRPBody | undefined {
  if (!checkNoAttributes(element, path, findings)) return undefined;
  const first = element.children.find((node): node is XmlElement => node.type === 'element');
  // The DUIS Body is a choice of every service's body; we model only this one. A 6.15.1 request sent with
  // Command Variant 5-7 carries a SignedPreCommand instead, which is out of scope.
  if (first && first.namespace === DUIS_NAMESPACE && first.localName !== BODY) {
    findings.push(
      finding('SERVICE_NOT_SUPPORTED', {
        detail: `the body is ${first.localName}; this library validates ${BODY}`,
        path: `${path}/${first.localName}`,
        params: { expected: BODY, received: first.localName },
      }),
    );
    return undefined;
  }
  const parts = matchSequence(element, path, [sr(BODY)], findings);
  if (!parts) return undefined;
  return readKrp(one(parts, BODY), `${path}/${BODY}`, findings);
}

function readKrp(element: XmlElement, path: string, findings: Finding[]): UpdateSecurityCredentialsKRPBody | undefined {
  if (!checkNoAttributes(element, path, findings)) return undefined;
  const parts = matchSequence(element, path, KRP, findings);
  if (!parts) return undefined;
  const start = findings.length;

  const text = (name: string): string | undefined => {
    const child = optional(parts, name);
    return child && simpleContent(child, `${path}/${name}`, findings);
  };
  const invalid = (name: string, received: string, expected: string): void => {
    findings.push(violation(`${path}/${name}`, `'${received}' is not ${expected}`, { expected, received }));
  };

  let executionDateTime: ExecutionDateTime | undefined;
  const executionText = text('ExecutionDateTime');
  if (executionText !== undefined) {
    executionDateTime = parseDateTime(executionText);
    if (!executionDateTime) invalid('ExecutionDateTime', executionText, 'an xs:dateTime');
  }

  const roleText = text('RemotePartyRole');
  const role = roleText === undefined ? undefined : collapse(roleText);
  const remotePartyRole = REMOTE_PARTY_ROLES.find((r) => r === role);
  if (roleText !== undefined && !remotePartyRole) {
    invalid('RemotePartyRole', roleText, `one of ${REMOTE_PARTY_ROLES.join(', ')}`);
  }

  const floor = (name: string): bigint | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    const parsed = parseNonNegativeInteger(value, FLOOR_MAX);
    if (parsed === undefined) invalid(name, value, `an integer 0..${FLOOR_MAX}`);
    return parsed;
  };
  const remotePartyFloorSeqNumber = floor('RemotePartyFloorSeqNumber');
  const remotePartyPrepaymentTopUpFloorSeqNumber = floor('RemotePartyPrepaymentTopUpFloorSeqNumber');

  const replacementCertificates = readReplacements(one(parts, 'ReplacementCertificates'), `${path}/ReplacementCertificates`, findings);
  const certificationPathCertificates = readPath(
    one(parts, 'CertificationPathCertificates'),
    `${path}/CertificationPathCertificates`,
    findings,
  );

  const applyText = text('ApplyTimeBasedCPVChecks');
  const applyTimeBasedCpvChecks = applyText === undefined ? undefined : parseBoolean(applyText);
  if (applyText !== undefined && applyTimeBasedCpvChecks === undefined) {
    invalid('ApplyTimeBasedCPVChecks', applyText, 'a boolean (true, false, 1, 0)');
  }

  if (
    findings.length > start ||
    !remotePartyRole ||
    !replacementCertificates ||
    !certificationPathCertificates ||
    applyTimeBasedCpvChecks === undefined
  ) {
    return undefined;
  }
  return {
    kind: BODY,
    ...(executionDateTime ? { executionDateTime } : {}),
    remotePartyRole: remotePartyRole as RemotePartyRole,
    ...(remotePartyFloorSeqNumber === undefined ? {} : { remotePartyFloorSeqNumber }),
    ...(remotePartyPrepaymentTopUpFloorSeqNumber === undefined ? {} : { remotePartyPrepaymentTopUpFloorSeqNumber }),
    replacementCertificates,
    certificationPathCertificates,
    applyTimeBasedCpvChecks,
  };
}

function readReplacements(element: XmlElement, path: string, findings: Finding[]): ReplacementCertificate[] | undefined {
  if (!checkNoAttributes(element, path, findings)) return undefined;
  const outer = matchSequence(element, path, REPLACEMENT, findings);
  if (!outer) return undefined;
  const setPath = `${path}/SupplierOrNetworkOperatorCertificates`;
  const set = one(outer, 'SupplierOrNetworkOperatorCertificates');
  if (!checkNoAttributes(set, setPath, findings)) return undefined;
  const slots = matchSequence(set, setPath, SLOTS, findings);
  if (!slots) return undefined;
  const certificates: ReplacementCertificate[] = [];
  for (const slot of CERTIFICATE_SLOTS) {
    const slotElement = optional(slots, `${slot}Certificate`);
    if (!slotElement) continue;
    const certificate = readCertificate(slotElement, `${setPath}/${slot}Certificate`, findings, slot);
    if (!certificate) return undefined;
    certificates.push(certificate as ReplacementCertificate);
  }
  return certificates;
}

function readPath(element: XmlElement, path: string, findings: Finding[]): EmbeddedCertificate[] | undefined {
  if (!checkNoAttributes(element, path, findings)) return undefined;
  const parts = matchSequence(element, path, PATH, findings);
  if (!parts) return undefined;
  const certificates: EmbeddedCertificate[] = [];
  for (const [index, child] of parts.get('Certificate')!.entries()) {
    const certificate = readCertificate(child, `${path}/Certificate[${index + 1}]`, findings);
    if (!certificate) return undefined;
    certificates.push(certificate);
  }
  return certificates;
}

function readCertificate(
  element: XmlElement,
  path: string,
  findings: Finding[],
  slot?: CertificateSlot,
): EmbeddedCertificate | undefined {
  if (!checkNoAttributes(element, path, findings)) return undefined;
  const text = simpleContent(element, path, findings);
  if (text === undefined) return undefined;
  const compact = compactBase64(text);
  if (compact === undefined) {
    findings.push(
      violation(path, 'the value is not base64', {
        expected: 'xs:base64Binary',
        received: text.length > 40 ? `${text.slice(0, 40)}...` : text,
      }),
    );
    return undefined;
  }
  // DER bytes are decoded on first use: with a warm certificate cache they are never needed.
  let der: Uint8Array | undefined;
  return {
    base64: compact,
    path,
    ...(slot ? { slot } : {}),
    get der() {
      return (der ??= Buffer.from(compact, 'base64'));
    },
  };
}
