/**
 * Reads a parsed 6.24.1 Retrieve Device Security Credentials (KRP) response: DCC Parse and Correlate output, MMC
 * XSD V5.4 `GBCSResponse`. The same one-tree parser and limits as requests; the parts the audit reads are checked
 * as the MMC XSD types them, and what it does not read (GBCSData, DebugInfo) only for its place in the sequence.
 *
 * Departures, deliberate: `ASN1Status` is read as any string (only `success` means the slot was read; the XSD
 * enumerates some fifty values for all services), and `RemotePartyFloorSeqNumber` is bounded at 2^64-1, the size
 * of a GBCS sequence number (the XSD leaves xs:nonNegativeInteger unbounded).
 */
import { checkNoAttributes, describeElement, invalidValue, matchSequence, one, optional, simpleContent, violation, type Particle } from '../duis/content.js';
import { parseEui } from '../duis/eui.js';
import { collapse, compactBase64, isDecimal, parseBoolean, parseDateTime, parseNonNegativeInteger } from '../duis/lexical.js';
import { REMOTE_PARTY_ROLES, type Eui64, type RemotePartyRole } from '../duis/model.js';
import { finding, type Finding } from '../findings.js';
import { parseXml, type XmlInput, type XmlLimits } from '../xml/parse-xml.js';
import type { XmlElement } from '../xml/tree.js';
import type { CertificateUsage, CredentialsResponse, RemotePartyDetail } from './model.js';

/** MMC XSD V5.4 targetNamespace. */
export const MMC_NAMESPACE = 'http://www.dccinterface.co.uk/ResponseAndAlert';

const ra = (localName: string, min = 1, max = 1): Particle => ({ namespace: MMC_NAMESPACE, localName, min, max });

/**
 * A copy of a short string that does not share the document's memory. The parser's text values are slices of the
 * whole document, and the audit keeps a few of them per device for as long as the estate is audited: without a
 * copy each device record would hold its 5 KB response alive (measured: 6.7 KB a device instead of 1.3 KB).
 */
// Stryker disable next-line StringLiteral: Buffer.from(text, '') decodes as UTF-8, the default, so '' for the first 'utf8' is equivalent
const detached = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');
const eui = (text: string): Eui64 | undefined => {
  const parsed = parseEui(collapse(text));
  return parsed === undefined ? undefined : detached(parsed);
};

const MAX_U64 = 18446744073709551615n;
const BODY_ELEMENT = 'RetrieveDeviceSecurityCredentialsKRPRsp';
const USAGES: readonly CertificateUsage[] = ['DigitalSigning', 'KeyAgreement', 'KeyAgreementTopUp', 'KeyCertSign'];

// MMC XSD V5.4 `HeaderType`.
const HEADER: readonly Particle[] = [
  ra('BusinessOriginatorID'),
  ra('BusinessTargetID'),
  ra('OriginatorCounter'),
  ra('SupplementaryRemotePartyID', 0),
  ra('SupplementaryRemotePartyCounter', 0),
  ra('SupplementaryOriginatorCounter', 0),
  ra('GBCSHexadecimalMessageCode', 0),
  ra('ServiceReference', 0),
  ra('ServiceReferenceVariant', 0),
  ra('Timestamp', 0),
];
const ROOT: readonly Particle[] = [ra('Header'), ra('Body')];
// `ResponsePayload`.
const RESPONSE_MESSAGE: readonly Particle[] = [ra('GBCSData', 0, 100), ra('SMETSData', 0), ra('DebugInfo', 0)];
const DETAILS: readonly Particle[] = [ra('RemotePartyDetails', 0, Number.MAX_SAFE_INTEGER)];
// `RemotePartyDetails`: every particle optional, so the XSD's nested optional sequence reads as one flat one.
const DETAIL: readonly Particle[] = [
  ra('RemotePartyRole', 0),
  ra('StatusCode', 0),
  ra('RemotePartyFloorSeqNumber', 0),
  ra('CertificateUsage', 0),
  ra('ExistingRemotePartyID', 0),
  ra('ExistingCertificateHash', 0),
];

/** The response read, or the findings that say why it could not be (with the device once the Header was read). */
export type ReadResponseResult =
  | { readonly ok: true; readonly response: CredentialsResponse }
  | { readonly ok: false; readonly findings: readonly Finding[]; readonly deviceId?: Eui64 };

/** Options of {@link readCredentialsResponse}. */
export interface ReadResponseOptions {
  readonly limits?: Partial<XmlLimits>;
}

/**
 * Reads one parsed 6.24.1 response into the audit's model, or returns why not: an XML finding, `SCHEMA_VIOLATION`
 * with the path, `RESPONSE_WRONG_SERVICE` (another response, an alert, another SRV in the Header), or
 * `RESPONSE_NO_REMOTE_PARTY_DETAILS`. Pure; never throws for bad input.
 */
export function readCredentialsResponse(xml: XmlInput, options: ReadResponseOptions = {}): ReadResponseResult {
  const parsed = parseXml(xml, options.limits);
  if (!parsed.ok) return { ok: false, findings: [parsed.error] };
  const findings: Finding[] = [];
  // The device, once the Header is read: a response that fails later still says whose it was.
  const seen: { deviceId?: Eui64 } = {};
  const response = readRoot(parsed.root, findings, seen);
  return response ? { ok: true, response } : { ok: false, findings, ...seen };
}

function readRoot(root: XmlElement, findings: Finding[], seen: { deviceId?: Eui64 }): CredentialsResponse | undefined {
  const path = `/${root.localName}`;
  if (root.localName !== 'GBCSResponse' || root.namespace !== MMC_NAMESPACE) {
    findings.push(violation(path, 'root', `{${MMC_NAMESPACE}}GBCSResponse`, describeElement(root)));
    return undefined;
  }
  const schemaVersion = root.attributes.find((a) => a.namespace === null && a.localName === 'schemaVersion');
  if (!schemaVersion) {
    findings.push(violation(path, 'missing-attribute', 'schemaVersion'));
    return undefined;
  }
  if (!isDecimal(schemaVersion.value)) {
    findings.push(invalidValue(`${path}/@schemaVersion`, schemaVersion.value, 'xs:decimal'));
    return undefined;
  }
  if (!checkNoAttributes(root, path, findings, ['schemaVersion'])) return undefined;
  const parts = matchSequence(root, path, ROOT, findings);
  if (!parts) return undefined;
  const header = readHeader(one(parts, 'Header'), `${path}/Header`, findings);
  if (!header) return undefined;
  seen.deviceId = header.deviceId;
  const body = readBody(one(parts, 'Body'), `${path}/Body`, header.deviceId, findings);
  if (!body) return undefined;
  if (body.parties.length === 0) {
    findings.push(finding('RESPONSE_NO_REMOTE_PARTY_DETAILS', { deviceId: header.deviceId, counter: header.counter.toString() }, { path: body.path }));
    return undefined;
  }
  return {
    deviceId: header.deviceId,
    targetId: header.targetId,
    counter: header.counter,
    ...(header.timestamp === undefined ? {} : { timestamp: header.timestamp }),
    ...(body.messageSuccess === undefined ? {} : { messageSuccess: body.messageSuccess }),
    parties: body.parties,
  };
}

interface ReadHeader {
  readonly deviceId: Eui64;
  readonly targetId: Eui64;
  readonly counter: bigint;
  readonly timestamp?: string;
}

function readHeader(element: XmlElement, path: string, findings: Finding[]): ReadHeader | undefined {
  if (!checkNoAttributes(element, path, findings)) return undefined;
  const parts = matchSequence(element, path, HEADER, findings);
  if (!parts) return undefined;
  const text = (name: string, child: XmlElement | undefined = optional(parts, name)): string | undefined =>
    child && simpleContent(child, `${path}/${name}`, findings);
  const euiElement = (name: string): Eui64 | undefined | null => {
    const child = optional(parts, name);
    if (!child) return null;
    const value = text(name, child);
    if (value === undefined) return undefined;
    const parsed = eui(value);
    if (!parsed) findings.push(invalidValue(`${path}/${name}`, value, 'an EUI-64 (8 hyphen-separated hex pairs)'));
    return parsed;
  };
  const counter = (name: string): bigint | undefined | null => {
    const child = optional(parts, name);
    if (!child) return null;
    const value = text(name, child);
    if (value === undefined) return undefined;
    const parsed = parseNonNegativeInteger(value, MAX_U64);
    if (parsed === undefined) findings.push(invalidValue(`${path}/${name}`, value, 'a counter 0..18446744073709551615'));
    return parsed;
  };

  const deviceId = euiElement('BusinessOriginatorID');
  const targetId = euiElement('BusinessTargetID');
  const originatorCounter = counter('OriginatorCounter');
  // Stryker disable next-line ConditionalExpression: `originatorCounter === null` (absent) cannot hold, matchSequence already required OriginatorCounter (minOccurs 1)
  if (!deviceId || !targetId || originatorCounter === undefined || originatorCounter === null) return undefined;
  if (euiElement('SupplementaryRemotePartyID') === undefined) return undefined;
  if (counter('SupplementaryRemotePartyCounter') === undefined || counter('SupplementaryOriginatorCounter') === undefined) return undefined;

  const messageCode = optional(parts, 'GBCSHexadecimalMessageCode');
  if (messageCode) {
    const value = text('GBCSHexadecimalMessageCode', messageCode);
    if (value === undefined) return undefined;
    if (!/^(?:[0-9A-Fa-f]{2})*$/.test(collapse(value))) {
      findings.push(invalidValue(`${path}/GBCSHexadecimalMessageCode`, value, 'xs:hexBinary'));
      return undefined;
    }
  }
  // xs:string enumerations in the MMC XSD: compared as written, no whitespace collapsing. Absent is allowed.
  for (const [name, expected] of [['ServiceReference', '6.24'], ['ServiceReferenceVariant', '6.24.1']] as const) {
    const child = optional(parts, name);
    if (!child) continue;
    const value = text(name, child);
    if (value === undefined) return undefined;
    if (value !== expected) {
      findings.push(finding('RESPONSE_WRONG_SERVICE', { deviceId, received: `${name} ${value}` }, { path: `${path}/${name}` }));
      return undefined;
    }
  }
  const timestamp = readTimestamp(optional(parts, 'Timestamp'), `${path}/Timestamp`, findings);
  if (timestamp === null) return undefined;
  // Stryker disable next-line ConditionalExpression: a `timestamp: undefined` key here is not observable, readRoot spreads it only when defined
  return { deviceId, targetId, counter: originatorCounter, ...(timestamp === undefined ? {} : { timestamp }) };
}

/** `Timestamp`: xs:dateTime with optional `isFromGSME` (boolean) and `ClockStatus` attributes; `null` when invalid. */
function readTimestamp(element: XmlElement | undefined, path: string, findings: Finding[]): string | undefined | null {
  if (!element) return undefined;
  for (const attribute of element.attributes) {
    if (attribute.namespace !== null) continue;
    const valid =
      attribute.localName === 'isFromGSME'
        ? parseBoolean(attribute.value) !== undefined
        : attribute.localName === 'ClockStatus'
          ? ['reliable', 'invalid', 'unreliable'].includes(attribute.value)
          : undefined;
    if (valid === false) {
      findings.push(invalidValue(`${path}/@${attribute.localName}`, attribute.value, attribute.localName === 'isFromGSME' ? 'xs:boolean' : 'reliable, invalid or unreliable'));
      return null;
    }
  }
  const value = simpleContent(element, path, findings, ['isFromGSME', 'ClockStatus']);
  if (value === undefined) return null;
  const parsed = parseDateTime(collapse(value));
  if (!parsed) {
    findings.push(invalidValue(path, value, 'xs:dateTime'));
    return null;
  }
  return detached(parsed.text);
}

interface ReadBody {
  readonly path: string;
  readonly messageSuccess?: boolean;
  readonly parties: readonly RemotePartyDetail[];
}

function readBody(element: XmlElement, path: string, deviceId: Eui64, findings: Finding[]): ReadBody | undefined {
  if (!checkNoAttributes(element, path, findings)) return undefined;
  const children = elementChildren(element, path, findings);
  if (!children) return undefined;
  // `Body`: a choice of ResponseMessage and DeviceAlertMessage.
  const [message, extra] = children;
  if (!message || extra) {
    findings.push(violation(path, message ? 'unexpected-element' : 'missing-element', message ? null : 'ResponseMessage', extra ? describeElement(extra) : null));
    return undefined;
  }
  if (message.namespace === MMC_NAMESPACE && message.localName === 'DeviceAlertMessage') {
    findings.push(finding('RESPONSE_WRONG_SERVICE', { deviceId, received: 'a device alert' }, { path: `${path}/DeviceAlertMessage` }));
    return undefined;
  }
  if (message.namespace !== MMC_NAMESPACE || message.localName !== 'ResponseMessage') {
    findings.push(violation(path, 'missing-element', 'ResponseMessage or DeviceAlertMessage', describeElement(message)));
    return undefined;
  }
  const messagePath = `${path}/ResponseMessage`;
  if (!checkNoAttributes(message, messagePath, findings)) return undefined;
  const parts = matchSequence(message, messagePath, RESPONSE_MESSAGE, findings);
  if (!parts) return undefined;
  const smets = optional(parts, 'SMETSData');
  if (!smets) {
    findings.push(finding('RESPONSE_WRONG_SERVICE', { deviceId, received: 'a response without SMETSData' }, { path: messagePath }));
    return undefined;
  }
  const smetsPath = `${messagePath}/SMETSData`;
  if (!checkNoAttributes(smets, smetsPath, findings)) return undefined;
  const smetsChildren = elementChildren(smets, smetsPath, findings);
  if (!smetsChildren) return undefined;
  const [rsp, another] = smetsChildren;
  if (!rsp || another) {
    findings.push(violation(smetsPath, rsp ? 'unexpected-element' : 'missing-element', rsp ? null : BODY_ELEMENT, another ? describeElement(another) : null));
    return undefined;
  }
  if (rsp.namespace !== MMC_NAMESPACE || rsp.localName !== BODY_ELEMENT) {
    findings.push(finding('RESPONSE_WRONG_SERVICE', { deviceId, received: describeElement(rsp) }, { path: `${smetsPath}/${rsp.localName}` }));
    return undefined;
  }
  return readCredentials(rsp, `${smetsPath}/${BODY_ELEMENT}`, findings);
}

function readCredentials(element: XmlElement, path: string, findings: Finding[]): ReadBody | undefined {
  let messageSuccess: boolean | undefined;
  const success = element.attributes.find((a) => a.namespace === null && a.localName === 'MessageSuccess');
  if (success) {
    messageSuccess = parseBoolean(success.value);
    if (messageSuccess === undefined) {
      findings.push(invalidValue(`${path}/@MessageSuccess`, success.value, 'xs:boolean'));
      return undefined;
    }
  }
  if (!checkNoAttributes(element, path, findings, ['MessageSuccess'])) return undefined;
  const parts = matchSequence(element, path, DETAILS, findings);
  if (!parts) return undefined;
  const rows = parts.get('RemotePartyDetails') ?? [];
  const parties: RemotePartyDetail[] = [];
  for (let i = 0; i < rows.length; i++) {
    const detail = readDetail(rows[i]!, `${path}/RemotePartyDetails[${i + 1}]`, findings);
    if (!detail) return undefined;
    parties.push(detail);
  }
  // Stryker disable next-line ConditionalExpression: a `messageSuccess: undefined` key here is not observable, readRoot spreads it only when defined
  return { path, ...(messageSuccess === undefined ? {} : { messageSuccess }), parties };
}

function readDetail(element: XmlElement, path: string, findings: Finding[]): RemotePartyDetail | undefined {
  if (!checkNoAttributes(element, path, findings)) return undefined;
  const parts = matchSequence(element, path, DETAIL, findings);
  if (!parts) return undefined;
  const detail: { -readonly [K in keyof RemotePartyDetail]: RemotePartyDetail[K] } = {};
  const value = (name: string): string | undefined | null => {
    const child = optional(parts, name);
    return child ? (simpleContent(child, `${path}/${name}`, findings) ?? null) : undefined;
  };
  const invalid = (name: string, received: string, expected: string): undefined => {
    findings.push(invalidValue(`${path}/${name}`, received, expected));
    return undefined;
  };

  const role = value('RemotePartyRole');
  if (role === null) return undefined;
  if (role !== undefined) {
    // xs:token: whitespace collapses.
    const token = collapse(role);
    if (!(REMOTE_PARTY_ROLES as readonly string[]).includes(token)) return invalid('RemotePartyRole', role, `one of ${REMOTE_PARTY_ROLES.join(', ')}`);
    detail.role = token as RemotePartyRole;
  }
  const statusElement = optional(parts, 'StatusCode');
  if (statusElement) {
    const status = readStatus(statusElement, `${path}/StatusCode`, findings);
    if (status === undefined) return undefined;
    detail.status = detached(status);
  }
  const floor = value('RemotePartyFloorSeqNumber');
  if (floor === null) return undefined;
  if (floor !== undefined) {
    const parsed = parseNonNegativeInteger(floor, MAX_U64);
    if (parsed === undefined) return invalid('RemotePartyFloorSeqNumber', floor, 'a sequence number 0..18446744073709551615');
    detail.floorSeqNumber = parsed;
  }
  const usage = value('CertificateUsage');
  if (usage === null) return undefined;
  if (usage !== undefined) {
    // xs:string enumeration: as written.
    if (!(USAGES as readonly string[]).includes(usage)) return invalid('CertificateUsage', usage, `one of ${USAGES.join(', ')}`);
    detail.usage = usage as CertificateUsage;
  }
  const holder = value('ExistingRemotePartyID');
  if (holder === null) return undefined;
  if (holder !== undefined) {
    const parsed = eui(holder);
    if (!parsed) return invalid('ExistingRemotePartyID', holder, 'an EUI-64 (8 hyphen-separated hex pairs)');
    detail.holder = parsed;
  }
  const hash = value('ExistingCertificateHash');
  if (hash === null) return undefined;
  if (hash !== undefined) {
    const compact = compactBase64(hash);
    if (compact === undefined) return invalid('ExistingCertificateHash', hash, 'xs:base64Binary');
    detail.certificateHash = detached(compact);
  }
  return detail;
}

/** `StatusASN1`: an `ASN1Status` string and a required integer `ResponseCode` attribute. */
function readStatus(element: XmlElement, path: string, findings: Finding[]): string | undefined {
  const code = element.attributes.find((a) => a.namespace === null && a.localName === 'ResponseCode');
  if (!code) {
    findings.push(violation(path, 'missing-attribute', 'ResponseCode'));
    return undefined;
  }
  if (!/^[+-]?[0-9]+$/.test(collapse(code.value))) {
    findings.push(invalidValue(`${path}/@ResponseCode`, code.value, 'xs:integer'));
    return undefined;
  }
  if (!checkNoAttributes(element, path, findings, ['ResponseCode'])) return undefined;
  const parts = matchSequence(element, path, [ra('ASN1Status')], findings);
  if (!parts) return undefined;
  return simpleContent(one(parts, 'ASN1Status'), `${path}/ASN1Status`, findings);
}

/** The element children, refusing character data as element-only content does. */
function elementChildren(element: XmlElement, path: string, findings: Finding[]): XmlElement[] | undefined {
  const children: XmlElement[] = [];
  for (const node of element.children) {
    if (node.type === 'element') children.push(node);
    else if ((node.type === 'text' || node.type === 'cdata') && /[^\t\n\r ]/.test(node.value)) {
      findings.push(violation(path, 'character-data'));
      return undefined;
    }
  }
  return children;
}
