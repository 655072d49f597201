import type { Finding } from '../findings.js';
import type { XmlElement } from '../xml/tree.js';
import { checkNoAttributes, invalidValue, matchSequence, one, optional, simpleContent, sr, type Particle } from './content.js';
import { collapse, compactBase64, parseBoolean, parseDateTime, parseNonNegativeInteger } from './lexical.js';
import {
  REMOTE_PARTY_ROLES,
  type CertificateSlot,
  type CredentialsBody,
  type EmbeddedCertificate,
  type ExecutionDateTime,
  type ReplacementCertificate,
} from './model.js';

const FLOOR_MAX = 9_223_372_036_854_775_807n; // DUIS XSD V5.4 floorSequenceNumber maxInclusive

/**
 * How a body lays out its `ReplacementCertificates`, the one part of the certificate-placing bodies that differs:
 * 6.15.1 wraps the slots in `SupplierOrNetworkOperatorCertificates`, all optional (`ReplacementCertificatesKRP`);
 * 6.21 lists them directly, DigitalSigning required (`ReplacementCertificatesDCCHandover`).
 */
export interface ReplacementLayout {
  readonly wrapper?: string;
  /** Slots in schema order; `required` ones have minOccurs 1. */
  readonly slots: readonly { readonly slot: CertificateSlot; readonly required: boolean }[];
}

// DUIS XSD V5.4: FutureDatedAbstractType's ExecutionDateTime, then the sequence 6.15.1 and 6.21 share.
const BODY: readonly Particle[] = [
  sr('ExecutionDateTime', 0),
  sr('RemotePartyRole'),
  sr('RemotePartyFloorSeqNumber', 0),
  sr('RemotePartyPrepaymentTopUpFloorSeqNumber', 0),
  sr('ReplacementCertificates'),
  sr('CertificationPathCertificates'),
  sr('ApplyTimeBasedCPVChecks'),
];
const PATH: readonly Particle[] = [sr('Certificate', 1, 3)]; // DUIS XSD V5.4 CertificationPathCertificates: maxOccurs=3

/**
 * Reads a certificate-placing body (everything DUIS XSD V5.4 checks), with its ReplacementCertificates laid out as
 * `layout` says. Never throws: problems are findings with a path.
 */
export function readCredentialsBody<K extends string>(
  element: XmlElement,
  path: string,
  layout: ReplacementLayout,
  findings: Finding[],
): (CredentialsBody & { readonly kind: K }) | undefined {
  if (!checkNoAttributes(element, path, findings)) return undefined;
  const parts = matchSequence(element, path, BODY, findings);
  if (!parts) return undefined;
  const start = findings.length;

  const text = (name: string): string | undefined => {
    const child = optional(parts, name);
    return child && simpleContent(child, `${path}/${name}`, findings);
  };
  const invalid = (name: string, received: string, expected: string): void => {
    findings.push(invalidValue(`${path}/${name}`, received, expected));
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
  if (roleText !== undefined && !remotePartyRole) invalid('RemotePartyRole', roleText, `one of ${REMOTE_PARTY_ROLES.join(', ')}`);

  const floor = (name: string): bigint | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    const parsed = parseNonNegativeInteger(value, FLOOR_MAX);
    if (parsed === undefined) invalid(name, value, `an integer 0..${FLOOR_MAX}`);
    return parsed;
  };
  const remotePartyFloorSeqNumber = floor('RemotePartyFloorSeqNumber');
  const remotePartyPrepaymentTopUpFloorSeqNumber = floor('RemotePartyPrepaymentTopUpFloorSeqNumber');

  const replacementCertificates = readReplacements(one(parts, 'ReplacementCertificates'), `${path}/ReplacementCertificates`, layout, findings);
  const certificationPathCertificates = readCertificationPath(
    one(parts, 'CertificationPathCertificates'),
    `${path}/CertificationPathCertificates`,
    findings,
  );

  const applyText = text('ApplyTimeBasedCPVChecks');
  const applyTimeBasedCpvChecks = applyText === undefined ? undefined : parseBoolean(applyText);
  if (applyText !== undefined && applyTimeBasedCpvChecks === undefined) invalid('ApplyTimeBasedCPVChecks', applyText, 'a boolean (true, false, 1, 0)');

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
    kind: element.localName as K,
    path,
    ...(executionDateTime ? { executionDateTime } : {}),
    remotePartyRole,
    ...(remotePartyFloorSeqNumber === undefined ? {} : { remotePartyFloorSeqNumber }),
    ...(remotePartyPrepaymentTopUpFloorSeqNumber === undefined ? {} : { remotePartyPrepaymentTopUpFloorSeqNumber }),
    replacementCertificates,
    certificationPathCertificates,
    applyTimeBasedCpvChecks,
  };
}

function readReplacements(element: XmlElement, path: string, layout: ReplacementLayout, findings: Finding[]): ReplacementCertificate[] | undefined {
  if (!checkNoAttributes(element, path, findings)) return undefined;
  let set = element;
  let setPath = path;
  if (layout.wrapper) {
    const outer = matchSequence(element, path, [sr(layout.wrapper)], findings);
    if (!outer) return undefined;
    set = one(outer, layout.wrapper);
    setPath = `${path}/${layout.wrapper}`;
    if (!checkNoAttributes(set, setPath, findings)) return undefined;
  }
  const slots = matchSequence(set, setPath, layout.slots.map(({ slot, required }) => sr(`${slot}Certificate`, required ? 1 : 0)), findings);
  if (!slots) return undefined;
  const certificates: ReplacementCertificate[] = [];
  for (const { slot } of layout.slots) {
    const slotElement = optional(slots, `${slot}Certificate`);
    if (!slotElement) continue;
    const certificate = readCertificate(slotElement, `${setPath}/${slot}Certificate`, findings);
    if (!certificate) return undefined;
    certificates.push(Object.assign(certificate, { slot }));
  }
  return certificates;
}

function readCertificationPath(element: XmlElement, path: string, findings: Finding[]): EmbeddedCertificate[] | undefined {
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

/** A certificate whose DER is decoded from its base64 text on first use: with a warm cache it never is. */
class Certificate implements EmbeddedCertificate {
  // A private field, not a property: two readings of one request compare equal whether or not DER was decoded.
  #der: Uint8Array | undefined;

  constructor(
    readonly base64: string,
    readonly path: string,
  ) {}

  get der(): Uint8Array {
    return (this.#der ??= Buffer.from(this.base64, 'base64'));
  }
}

function readCertificate(element: XmlElement, path: string, findings: Finding[]): Certificate | undefined {
  if (!checkNoAttributes(element, path, findings)) return undefined;
  const text = simpleContent(element, path, findings);
  if (text === undefined) return undefined;
  const compact = compactBase64(text);
  if (compact === undefined) {
    findings.push(invalidValue(path, text.length > 40 ? `${text.slice(0, 40)}...` : text, 'xs:base64Binary'));
    return undefined;
  }
  return new Certificate(compact, path);
}
