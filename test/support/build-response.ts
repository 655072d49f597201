/**
 * Parsed 6.24.1 responses (MMC XSD V5.4 `GBCSResponse`) for unit tests, with every part overridable. The shape
 * follows the schema; no public sample of DCC Parse and Correlate output exists.
 */
export interface Row {
  readonly role?: string;
  readonly status?: string;
  readonly floor?: string;
  readonly usage?: string;
  readonly holder?: string;
  readonly hash?: string;
}

export interface ResponseParts {
  readonly device?: string;
  readonly target?: string;
  readonly counter?: string;
  readonly serviceReference?: string | null;
  readonly serviceReferenceVariant?: string | null;
  readonly timestamp?: string | null;
  readonly messageSuccess?: string | null;
  readonly rows?: readonly Row[];
  /** Replaces `<ra:SMETSData>...</ra:SMETSData>`'s content. */
  readonly smets?: string;
}

export const SUPPLIER = '90-B3-D5-1F-30-01-00-00';
export const NO_A = '90-B3-D5-1F-30-02-00-00';
export const NO_B = '90-B3-D5-1F-30-03-00-00';
export const GAS_TRANSPORTER = '90-B3-D5-1F-30-04-00-00';
export const ACB = '90-B3-D5-1F-30-07-00-00';
export const ESME = '00-DB-12-34-56-78-91-01';

/** The rows of a meter with every slot filled: Root, Recovery, Supplier, `networkOperator` in both NO slots, ACB. */
export function meterRows(networkOperator: string | { ds: string; ka: string } = NO_A): Row[] {
  const no = typeof networkOperator === 'string' ? { ds: networkOperator, ka: networkOperator } : networkOperator;
  return [
    { role: 'Root', usage: 'KeyCertSign', holder: '90-B3-D5-1F-30-00-00-01' },
    { role: 'Recovery', usage: 'DigitalSigning', holder: '90-B3-D5-1F-30-09-00-00' },
    { role: 'Supplier', usage: 'DigitalSigning', holder: SUPPLIER },
    { role: 'Supplier', usage: 'KeyAgreement', holder: SUPPLIER },
    { role: 'NetworkOperator', usage: 'DigitalSigning', holder: no.ds },
    { role: 'NetworkOperator', usage: 'KeyAgreement', holder: no.ka },
    { role: 'ACB', usage: 'DigitalSigning', holder: ACB },
    { role: 'ACB', usage: 'KeyAgreement', holder: ACB },
  ];
}

function row(r: Row): string {
  const parts = [
    r.role === undefined ? '' : `<ra:RemotePartyRole>${r.role}</ra:RemotePartyRole>`,
    r.status === undefined ? '<ra:StatusCode ResponseCode="0"><ra:ASN1Status>success</ra:ASN1Status></ra:StatusCode>' : r.status,
    r.floor === undefined ? '' : `<ra:RemotePartyFloorSeqNumber>${r.floor}</ra:RemotePartyFloorSeqNumber>`,
    r.usage === undefined ? '' : `<ra:CertificateUsage>${r.usage}</ra:CertificateUsage>`,
    r.holder === undefined ? '' : `<ra:ExistingRemotePartyID>${r.holder}</ra:ExistingRemotePartyID>`,
    r.hash === undefined ? '<ra:ExistingCertificateHash>2jmj7l5rSw0yVb/vlWAYkK/YBwk=</ra:ExistingCertificateHash>' : r.hash,
  ];
  return `<ra:RemotePartyDetails>${parts.join('')}</ra:RemotePartyDetails>`;
}

/** A 6.24.1 response, valid under the MMC XSD unless a part says otherwise. */
export function buildResponse(parts: ResponseParts = {}): string {
  const optional = (name: string, value: string | null | undefined, fallback: string) =>
    value === null ? '' : `<ra:${name}>${value ?? fallback}</ra:${name}>`;
  const success = parts.messageSuccess === null ? '' : ` MessageSuccess="${parts.messageSuccess ?? 'true'}"`;
  const smets = parts.smets ?? `<ra:RetrieveDeviceSecurityCredentialsKRPRsp${success}>${(parts.rows ?? meterRows()).map(row).join('')}</ra:RetrieveDeviceSecurityCredentialsKRPRsp>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<ra:GBCSResponse xmlns:ra="http://www.dccinterface.co.uk/ResponseAndAlert" schemaVersion="5.4">',
    '<ra:Header>',
    `<ra:BusinessOriginatorID>${parts.device ?? ESME}</ra:BusinessOriginatorID>`,
    `<ra:BusinessTargetID>${parts.target ?? SUPPLIER}</ra:BusinessTargetID>`,
    `<ra:OriginatorCounter>${parts.counter ?? '100'}</ra:OriginatorCounter>`,
    optional('ServiceReference', parts.serviceReference, '6.24'),
    optional('ServiceReferenceVariant', parts.serviceReferenceVariant, '6.24.1'),
    optional('Timestamp', parts.timestamp, '2026-11-20T10:00:00Z'),
    '</ra:Header>',
    `<ra:Body><ra:ResponseMessage><ra:SMETSData>${smets}</ra:SMETSData></ra:ResponseMessage></ra:Body>`,
    '</ra:GBCSResponse>',
  ].join('\n');
}
