import { finding, type Finding } from '../findings.js';
import type { XmlElement } from '../xml/tree.js';
import { findServiceVariant, type ServiceVariant } from './catalogue.js';
import { checkNoAttributes, invalidValue, matchSequence, one, optional, simpleContent, sr, type Particle } from './content.js';
import { collapse, parseBoolean, parseSmallPositiveInteger } from './lexical.js';
import type { RequestHeader } from './model.js';
import { parseRequestId } from './request-id.js';

// DUIS XSD V5.4 `Request/Header`.
const HEADER: readonly Particle[] = [
  sr('RequestID'),
  sr('FirstInSequence', 0),
  sr('PrecedingServiceRequestID', 0),
  sr('CommandVariant'),
  sr('ServiceReference'),
  sr('ServiceReferenceVariant'),
];

/** The Header every request carries, with the catalogue entry of its Service Reference Variant. */
export interface ReadHeader {
  readonly header: RequestHeader;
  readonly service: ServiceVariant;
}

/**
 * Reads `Request/Header` as DUIS XSD V5.4 types it. A ServiceReference / ServiceReferenceVariant pair that is not
 * one of DUIS's 129 is `SERVICE_NOT_SUPPORTED`.
 */
export function readHeader(element: XmlElement, path: string, findings: Finding[]): ReadHeader | undefined {
  if (!checkNoAttributes(element, path, findings)) return undefined;
  const parts = matchSequence(element, path, HEADER, findings);
  if (!parts) return undefined;

  const value = (name: string): string | undefined => simpleContent(one(parts, name), `${path}/${name}`, findings);
  const invalid = (name: string, received: string, expected: string): undefined => {
    findings.push(invalidValue(`${path}/${name}`, received, expected));
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
  const service = findServiceVariant(serviceReference, serviceReferenceVariant);
  if (!service) {
    findings.push(finding('SERVICE_NOT_SUPPORTED', { serviceReference, serviceReferenceVariant }, { path: `${path}/ServiceReferenceVariant` }));
    return undefined;
  }

  return {
    header: {
      requestId,
      ...(firstInSequence === undefined ? {} : { firstInSequence }),
      ...(precedingRequestId ? { precedingRequestId } : {}),
      commandVariant,
      serviceReference,
      serviceReferenceVariant,
    },
    service,
  };
}
