/**
 * Builds 6.15.1 request documents for tests, element by element, so each test states only what it changes.
 * Certificates default to short placeholder base64: parsing does not decode them.
 */
export interface RequestParts {
  originator?: string;
  target?: string;
  counter?: string;
  requestId?: string;
  firstInSequence?: string;
  commandVariant?: string;
  serviceReference?: string;
  serviceReferenceVariant?: string;
  executionDateTime?: string;
  remotePartyRole?: string;
  floor?: string;
  topUpFloor?: string;
  digitalSigning?: string;
  keyAgreement?: string;
  keyAgreementTopUp?: string;
  pathCertificates?: string[];
  applyTimeBasedCpvChecks?: string;
  schemaVersion?: string | null;
  signature?: string;
}

export const PLACEHOLDER_CERTIFICATE = 'MIIBkzCCATigAwIBAgIQ';

const SR = 'http://www.dccinterface.co.uk/ServiceUserGateway';
const DS = 'http://www.w3.org/2000/09/xmldsig#';

const element = (name: string, value: string | undefined): string =>
  value === undefined ? '' : `<sr:${name}>${value}</sr:${name}>`;

/** A 6.21 Request Handover of DCC Controlled Device, as `buildRequest` builds a 6.15.1 one (CV 1, no slot wrapper). */
export function buildHandover(parts: RequestParts = {}): string {
  return buildRequest({ commandVariant: '1', serviceReference: '6.21', serviceReferenceVariant: '6.21', ...parts, handover: true });
}

export function buildRequest(parts: RequestParts & { handover?: boolean } = {}): string {
  const p: RequestParts & { handover?: boolean } = {
    originator: '90-B3-D5-1F-30-01-00-00',
    target: '00-DB-12-34-56-78-90-A0',
    counter: '1000',
    commandVariant: '4',
    serviceReference: '6.15',
    serviceReferenceVariant: '6.15.1',
    remotePartyRole: 'Supplier',
    floor: '0',
    topUpFloor: '0',
    digitalSigning: PLACEHOLDER_CERTIFICATE,
    keyAgreement: PLACEHOLDER_CERTIFICATE,
    keyAgreementTopUp: PLACEHOLDER_CERTIFICATE,
    pathCertificates: [PLACEHOLDER_CERTIFICATE],
    applyTimeBasedCpvChecks: 'true',
    schemaVersion: '5.4',
    ...parts,
  };
  const requestId = p.requestId ?? `${p.originator}:${p.target}:${p.counter}`;
  const body = p.handover ? 'RequestHandoverOfDCCControlledDevice' : 'UpdateSecurityCredentialsKRP';
  const schemaVersion = p.schemaVersion === null ? '' : ` schemaVersion="${p.schemaVersion}"`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<sr:Request xmlns:sr="${SR}" xmlns:ds="${DS}"${schemaVersion}>`,
    '<sr:Header>',
    element('RequestID', requestId),
    element('FirstInSequence', p.firstInSequence),
    element('CommandVariant', p.commandVariant),
    element('ServiceReference', p.serviceReference),
    element('ServiceReferenceVariant', p.serviceReferenceVariant),
    '</sr:Header>',
    `<sr:Body><sr:${body}>`,
    element('ExecutionDateTime', p.executionDateTime),
    element('RemotePartyRole', p.remotePartyRole),
    element('RemotePartyFloorSeqNumber', p.floor),
    element('RemotePartyPrepaymentTopUpFloorSeqNumber', p.topUpFloor),
    p.handover ? '<sr:ReplacementCertificates>' : '<sr:ReplacementCertificates><sr:SupplierOrNetworkOperatorCertificates>',
    element('DigitalSigningCertificate', p.digitalSigning),
    element('KeyAgreementCertificate', p.keyAgreement),
    element('KeyAgreementTopUpCertificate', p.keyAgreementTopUp),
    p.handover ? '</sr:ReplacementCertificates>' : '</sr:SupplierOrNetworkOperatorCertificates></sr:ReplacementCertificates>',
    '<sr:CertificationPathCertificates>',
    ...(p.pathCertificates ?? []).map((c) => element('Certificate', c)),
    '</sr:CertificationPathCertificates>',
    element('ApplyTimeBasedCPVChecks', p.applyTimeBasedCpvChecks),
    `</sr:${body}></sr:Body>`,
    p.signature ?? '',
    '</sr:Request>',
  ].join('\n');
}
