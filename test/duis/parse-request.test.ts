import { describe, expect, it } from 'vitest';
import { parseRequest, type ParseRequestResult } from '../../src/parse-request.js';
import { buildRequest, PLACEHOLDER_CERTIFICATE } from '../support/build-request.js';
import { credentialsRequest } from '../support/parsed.js';

function failure(result: ParseRequestResult) {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  return result.findings[0]!;
}

const success = credentialsRequest;

describe('parseRequest: the model', () => {
  it('reads every element of a full request', () => {
    const request = success(
      parseRequest(
        buildRequest({
          executionDateTime: '2030-01-15T00:00:00.00Z',
          counter: '18446744073709551615',
          floor: '9223372036854775807',
          topUpFloor: '0012',
          firstInSequence: '1',
          originator: '90-b3-d5-1f-30-01-00-00',
        }),
      ),
    );
    expect(request.schemaVersion).toBe('5.4');
    expect(request.header.requestId).toEqual({
      originator: '90-B3-D5-1F-30-01-00-00',
      target: '00-DB-12-34-56-78-90-A0',
      counter: 18446744073709551615n,
      text: '90-b3-d5-1f-30-01-00-00:00-DB-12-34-56-78-90-A0:18446744073709551615',
    });
    expect(request.header.firstInSequence).toBe(true);
    expect(request.header.commandVariant).toBe(4);
    expect(request.body.executionDateTime).toEqual({
      text: '2030-01-15T00:00:00.00Z',
      hasTimezone: true,
      instant: new Date('2030-01-15T00:00:00Z'),
    });
    expect(request.body.remotePartyRole).toBe('Supplier');
    expect(request.body.remotePartyFloorSeqNumber).toBe(9223372036854775807n);
    expect(request.body.remotePartyPrepaymentTopUpFloorSeqNumber).toBe(12n);
    expect(request.body.replacementCertificates.map((c) => c.slot)).toEqual([
      'DigitalSigning',
      'KeyAgreement',
      'KeyAgreementTopUp',
    ]);
    expect(request.body.replacementCertificates[0]!.path).toBe(
      '/Request/Body/UpdateSecurityCredentialsKRP/ReplacementCertificates/SupplierOrNetworkOperatorCertificates/DigitalSigningCertificate',
    );
    expect(Buffer.from(request.body.certificationPathCertificates[0]!.der).toString('base64')).toBe(
      PLACEHOLDER_CERTIFICATE,
    );
    expect(request.body.applyTimeBasedCpvChecks).toBe(true);
    expect(request.signature).toBeUndefined();
  });

  it('decodes &#13; and line breaks inside base64 values', () => {
    const wrapped = `${PLACEHOLDER_CERTIFICATE.slice(0, 8)}&#13;\n  ${PLACEHOLDER_CERTIFICATE.slice(8)}`;
    const request = success(parseRequest(buildRequest({ digitalSigning: wrapped })));
    expect(request.body.replacementCertificates[0]!.base64).toBe(PLACEHOLDER_CERTIFICATE);
  });

  it('accepts a dateTime without timezone but records it', () => {
    const request = success(parseRequest(buildRequest({ executionDateTime: '2030-01-15T00:00:00' })));
    expect(request.body.executionDateTime).toEqual({ text: '2030-01-15T00:00:00', hasTimezone: false });
  });

  it('keeps optional elements absent when absent', () => {
    const request = success(parseRequest(buildRequest({ floor: undefined, topUpFloor: undefined, keyAgreementTopUp: undefined })));
    expect(request.body.remotePartyFloorSeqNumber).toBeUndefined();
    expect(request.body.remotePartyPrepaymentTopUpFloorSeqNumber).toBeUndefined();
    expect(request.body.replacementCertificates).toHaveLength(2);
  });

  it('accepts bytes as well as strings', () => {
    expect(parseRequest(Buffer.from(buildRequest())).ok).toBe(true);
    expect(parseRequest(new TextEncoder().encode(buildRequest())).ok).toBe(true);
  });

  it('resolves namespaces by URI, not by prefix', () => {
    const renamed = buildRequest().replaceAll('sr:', 'duis:').replace('xmlns:sr=', 'xmlns:duis=');
    expect(parseRequest(renamed).ok).toBe(true);
    const defaultNamespace = buildRequest().replaceAll('sr:', '').replace('xmlns:sr=', 'xmlns=');
    expect(parseRequest(defaultNamespace).ok).toBe(true);
  });

  it('reads values around comments as a schema processor does', () => {
    const request = success(parseRequest(buildRequest({ remotePartyRole: 'Sup<!-- x -->plier' })));
    expect(request.body.remotePartyRole).toBe('Supplier');
  });
});

// Each structural rule: a failing case and the nearest passing one.
const KRP = '/Request/Body/UpdateSecurityCredentialsKRP';
const cases: { name: string; bad: string; good: string; path: string }[] = [
  { name: 'RequestID pattern', bad: buildRequest({ originator: '90-B3-D5-1F-30-01-00' }), good: buildRequest({ originator: '90-b3-d5-1f-30-01-00-00' }), path: '/Request/Header/RequestID' },
  { name: 'RequestID counter range', bad: buildRequest({ counter: '18446744073709551616' }), good: buildRequest({ counter: '18446744073709551615' }), path: '/Request/Header/RequestID' },
  { name: 'RequestID counter leading zero', bad: buildRequest({ counter: '01' }), good: buildRequest({ counter: '0' }), path: '/Request/Header/RequestID' },
  { name: 'FirstInSequence boolean', bad: buildRequest({ firstInSequence: 'yes' }), good: buildRequest({ firstInSequence: 'false' }), path: '/Request/Header/FirstInSequence' },
  { name: 'CommandVariant range', bad: buildRequest({ commandVariant: '10' }), good: buildRequest({ commandVariant: '9' }), path: '/Request/Header/CommandVariant' },
  { name: 'CommandVariant integer', bad: buildRequest({ commandVariant: '4.0' }), good: buildRequest({ commandVariant: ' 4 ' }), path: '/Request/Header/CommandVariant' },
  { name: 'RemotePartyRole enumeration', bad: buildRequest({ remotePartyRole: 'Landlord' }), good: buildRequest({ remotePartyRole: ' LoadController ' }), path: `${KRP}/RemotePartyRole` },
  { name: 'floor range', bad: buildRequest({ floor: '9223372036854775808' }), good: buildRequest({ floor: '9223372036854775807' }), path: `${KRP}/RemotePartyFloorSeqNumber` },
  { name: 'floor non-negative', bad: buildRequest({ topUpFloor: '-1' }), good: buildRequest({ topUpFloor: '+1' }), path: `${KRP}/RemotePartyPrepaymentTopUpFloorSeqNumber` },
  { name: 'dateTime syntax', bad: buildRequest({ executionDateTime: '2030-02-30T00:00:00Z' }), good: buildRequest({ executionDateTime: '2032-02-29T24:00:00Z' }), path: `${KRP}/ExecutionDateTime` },
  { name: 'dateTime timezone range', bad: buildRequest({ executionDateTime: '2030-01-01T00:00:00+14:30' }), good: buildRequest({ executionDateTime: '2030-01-01T00:00:00+14:00' }), path: `${KRP}/ExecutionDateTime` },
  { name: 'base64 syntax', bad: buildRequest({ keyAgreement: 'MIIB@@@=' }), good: buildRequest({ keyAgreement: 'MIIB' }), path: `${KRP}/ReplacementCertificates/SupplierOrNetworkOperatorCertificates/KeyAgreementCertificate` },
  { name: 'base64 padding', bad: buildRequest({ keyAgreement: 'MIIBk' }), good: buildRequest({ keyAgreement: 'MIIBkw==' }), path: `${KRP}/ReplacementCertificates/SupplierOrNetworkOperatorCertificates/KeyAgreementCertificate` },
  { name: 'ApplyTimeBasedCPVChecks boolean', bad: buildRequest({ applyTimeBasedCpvChecks: 'TRUE' }), good: buildRequest({ applyTimeBasedCpvChecks: '0' }), path: `${KRP}/ApplyTimeBasedCPVChecks` },
  { name: 'certification path maxOccurs 3', bad: buildRequest({ pathCertificates: ['MIIB', 'MIIB', 'MIIB', 'MIIB'] }), good: buildRequest({ pathCertificates: ['MIIB', 'MIIB', 'MIIB'] }), path: `${KRP}/CertificationPathCertificates` },
  { name: 'certification path minOccurs 1', bad: buildRequest({ pathCertificates: [] }), good: buildRequest({ pathCertificates: ['MIIB'] }), path: `${KRP}/CertificationPathCertificates` },
  { name: 'required RemotePartyRole', bad: buildRequest({ remotePartyRole: undefined }), good: buildRequest({ remotePartyRole: 'Root' }), path: KRP },
  { name: 'required ApplyTimeBasedCPVChecks', bad: buildRequest({ applyTimeBasedCpvChecks: undefined }), good: buildRequest({ applyTimeBasedCpvChecks: 'false' }), path: KRP },
  { name: 'schemaVersion required', bad: buildRequest({ schemaVersion: null }), good: buildRequest({ schemaVersion: '5.4' }), path: '/Request' },
  { name: 'schemaVersion decimal', bad: buildRequest({ schemaVersion: 'v5' }), good: buildRequest({ schemaVersion: '5' }), path: '/Request/@schemaVersion' },
  {
    name: 'element order',
    bad: buildRequest({ floor: undefined }).replace('<sr:RemotePartyPrepaymentTopUpFloorSeqNumber>0</sr:RemotePartyPrepaymentTopUpFloorSeqNumber>', '').replace('<sr:ApplyTimeBasedCPVChecks>true</sr:ApplyTimeBasedCPVChecks>', '').replace('<sr:RemotePartyRole>', '<sr:ApplyTimeBasedCPVChecks>true</sr:ApplyTimeBasedCPVChecks><sr:RemotePartyRole>'),
    good: buildRequest({ floor: undefined }),
    path: KRP,
  },
  { name: 'unexpected element', bad: buildRequest().replace('</sr:UpdateSecurityCredentialsKRP>', '<sr:Extra/></sr:UpdateSecurityCredentialsKRP>'), good: buildRequest().replace('</sr:UpdateSecurityCredentialsKRP>', '<!-- extra --></sr:UpdateSecurityCredentialsKRP>'), path: KRP },
  { name: 'duplicate slot', bad: buildRequest().replace('<sr:KeyAgreementCertificate>', '<sr:DigitalSigningCertificate>MIIB</sr:DigitalSigningCertificate><sr:KeyAgreementCertificate>'), good: buildRequest(), path: `${KRP}/ReplacementCertificates/SupplierOrNetworkOperatorCertificates` },
  { name: 'duplicate Body', bad: buildRequest().replace('</sr:Body>', '</sr:Body><sr:Body/>'), good: buildRequest(), path: '/Request' },
  { name: 'text in element-only content', bad: buildRequest().replace('<sr:Header>', '<sr:Header>text'), good: buildRequest().replace('<sr:Header>', '<sr:Header>\n\t '), path: '/Request/Header' },
  { name: 'child element in a value', bad: buildRequest({ remotePartyRole: '<sr:B>Supplier</sr:B>' }), good: buildRequest({ remotePartyRole: '<![CDATA[Supplier]]>' }), path: `${KRP}/RemotePartyRole` },
  { name: 'attribute not declared', bad: buildRequest().replace('<sr:Body>', '<sr:Body id="x">'), good: buildRequest().replace('<sr:Body>', '<sr:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="a b">'), path: '/Request/Body' },
  { name: 'foreign-namespace Body', bad: buildRequest().replace('<sr:Body>', '<x:Body xmlns:x="urn:attacker">').replace('</sr:Body>', '</x:Body>'), good: buildRequest(), path: '/Request' },
  { name: 'root element', bad: buildRequest().replace('<sr:Request ', '<sr:Response ').replace('</sr:Request>', '</sr:Response>'), good: buildRequest(), path: '/' },
  { name: 'signature shape', bad: buildRequest({ signature: '<ds:Signature><ds:SignatureValue>AA==</ds:SignatureValue></ds:Signature>' }), good: buildRequest({ signature: '<ds:Signature><ds:SignedInfo/><ds:SignatureValue>AA==</ds:SignatureValue></ds:Signature>' }), path: '/Request/Signature' },
];

describe('parseRequest: structural rules', () => {
  for (const { name, bad, good, path } of cases) {
    it(`${name}: fails with SCHEMA_VIOLATION at ${path}, near miss passes`, () => {
      const first = failure(parseRequest(bad));
      expect(first.code).toBe('SCHEMA_VIOLATION');
      expect(first.path).toBe(path);
      expect(parseRequest(good).ok).toBe(true);
    });
  }

  it('names the fourth certification path certificate by index in params', () => {
    const first = failure(parseRequest(buildRequest({ pathCertificates: ['MIIB', 'MIIB', 'MIIB', 'MIIB'] })));
    expect(first.message).toMatch(/unexpected element .*Certificate/);
  });

  it('points at the bad certificate by index', () => {
    const first = failure(parseRequest(buildRequest({ pathCertificates: ['MIIB', '!!'] })));
    expect(first.path).toBe(`${KRP}/CertificationPathCertificates/Certificate[2]`);
  });
});

describe('parseRequest: service scope', () => {
  it('reports a Service Reference Variant DUIS does not define as SERVICE_NOT_SUPPORTED', () => {
    const first = failure(parseRequest(buildRequest({ serviceReferenceVariant: '6.15.9' })));
    expect(first).toMatchObject({
      code: 'SERVICE_NOT_SUPPORTED',
      path: '/Request/Header/ServiceReferenceVariant',
      params: { serviceReference: '6.15', serviceReferenceVariant: '6.15.9' },
    });
  });

  it('reads another SRV of DUIS generically: its body is not validated (6.15.2 is not one of the services)', () => {
    const result = parseRequest(buildRequest({ serviceReferenceVariant: '6.15.2' }));
    if (!result.ok) throw new Error(JSON.stringify(result.findings));
    expect(result).toMatchObject({ service: '6.15.2', coverage: 'generic' });
    expect(result.request.body).toEqual({ kind: 'unvalidated', element: 'UpdateSecurityCredentialsKRP', path: '/Request/Body/UpdateSecurityCredentialsKRP' });
  });

  it('reports a mismatched Service Reference', () => {
    expect(failure(parseRequest(buildRequest({ serviceReference: '6.14' }))).code).toBe('SERVICE_NOT_SUPPORTED');
  });

  it('treats ServiceReferenceVariant as xs:string: whitespace matters', () => {
    expect(failure(parseRequest(buildRequest({ serviceReferenceVariant: ' 6.15.1' }))).code).toBe('SERVICE_NOT_SUPPORTED');
  });

  it('reads a 6.15.1 request with another DUIS body (CV 5-7 carry a SignedPreCommand) generically', () => {
    const xml = buildRequest().replace(/<sr:Body>[\s\S]*<\/sr:Body>/, '<sr:Body><sr:SignedPreCommand/></sr:Body>');
    const result = parseRequest(xml);
    expect(result).toMatchObject({ ok: true, service: '6.15.1', coverage: 'generic', request: { body: { kind: 'unvalidated', element: 'SignedPreCommand' } } });
  });

  it('an SRV validated in depth takes only its own body: a KRP body under a 6.21 header is SCHEMA_VIOLATION', () => {
    const xml = buildRequest({ serviceReference: '6.21', serviceReferenceVariant: '6.21', commandVariant: '1' });
    expect(failure(parseRequest(xml))).toMatchObject({
      code: 'SCHEMA_VIOLATION',
      path: '/Request/Body/UpdateSecurityCredentialsKRP',
      params: { problem: 'missing-element', expected: 'RequestHandoverOfDCCControlledDevice', received: 'UpdateSecurityCredentialsKRP' },
    });
    // 6.21 is not critical, so it has no SignedPreCommand step either; 6.15.1 (critical) has, see above.
    const preCommand = xml.replace(/<sr:Body>[\s\S]*<\/sr:Body>/, '<sr:Body><sr:SignedPreCommand/></sr:Body>');
    expect(failure(parseRequest(preCommand))).toMatchObject({ code: 'SCHEMA_VIOLATION', params: { received: 'SignedPreCommand' } });
    const device = buildRequest().replace(/<sr:Body>[\s\S]*<\/sr:Body>/, '<sr:Body><sr:UpdateSecurityCredentialsDevice/></sr:Body>');
    expect(failure(parseRequest(device))).toMatchObject({
      code: 'SCHEMA_VIOLATION',
      params: { expected: 'UpdateSecurityCredentialsKRP or SignedPreCommand', received: 'UpdateSecurityCredentialsDevice' },
    });
  });

  it('a Body holds exactly one DUIS element', () => {
    const empty = buildRequest().replace(/<sr:Body>[\s\S]*<\/sr:Body>/, '<sr:Body> <!-- nothing --> </sr:Body>');
    expect(failure(parseRequest(empty))).toMatchObject({ code: 'SCHEMA_VIOLATION', path: '/Request/Body', params: { problem: 'missing-element' } });
    const two = buildRequest().replace('</sr:Body>', '<sr:SignedPreCommand/></sr:Body>');
    expect(failure(parseRequest(two))).toMatchObject({ code: 'SCHEMA_VIOLATION', path: '/Request/Body', params: { problem: 'unexpected-element' } });
    const foreign = buildRequest().replace(/<sr:Body>[\s\S]*<\/sr:Body>/, '<sr:Body><x:A xmlns:x="urn:x"/></sr:Body>');
    expect(failure(parseRequest(foreign))).toMatchObject({ code: 'SCHEMA_VIOLATION', params: { received: '{urn:x}A' } });
  });
});
