/**
 * The request that fixes a wrong device, ready for its sender to sign: for a wrong Network Operator holding the
 * slots, the 6.15.1 (KRP, Network Operator by Network Operator) that replaces its certificates with the expected
 * Network Operator's; for slots still holding the DCC's ACB certificates, the Supplier's 6.21 handover to the
 * expected Network Operator. Unsigned: `signRequest` signs it where the sender has its key.
 */
import type { Eui64 } from '../duis/model.js';
import { escapeXmlText } from '../response/xml-text.js';
import { decodeCertificate } from '../smki/index.js';
import type { OrganisationCertificate } from '../smki/index.js';
import type { DeviceAudit, RemediationAction } from './model.js';

/** Where the remediation takes its certificates from, and the counter of the request. */
export interface RemediationOptions {
  /**
   * Organisation certificates (DER) of the expected Network Operators, with the CA certificates that issued them:
   * the request carries the expected party's DigitalSigning and KeyAgreement certificates and their issuer.
   */
  readonly certificates: readonly Uint8Array[];
  /**
   * The RequestID counter. It must exceed every counter the sender has used before; this library cannot know
   * them, so the sender sets it (default 1).
   */
  readonly counter?: bigint;
}

/** One remediation request, or why there is none. */
export type RemediationResult =
  | { readonly ok: true; readonly action: RemediationAction; readonly sender: Eui64; readonly xml: string }
  | { readonly ok: false; readonly action: RemediationAction | null; readonly reason: string };

interface Party {
  readonly digitalSigning: OrganisationCertificate;
  readonly keyAgreement: OrganisationCertificate;
  readonly issuer: OrganisationCertificate;
}

/** The requests that fix `audit`, one per action; an empty list for a device that needs none. */
export function buildRemediationRequests(audit: DeviceAudit, options: RemediationOptions): RemediationResult[] {
  // Stryker disable next-line ArrayDeclaration: a stray non-certificate entry for an undecodable DER has no entityId or keyUsage, so partyFor's filters never pick it
  const decoded = options.certificates.map((der) => decodeCertificate(der)).flatMap((r) => (r.ok ? [r.certificate] : []));
  return audit.actions.map((action) => {
    const party = partyFor(action.replaceWith, decoded);
    if (typeof party === 'string') return { ok: false, action, reason: party };
    if (action.by === null) return { ok: false, action, reason: 'the response shows no Supplier to send the handover' };
    const xml = action.kind === 'replace-by-holder' ? krpRequest(action.by, audit.deviceId, party, options.counter ?? 1n) : handoverRequest(action.by, audit.deviceId, party, options.counter ?? 1n);
    return { ok: true, action, sender: action.by, xml };
  });
}

/** The first expected party whose DigitalSigning and KeyAgreement certificates and their issuer are all given. */
function partyFor(expected: readonly Eui64[], certificates: readonly OrganisationCertificate[]): Party | string {
  for (const entityId of expected) {
    const own = certificates.filter((c) => c.entityId === entityId && c.remotePartyRole.name === 'NetworkOperator');
    const digitalSigning = own.find((c) => c.keyUsage === 'digitalSignature');
    const keyAgreement = own.find((c) => c.keyUsage === 'keyAgreement');
    if (!digitalSigning || !keyAgreement) continue;
    const issuer = certificates.find((c) => c.keyUsage === 'keyCertSign' && c.subjectKeyIdentifier === digitalSigning.authorityKeyIdentifier);
    if (issuer && keyAgreement.authorityKeyIdentifier === issuer.subjectKeyIdentifier) return { digitalSigning, keyAgreement, issuer };
  }
  return `no DigitalSigning and KeyAgreement Network Operator certificates, with their issuer, for ${expected.join(' or ')}`;
}

const base64 = (c: OrganisationCertificate): string => Buffer.from(c.der).toString('base64');

function envelope(sender: Eui64, device: Eui64, counter: bigint, commandVariant: number, sr: string, srv: string, body: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sr:Request xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" schemaVersion="5.4">',
    '  <sr:Header>',
    `    <sr:RequestID>${escapeXmlText(`${sender}:${device}:${counter}`)}</sr:RequestID>`,
    `    <sr:CommandVariant>${commandVariant}</sr:CommandVariant>`,
    `    <sr:ServiceReference>${sr}</sr:ServiceReference>`,
    `    <sr:ServiceReferenceVariant>${srv}</sr:ServiceReferenceVariant>`,
    '  </sr:Header>',
    '  <sr:Body>',
    body,
    '  </sr:Body>',
    '</sr:Request>',
    '',
  ].join('\n');
}

const certificates = (party: Party, indent: string): string[] => [
  `${indent}<sr:DigitalSigningCertificate>${base64(party.digitalSigning)}</sr:DigitalSigningCertificate>`,
  `${indent}<sr:KeyAgreementCertificate>${base64(party.keyAgreement)}</sr:KeyAgreementCertificate>`,
];

const path = (party: Party): string[] => [
  '      <sr:CertificationPathCertificates>',
  `        <sr:Certificate>${base64(party.issuer)}</sr:Certificate>`,
  '      </sr:CertificationPathCertificates>',
  '      <sr:ApplyTimeBasedCPVChecks>true</sr:ApplyTimeBasedCPVChecks>',
];

// 6.15.1 with an UpdateSecurityCredentialsKRP body goes with Command Variant 4 (DUIS: CV 5-7 carry the signed
// pre-command of the second step).
function krpRequest(sender: Eui64, device: Eui64, party: Party, counter: bigint): string {
  const body = [
    '    <sr:UpdateSecurityCredentialsKRP>',
    '      <sr:RemotePartyRole>NetworkOperator</sr:RemotePartyRole>',
    '      <sr:ReplacementCertificates>',
    '        <sr:SupplierOrNetworkOperatorCertificates>',
    ...certificates(party, '          '),
    '        </sr:SupplierOrNetworkOperatorCertificates>',
    '      </sr:ReplacementCertificates>',
    ...path(party),
    '    </sr:UpdateSecurityCredentialsKRP>',
  ].join('\n');
  return envelope(sender, device, counter, 4, '6.15', '6.15.1', body);
}

// 6.21 as the RTDS sends it: Command Variant 1, the certificates directly under ReplacementCertificates.
function handoverRequest(sender: Eui64, device: Eui64, party: Party, counter: bigint): string {
  const body = [
    '    <sr:RequestHandoverOfDCCControlledDevice>',
    '      <sr:RemotePartyRole>NetworkOperator</sr:RemotePartyRole>',
    '      <sr:ReplacementCertificates>',
    ...certificates(party, '        '),
    '      </sr:ReplacementCertificates>',
    ...path(party),
    '    </sr:RequestHandoverOfDCCControlledDevice>',
  ].join('\n');
  return envelope(sender, device, counter, 1, '6.21', '6.21', body);
}
