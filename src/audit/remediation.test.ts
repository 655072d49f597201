import { describe, expect, it } from 'vitest';
import { ACB, buildResponse, GAS_TRANSPORTER, meterRows, NO_A, NO_B, SUPPLIER } from '../../test/support/build-response.js';
import { certificate } from '../../test/support/fixtures.js';
import { OFFICIAL_SCHEMA_AVAILABLE, validateWithOfficialSchema } from '../../test/support/xmllint.js';
import { makeCertificate } from '../../test/smki/make-certificate.js';
import type { ValidationContext } from '../context.js';
import { validateRequest } from '../validate.js';
import { auditCredentials } from './audit.js';
import { buildRemediationRequests } from './remediation.js';

const ESME = '00-DB-12-34-56-78-91-02';
const MPAN_12 = '1200000000011';
const der = (name: string) => new Uint8Array(Buffer.from(certificate(name), 'base64'));
const CERTIFICATES = ['network-operator-a-ds', 'network-operator-a-ka', 'network-operator-b-ds', 'network-operator-b-ka', 'issuing-ca', 'supplier-ds'].map(der);
// The issuing CA's subjectKeyIdentifier: the authorityKeyIdentifier of every fixture organisation certificate.
const ISSUING_CA_SKI = Uint8Array.from(Buffer.from('a985f708a3b39b6a', 'hex'));

const context: ValidationContext = {
  users: { [SUPPLIER]: { role: 'IS' }, [NO_A]: { role: 'ED' }, [NO_B]: { role: 'ED' } },
  devices: { [ESME]: { type: 'ESME', mpan: MPAN_12 } },
  networkOperators: { '12': [NO_A] },
  now: '2026-11-25T12:00:00Z',
};

/** The audit of ESME from one response with `rows`; `networkOperator` is registration data for it. */
function auditOf(rows: ReturnType<typeof meterRows>, networkOperator?: string[]) {
  const c = networkOperator ? { ...context, devices: { [ESME]: { type: 'ESME' as const, mpan: MPAN_12, networkOperator } } } : context;
  return auditCredentials([buildResponse({ device: ESME, rows })], c).devices[0]!;
}

const b64 = (name: string) => certificate(name);

/** The exact request the library writes: the envelope, then the body lines. */
function request(sender: string, counter: string, header: [cv: string, sr: string, srv: string], body: string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sr:Request xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" schemaVersion="5.4">',
    '  <sr:Header>',
    `    <sr:RequestID>${sender}:${ESME}:${counter}</sr:RequestID>`,
    `    <sr:CommandVariant>${header[0]}</sr:CommandVariant>`,
    `    <sr:ServiceReference>${header[1]}</sr:ServiceReference>`,
    `    <sr:ServiceReferenceVariant>${header[2]}</sr:ServiceReferenceVariant>`,
    '  </sr:Header>',
    '  <sr:Body>',
    ...body,
    '  </sr:Body>',
    '</sr:Request>',
    '',
  ].join('\n');
}

const path = (issuer: string) => [
  '      <sr:CertificationPathCertificates>',
  `        <sr:Certificate>${issuer}</sr:Certificate>`,
  '      </sr:CertificationPathCertificates>',
  '      <sr:ApplyTimeBasedCPVChecks>true</sr:ApplyTimeBasedCPVChecks>',
];

const krp = (sender: string, counter: string, issuer = b64('issuing-ca')) =>
  request(sender, counter, ['4', '6.15', '6.15.1'], [
    '    <sr:UpdateSecurityCredentialsKRP>',
    '      <sr:RemotePartyRole>NetworkOperator</sr:RemotePartyRole>',
    '      <sr:ReplacementCertificates>',
    '        <sr:SupplierOrNetworkOperatorCertificates>',
    `          <sr:DigitalSigningCertificate>${b64('network-operator-a-ds')}</sr:DigitalSigningCertificate>`,
    `          <sr:KeyAgreementCertificate>${b64('network-operator-a-ka')}</sr:KeyAgreementCertificate>`,
    '        </sr:SupplierOrNetworkOperatorCertificates>',
    '      </sr:ReplacementCertificates>',
    ...path(issuer),
    '    </sr:UpdateSecurityCredentialsKRP>',
  ]);

const handover = (counter: string) =>
  request(SUPPLIER, counter, ['1', '6.21', '6.21'], [
    '    <sr:RequestHandoverOfDCCControlledDevice>',
    '      <sr:RemotePartyRole>NetworkOperator</sr:RemotePartyRole>',
    '      <sr:ReplacementCertificates>',
    `        <sr:DigitalSigningCertificate>${b64('network-operator-a-ds')}</sr:DigitalSigningCertificate>`,
    `        <sr:KeyAgreementCertificate>${b64('network-operator-a-ka')}</sr:KeyAgreementCertificate>`,
    '      </sr:ReplacementCertificates>',
    ...path(b64('issuing-ca')),
    '    </sr:RequestHandoverOfDCCControlledDevice>',
  ]);

const xmlOf = (results: ReturnType<typeof buildRemediationRequests>) => results.map((r) => (r.ok ? r.xml : r.reason));

const noCertificates = (expected: string) => `no DigitalSigning and KeyAgreement Network Operator certificates, with their issuer, for ${expected}`;

describe('buildRemediationRequests', () => {
  it('a wrong NO: the holder sends a 6.15.1 placing the expected NO\'s DS and KA certificates, accepted by validateRequest', () => {
    const wrong = buildRemediationRequests(auditOf(meterRows(NO_B)), { certificates: CERTIFICATES, counter: 7n });
    expect(wrong).toHaveLength(1);
    const [request] = wrong;
    if (!request?.ok) throw new Error(JSON.stringify(request));
    expect(request.sender).toBe(NO_B);
    expect(request.action).toMatchObject({ kind: 'replace-by-holder', by: NO_B });
    expect(request.xml).toBe(krp(NO_B, '7'));
    const verdict = validateRequest(request.xml, context);
    expect(verdict).toMatchObject({ responseCode: 'I0', service: '6.15.1', coverage: 'full' });
    expect(verdict.accepted && verdict.request.body).toMatchObject({ remotePartyRole: 'NetworkOperator' });
    // Near miss: the same request carrying the wrong NO's own certificates is what the rule exists to stop.
    const backwards = request.xml.replace(certificate('network-operator-a-ds'), certificate('network-operator-b-ds'));
    expect(validateRequest(backwards, context).responseCode).toBe('E061510');
  });

  it('slots still holding the ACB: the Supplier sends the 6.21 handover to the expected NO, accepted by validateRequest', () => {
    const [request] = buildRemediationRequests(auditOf(meterRows(ACB)), { certificates: CERTIFICATES, counter: 9n });
    if (!request?.ok) throw new Error(JSON.stringify(request));
    expect(request.sender).toBe(SUPPLIER);
    expect(request.xml).toBe(handover('9'));
    expect(validateRequest(request.xml, context)).toMatchObject({ responseCode: 'I0', service: '6.21' });
  });

  it('the counter defaults to 1, for either request', () => {
    expect(xmlOf(buildRemediationRequests(auditOf(meterRows(NO_B)), { certificates: CERTIFICATES }))).toEqual([krp(NO_B, '1')]);
    expect(xmlOf(buildRemediationRequests(auditOf(meterRows(ACB)), { certificates: CERTIFICATES }))).toEqual([handover('1')]);
  });

  it('certificates are told apart by key usage and issuer, not by their order; undecodable ones are skipped', () => {
    const certificates = ['root', 'network-operator-a-ka', 'network-operator-a-ds', 'issuing-ca'].map(der);
    // A non-CA certificate sharing the issuing CA's subjectKeyIdentifier is not the issuer.
    const lookalike = makeCertificate({ subjectKeyIdentifier: ISSUING_CA_SKI });
    expect(xmlOf(buildRemediationRequests(auditOf(meterRows(NO_B)), { certificates: [Uint8Array.of(1, 2, 3), lookalike, ...certificates] }))).toEqual([krp(NO_B, '1')]);
  });

  it('a correct device needs no request', () => {
    expect(buildRemediationRequests(auditOf(meterRows(NO_A)), { certificates: CERTIFICATES })).toEqual([]);
  });

  it("without the expected NO's certificates and their issuer: no request, and the reason", () => {
    const missingIssuer = CERTIFICATES.slice(0, 4);
    expect(buildRemediationRequests(auditOf(meterRows(NO_B)), { certificates: missingIssuer })).toEqual([
      { ok: false, action: expect.objectContaining({ kind: 'replace-by-holder' }), reason: noCertificates(NO_A) },
    ]);
  });

  it.each([
    ['a DigitalSigning certificate only', ['network-operator-a-ds', 'issuing-ca']],
    ['a KeyAgreement certificate only', ['network-operator-a-ka', 'issuing-ca']],
  ])('with %s: no request', (_, names) => {
    expect(buildRemediationRequests(auditOf(meterRows(NO_B)), { certificates: names.map(der) }).map((r) => r.ok || r.reason)).toEqual([noCertificates(NO_A)]);
  });

  it('a KeyAgreement certificate issued by another CA than the DigitalSigning one: no request', () => {
    const otherKa = makeCertificate({ ous: ['03'], entityId: NO_A, keyUsage: [4], authorityKeyIdentifier: Uint8Array.of(8, 7, 6, 5, 4, 3, 2, 1) });
    const certificates = [der('network-operator-a-ds'), otherKa, der('issuing-ca')];
    expect(buildRemediationRequests(auditOf(meterRows(NO_B)), { certificates }).map((r) => r.ok || r.reason)).toEqual([noCertificates(NO_A)]);
  });

  it('only Network Operator certificates are placed: a Supplier expected in the slots gets no request', () => {
    const certificates = ['supplier-ds', 'supplier-ka', 'issuing-ca'].map(der);
    expect(buildRemediationRequests(auditOf(meterRows(NO_B), [SUPPLIER]), { certificates }).map((r) => r.ok || r.reason)).toEqual([noCertificates(SUPPLIER)]);
  });

  it('several expected parties: the first with all its certificates is placed, else the reason names them all', () => {
    expect(xmlOf(buildRemediationRequests(auditOf(meterRows(NO_B), [GAS_TRANSPORTER, NO_A]), { certificates: CERTIFICATES }))).toEqual([krp(NO_B, '1')]);
    expect(buildRemediationRequests(auditOf(meterRows(NO_B), [NO_A, GAS_TRANSPORTER]), { certificates: [] }).map((r) => r.ok || r.reason)).toEqual([
      noCertificates(`${NO_A} or ${GAS_TRANSPORTER}`),
    ]);
  });

  it('a handover when the response shows no Supplier: no request, and the reason', () => {
    const rows = meterRows(ACB).filter((r) => r.role !== 'Supplier');
    expect(buildRemediationRequests(auditOf(rows), { certificates: CERTIFICATES })).toEqual([
      { ok: false, action: expect.objectContaining({ kind: 'handover-by-supplier', by: null }), reason: 'the response shows no Supplier to send the handover' },
    ]);
  });

  it.skipIf(!OFFICIAL_SCHEMA_AVAILABLE)('both requests are valid under DUIS XSD V5.4', async () => {
    const wrong = buildRemediationRequests(auditOf(meterRows(NO_B)), { certificates: CERTIFICATES, counter: 7n });
    const acb = buildRemediationRequests(auditOf(meterRows(ACB)), { certificates: CERTIFICATES });
    const docs = [...wrong, ...acb].map((r, i) => ({ name: `r${i}`, xml: r.ok ? r.xml : '' }));
    const verdicts = await validateWithOfficialSchema(docs);
    expect(verdicts.map((v) => [v.name, v.valid, v.errors])).toEqual(docs.map((d) => [d.name, true, []]));
  }, 60_000);
});
