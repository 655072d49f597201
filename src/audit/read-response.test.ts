import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACB, buildResponse, ESME, meterRows, NO_A, SUPPLIER } from '../../test/support/build-response.js';
import { readCredentialsResponse } from './read-response.js';

const MMC = new URL('../../../shared/reference/duis/mmc-v5.4.xsd', import.meta.url);
const mmcAvailable = existsSync(fileURLToPath(MMC));

function failure(xml: string) {
  const read = readCredentialsResponse(xml);
  if (read.ok) throw new Error('expected the response to be refused');
  return read;
}

describe('readCredentialsResponse: the model', () => {
  it('reads the device, target, counter, timestamp, MessageSuccess and every row', () => {
    const read = readCredentialsResponse(buildResponse({ counter: '18446744073709551615' }));
    if (!read.ok) throw new Error(JSON.stringify(read.findings));
    expect(read.response).toMatchObject({
      deviceId: ESME,
      targetId: SUPPLIER,
      counter: 18446744073709551615n,
      timestamp: '2026-11-20T10:00:00Z',
      messageSuccess: true,
    });
    expect(read.response.parties).toHaveLength(8);
    expect(read.response.parties[4]).toEqual({
      role: 'NetworkOperator',
      status: 'success',
      usage: 'DigitalSigning',
      holder: NO_A,
      certificateHash: '2jmj7l5rSw0yVb/vlWAYkK/YBwk=',
    });
  });

  it('normalises EUIs to upper case and collapses xs:token whitespace; a floor number is a bigint', () => {
    const read = readCredentialsResponse(
      buildResponse({ device: '00-db-12-34-56-78-91-01', rows: [{ role: ' NetworkOperator\n', usage: 'KeyAgreement', holder: ' 90-b3-d5-1f-30-02-00-00 ', floor: '007' }] }),
    );
    expect(read.ok && read.response.deviceId).toBe(ESME);
    expect(read.ok && read.response.parties[0]).toMatchObject({ role: 'NetworkOperator', holder: NO_A, floorSeqNumber: 7n });
  });

  it('Header SR/SRV, Timestamp and MessageSuccess are optional', () => {
    const read = readCredentialsResponse(buildResponse({ serviceReference: null, serviceReferenceVariant: null, timestamp: null, messageSuccess: null }));
    expect(read.ok).toBe(true);
    expect(read.ok && 'timestamp' in read.response).toBe(false);
    expect(read.ok && 'messageSuccess' in read.response).toBe(false);
  });
});

describe('readCredentialsResponse: what it refuses, with typed findings', () => {
  it('XML that is not well-formed: XML_MALFORMED with line and column', () => {
    expect(failure('<ra:GBCSResponse').findings[0]).toMatchObject({ code: 'XML_MALFORMED', params: { line: 1 } });
  });

  it('a DTD: XML_DTD_FORBIDDEN (the same hardening as requests)', () => {
    expect(failure(`<!DOCTYPE x [<!ENTITY a "b">]>${buildResponse()}`.replace('<?xml version="1.0" encoding="UTF-8"?>\n', '')).findings[0]!.code).toBe(
      'XML_DTD_FORBIDDEN',
    );
  });

  it('another root: SCHEMA_VIOLATION root; near miss: GBCSResponse in another namespace is refused too', () => {
    expect(failure('<sr:Request xmlns:sr="urn:x"/>').findings[0]).toMatchObject({ code: 'SCHEMA_VIOLATION', path: '/Request', params: { problem: 'root' } });
    expect(failure(buildResponse().replace('http://www.dccinterface.co.uk/ResponseAndAlert', 'urn:other')).findings[0]!.params).toMatchObject({ problem: 'root' });
  });

  it('RESPONSE_WRONG_SERVICE for another SRV in the Header, another response body, or a device alert', () => {
    expect(failure(buildResponse({ serviceReferenceVariant: '6.24.2' })).findings[0]).toMatchObject({
      code: 'RESPONSE_WRONG_SERVICE',
      path: '/GBCSResponse/Header/ServiceReferenceVariant',
      params: { deviceId: ESME, received: 'ServiceReferenceVariant 6.24.2' },
    });
    const other = failure(buildResponse({ smets: '<ra:UpdateSupplierNameRsp/>' }));
    expect(other.findings[0]).toMatchObject({ code: 'RESPONSE_WRONG_SERVICE', params: { received: '{http://www.dccinterface.co.uk/ResponseAndAlert}UpdateSupplierNameRsp' } });
    expect(other.deviceId).toBe(ESME);
    const alert = buildResponse().replace(/<ra:Body>[\s\S]*<\/ra:Body>/, '<ra:Body><ra:DeviceAlertMessage/></ra:Body>');
    expect(failure(alert).findings[0]).toMatchObject({ code: 'RESPONSE_WRONG_SERVICE', params: { received: 'a device alert' } });
  });

  it('RESPONSE_NO_REMOTE_PARTY_DETAILS for an empty list; near miss: one row is enough', () => {
    expect(failure(buildResponse({ rows: [] })).findings[0]).toMatchObject({
      code: 'RESPONSE_NO_REMOTE_PARTY_DETAILS',
      path: '/GBCSResponse/Body/ResponseMessage/SMETSData/RetrieveDeviceSecurityCredentialsKRPRsp',
      params: { deviceId: ESME, counter: '100' },
    });
    expect(readCredentialsResponse(buildResponse({ rows: [{ role: 'Root' }] })).ok).toBe(true);
  });

  it.each([
    ['a missing BusinessOriginatorID', buildResponse().replace(/<ra:BusinessOriginatorID>[^<]*<\/ra:BusinessOriginatorID>/, ''), '/GBCSResponse/Header', 'missing-element'],
    ['a bad EUI', buildResponse({ device: '00-DB-12-34-56-78-91' }), '/GBCSResponse/Header/BusinessOriginatorID', 'value'],
    ['a counter over 2^64-1', buildResponse({ counter: '18446744073709551616' }), '/GBCSResponse/Header/OriginatorCounter', 'value'],
    ['a Timestamp that is not a dateTime', buildResponse({ timestamp: '2026-13-01T00:00:00Z' }), '/GBCSResponse/Header/Timestamp', 'value'],
    ['an unknown RemotePartyRole', buildResponse({ rows: [{ role: 'DCC' }] }), '/GBCSResponse/Body/ResponseMessage/SMETSData/RetrieveDeviceSecurityCredentialsKRPRsp/RemotePartyDetails[1]/RemotePartyRole', 'value'],
    ['a CertificateUsage with whitespace (xs:string)', buildResponse({ rows: [{ usage: ' KeyAgreement' }] }), '/GBCSResponse/Body/ResponseMessage/SMETSData/RetrieveDeviceSecurityCredentialsKRPRsp/RemotePartyDetails[1]/CertificateUsage', 'value'],
    ['rows out of order', buildResponse({ rows: [{ role: 'Root' }] }).replace(/(<ra:RemotePartyRole>Root<\/ra:RemotePartyRole>)(<ra:StatusCode[^]*?<\/ra:StatusCode>)/, '$2$1'), '/GBCSResponse/Body/ResponseMessage/SMETSData/RetrieveDeviceSecurityCredentialsKRPRsp/RemotePartyDetails[1]', 'unexpected-element'],
    ['a StatusCode without ResponseCode', buildResponse({ rows: [{ status: '<ra:StatusCode><ra:ASN1Status>success</ra:ASN1Status></ra:StatusCode>' }] }), '/GBCSResponse/Body/ResponseMessage/SMETSData/RetrieveDeviceSecurityCredentialsKRPRsp/RemotePartyDetails[1]/StatusCode', 'missing-attribute'],
    ['a hash that is not base64', buildResponse({ rows: [{ hash: '<ra:ExistingCertificateHash>not base64!</ra:ExistingCertificateHash>' }] }), '/GBCSResponse/Body/ResponseMessage/SMETSData/RetrieveDeviceSecurityCredentialsKRPRsp/RemotePartyDetails[1]/ExistingCertificateHash', 'value'],
    ['MessageSuccess that is not a boolean', buildResponse({ messageSuccess: 'yes' }), '/GBCSResponse/Body/ResponseMessage/SMETSData/RetrieveDeviceSecurityCredentialsKRPRsp/@MessageSuccess', 'value'],
    ['text in element-only content', buildResponse().replace('<ra:SMETSData>', '<ra:SMETSData>x'), '/GBCSResponse/Body/ResponseMessage/SMETSData', 'character-data'],
    ['an unknown attribute', buildResponse().replace('<ra:Header>', '<ra:Header id="1">'), '/GBCSResponse/Header', 'attribute'],
  ])('%s: SCHEMA_VIOLATION at its path', (_name, xml, path, problem) => {
    expect(failure(xml).findings[0]).toMatchObject({ code: 'SCHEMA_VIOLATION', path, params: { problem } });
  });
});

describe.skipIf(!mmcAvailable)('readCredentialsResponse agrees with the MMC XSD V5.4 (xmllint)', () => {
  // The builder's documents and every refusal above that the XSD also refuses; the schema's verdict decides.
  const documents = {
    valid: buildResponse(),
    'valid-minimal-header': buildResponse({ serviceReference: null, serviceReferenceVariant: null, timestamp: null, messageSuccess: null }),
    'valid-acb-everywhere': buildResponse({ rows: meterRows(ACB) }),
    'missing-originator': buildResponse().replace(/<ra:BusinessOriginatorID>[^<]*<\/ra:BusinessOriginatorID>/, ''),
    'bad-eui': buildResponse({ device: '00-DB-12-34-56-78-91' }),
    'counter-too-big': buildResponse({ counter: '18446744073709551616' }),
    'unknown-role': buildResponse({ rows: [{ role: 'DCC' }] }),
    'usage-whitespace': buildResponse({ rows: [{ usage: ' KeyAgreement' }] }),
    'status-without-code': buildResponse({ rows: [{ status: '<ra:StatusCode><ra:ASN1Status>success</ra:ASN1Status></ra:StatusCode>' }] }),
    'message-success-yes': buildResponse({ messageSuccess: 'yes' }),
    'header-attribute': buildResponse().replace('<ra:Header>', '<ra:Header id="1">'),
  };
  const verdicts = new Map<string, boolean>();
  beforeAll(async () => {
    const { validateXML } = await import('xmllint-wasm');
    const { readFileSync } = await import('node:fs');
    const result = await validateXML({
      xml: Object.entries(documents).map(([fileName, contents]) => ({ fileName, contents })),
      schema: [{ fileName: 'mmc-v5.4.xsd', contents: readFileSync(MMC, 'utf8') }],
    });
    for (const name of Object.keys(documents)) verdicts.set(name, !result.errors.some((e) => e.loc?.fileName === name));
  }, 60_000);

  for (const [name, xml] of Object.entries(documents)) {
    it(`${name}: ours and the XSD agree`, () => {
      expect(readCredentialsResponse(xml).ok).toBe(verdicts.get(name));
      expect(verdicts.get(name)).toBe(name.startsWith('valid'));
    });
  }
});
