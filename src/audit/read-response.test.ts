import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACB, buildResponse, ESME, meterRows, NO_A, SUPPLIER, type Row } from '../../test/support/build-response.js';
import { MMC_NAMESPACE, readCredentialsResponse } from './read-response.js';

const MMC = new URL('../../../shared/reference/duis/mmc-v5.4.xsd', import.meta.url);
const mmcAvailable = existsSync(fileURLToPath(MMC));

const HEADER = '/GBCSResponse/Header';
const BODY = '/GBCSResponse/Body';
const MESSAGE = `${BODY}/ResponseMessage`;
const SMETS = `${MESSAGE}/SMETSData`;
const RSP = `${SMETS}/RetrieveDeviceSecurityCredentialsKRPRsp`;
const ROW1 = `${RSP}/RemotePartyDetails[1]`;
const HASH = '2jmj7l5rSw0yVb/vlWAYkK/YBwk=';
const EUI_EXPECTED = 'an EUI-64 (8 hyphen-separated hex pairs)';
const COUNTER_EXPECTED = 'a counter 0..18446744073709551615';
const ROLES_EXPECTED = 'one of ACB, NetworkOperator, Recovery, Root, Supplier, TransCoS, LoadController';
const USAGES_EXPECTED = 'one of DigitalSigning, KeyAgreement, KeyAgreementTopUp, KeyCertSign';
const CHILD = '<ra:X/>';

/** The response read; fails the test with the findings when it was refused. */
function accepted(xml: string) {
  const read = readCredentialsResponse(xml);
  if (!read.ok) throw new Error(`expected the response to be read: ${JSON.stringify(read.findings)}`);
  return read.response;
}

/** The refusal without the rendered messages: every finding's code, path and params, and the device if known. */
function refused(xml: string) {
  const read = readCredentialsResponse(xml);
  if (read.ok) throw new Error('expected the response to be refused');
  return {
    findings: read.findings.map(({ code, path, params }) => ({ code, path, params })),
    ...('deviceId' in read ? { deviceId: read.deviceId } : {}),
  };
}

function schema(path: string, problem: string, expected: string | null = null, received: string | null = null) {
  return { code: 'SCHEMA_VIOLATION', path, params: { problem, expected, received } };
}

/** One SCHEMA_VIOLATION, before the Header was read (no device). */
const headerRefusal = (...args: Parameters<typeof schema>) => ({ findings: [schema(...args)] });
/** One finding after the Header was read: the device is known. */
const bodyRefusal = (finding: ReturnType<typeof schema> | { code: string; path: string; params: object }) => ({ findings: [finding], deviceId: ESME });

/** A response with `extra` Header elements after OriginatorCounter (where the optional Supplementary ones go). */
const withHeader = (extra: string) => buildResponse().replace('</ra:OriginatorCounter>', `</ra:OriginatorCounter>${extra}`);
/** A response whose Body content is `content`. */
const withBody = (content: string) => buildResponse().replace(/<ra:Body>[\s\S]*<\/ra:Body>/, `<ra:Body>${content}</ra:Body>`);
/** A response whose ResponseMessage content is `content`. */
const withMessage = (content: string) => withBody(`<ra:ResponseMessage>${content}</ra:ResponseMessage>`);
const oneRow = (row: Row) => buildResponse({ rows: [row] });
const status = (attributes: string, content = '<ra:ASN1Status>success</ra:ASN1Status>') => `<ra:StatusCode ${attributes}>${content}</ra:StatusCode>`;
const withTimestampAttributes = (attributes: string) => buildResponse().replace('<ra:Timestamp>', `<ra:Timestamp ${attributes}>`);
const withRootAttributes = (attributes: string) => buildResponse().replace(' schemaVersion="5.4"', attributes);
/** A minimal 6.24.1 body: one row with only a role. */
const rspBody = '<ra:RetrieveDeviceSecurityCredentialsKRPRsp><ra:RemotePartyDetails><ra:RemotePartyRole>Root</ra:RemotePartyRole></ra:RemotePartyDetails></ra:RetrieveDeviceSecurityCredentialsKRPRsp>';

describe('readCredentialsResponse: the model', () => {
  it('reads the device, target, counter, timestamp, MessageSuccess and every row, exactly', () => {
    expect(accepted(buildResponse())).toStrictEqual({
      deviceId: ESME,
      targetId: SUPPLIER,
      counter: 100n,
      timestamp: '2026-11-20T10:00:00Z',
      messageSuccess: true,
      parties: meterRows().map((row) => ({ role: row.role, status: 'success', usage: row.usage, holder: row.holder, certificateHash: HASH })),
    });
  });

  it('the counter bound is inclusive: 2^64-1 is read, 2^64 is refused', () => {
    expect(accepted(buildResponse({ counter: '18446744073709551615' })).counter).toBe(18446744073709551615n);
    expect(refused(buildResponse({ counter: '18446744073709551616' }))).toStrictEqual(
      headerRefusal(`${HEADER}/OriginatorCounter`, 'value', COUNTER_EXPECTED, '18446744073709551616'),
    );
  });

  it('collapses whitespace where the datatype does: EUIs (upper-cased), counters, Timestamp, xs:token role, floor, ResponseCode, base64', () => {
    const response = accepted(
      buildResponse({
        device: ' 00-db-12-34-56-78-91-01\n',
        target: '\t90-b3-d5-1f-30-01-00-00 ',
        counter: ' 0100 ',
        timestamp: '\n 2026-11-20T10:00:00Z ',
        rows: [
          {
            role: ' NetworkOperator\n',
            status: status('ResponseCode=" 7 "'),
            floor: ' 007 ',
            usage: 'KeyAgreement',
            holder: ' 90-b3-d5-1f-30-02-00-00 ',
            hash: `<ra:ExistingCertificateHash>2jmj7l5rSw0y\n  Vb/vlWAYkK/YBwk=</ra:ExistingCertificateHash>`,
          },
        ],
      }),
    );
    expect(response).toStrictEqual({
      deviceId: ESME,
      targetId: SUPPLIER,
      counter: 100n,
      timestamp: '2026-11-20T10:00:00Z',
      messageSuccess: true,
      parties: [{ role: 'NetworkOperator', status: 'success', floorSeqNumber: 7n, usage: 'KeyAgreement', holder: NO_A, certificateHash: HASH }],
    });
  });

  it('ASN1Status is kept as written (xs:string), and any string is read', () => {
    const row = (asn1: string) => oneRow({ role: 'Root', status: status('ResponseCode="0"', `<ra:ASN1Status>${asn1}</ra:ASN1Status>`) });
    expect(accepted(row(' success ')).parties).toStrictEqual([{ role: 'Root', status: ' success ', certificateHash: HASH }]);
    expect(accepted(row('noTrustAnchor')).parties).toStrictEqual([{ role: 'Root', status: 'noTrustAnchor', certificateHash: HASH }]);
    expect(accepted(row('succès')).parties[0]!.status).toBe('succès');
  });

  it('every element of a row is optional: a row with none of them is an empty detail', () => {
    expect(accepted(oneRow({ status: '', hash: '' })).parties).toStrictEqual([{}]);
    expect(accepted(oneRow({ role: 'Root', status: '', hash: '' })).parties).toStrictEqual([{ role: 'Root' }]);
  });

  it('every RemotePartyRole and CertificateUsage of the XSD is read', () => {
    for (const role of ['ACB', 'NetworkOperator', 'Recovery', 'Root', 'Supplier', 'TransCoS', 'LoadController']) {
      expect(accepted(oneRow({ role, hash: '' })).parties).toStrictEqual([{ role, status: 'success' }]);
    }
    for (const usage of ['DigitalSigning', 'KeyAgreement', 'KeyAgreementTopUp', 'KeyCertSign']) {
      expect(accepted(oneRow({ usage, hash: '' })).parties).toStrictEqual([{ status: 'success', usage }]);
    }
  });

  it('floor 0 and 2^64-1 are read; the floor bound is inclusive', () => {
    expect(accepted(oneRow({ floor: '0', status: '', hash: '' })).parties).toStrictEqual([{ floorSeqNumber: 0n }]);
    expect(accepted(oneRow({ floor: '18446744073709551615', status: '', hash: '' })).parties).toStrictEqual([{ floorSeqNumber: 18446744073709551615n }]);
  });

  it('ResponseCode is any xs:integer: signed, several digits', () => {
    for (const code of ['0', '-5', '+5', '12', '-123']) {
      expect(accepted(oneRow({ role: 'Root', status: status(`ResponseCode="${code}"`), hash: '' })).parties).toStrictEqual([{ role: 'Root', status: 'success' }]);
    }
  });

  it('Header SR/SRV, Timestamp and MessageSuccess are optional; absent ones leave no key', () => {
    expect(accepted(buildResponse({ serviceReference: null, serviceReferenceVariant: null, timestamp: null, messageSuccess: null, rows: [{ role: 'Root' }] }))).toStrictEqual({
      deviceId: ESME,
      targetId: SUPPLIER,
      counter: 100n,
      parties: [{ role: 'Root', status: 'success', certificateHash: HASH }],
    });
  });

  it('MessageSuccess false, and its other lexical forms 0 and 1 (collapsed)', () => {
    expect(accepted(buildResponse({ messageSuccess: 'false' })).messageSuccess).toBe(false);
    expect(accepted(buildResponse({ messageSuccess: '0' })).messageSuccess).toBe(false);
    expect(accepted(buildResponse({ messageSuccess: ' 1 ' })).messageSuccess).toBe(true);
  });

  it('the optional Supplementary Header elements and GBCSHexadecimalMessageCode are checked, not returned', () => {
    const header = withHeader(
      [
        '<ra:SupplementaryRemotePartyID>90-b3-d5-1f-30-01-00-00</ra:SupplementaryRemotePartyID>',
        '<ra:SupplementaryRemotePartyCounter>18446744073709551615</ra:SupplementaryRemotePartyCounter>',
        '<ra:SupplementaryOriginatorCounter>0</ra:SupplementaryOriginatorCounter>',
        '<ra:GBCSHexadecimalMessageCode>00a1</ra:GBCSHexadecimalMessageCode>',
      ].join(''),
    );
    expect(accepted(header)).toStrictEqual(accepted(buildResponse()));
  });

  it.each([['00A1'], ['00a1FF'], [''], [' 00A1 '], ['0F']])('GBCSHexadecimalMessageCode %j is xs:hexBinary', (code) => {
    expect(accepted(withHeader(`<ra:GBCSHexadecimalMessageCode>${code}</ra:GBCSHexadecimalMessageCode>`)).deviceId).toBe(ESME);
  });

  it('comments, processing instructions and whitespace CDATA in element-only content are ignored', () => {
    expect(accepted(buildResponse().replace('<ra:Body>', '<ra:Body><!-- x --><?pi data?><![CDATA[ \n]]>').replace('<ra:SMETSData>', '<ra:SMETSData><!-- y -->\n'))).toStrictEqual(
      accepted(buildResponse()),
    );
  });

  it('xsi:schemaLocation hints are allowed on the root', () => {
    expect(accepted(withRootAttributes(' schemaVersion="5.4" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="a b"')).deviceId).toBe(ESME);
  });

  it('schemaVersion is any xs:decimal, collapsed', () => {
    for (const version of ['5.4', ' 5 ', '.5', '+5.', '-1.0']) {
      expect(accepted(withRootAttributes(` schemaVersion="${version}"`)).deviceId).toBe(ESME);
    }
  });

  it('Timestamp: isFromGSME and ClockStatus, as the MMC XSD declares them, are read past', () => {
    expect(accepted(withTimestampAttributes('isFromGSME="true" ClockStatus="reliable"')).timestamp).toBe('2026-11-20T10:00:00Z');
    expect(accepted(withTimestampAttributes('ClockStatus="unreliable"')).timestamp).toBe('2026-11-20T10:00:00Z');
    expect(accepted(withTimestampAttributes('isFromGSME="0"')).timestamp).toBe('2026-11-20T10:00:00Z');
  });

  it('Timestamp: an xsi hint is allowed; near miss: another namespaced attribute is refused as an attribute', () => {
    expect(accepted(withTimestampAttributes('xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="a b"')).timestamp).toBe('2026-11-20T10:00:00Z');
    // Not read as the isFromGSME attribute: only unprefixed attributes are.
    expect(refused(withTimestampAttributes('xmlns:x="urn:x" x:isFromGSME="maybe"'))).toStrictEqual(headerRefusal(`${HEADER}/Timestamp`, 'attribute', null, 'x:isFromGSME'));
  });

  it('MMC_NAMESPACE is the MMC XSD targetNamespace', () => {
    expect(MMC_NAMESPACE).toBe('http://www.dccinterface.co.uk/ResponseAndAlert');
  });
});

describe('readCredentialsResponse: XML and the root', () => {
  it('XML that is not well-formed: XML_MALFORMED with line and column', () => {
    expect(refused('<ra:GBCSResponse')).toStrictEqual({
      findings: [{ code: 'XML_MALFORMED', path: undefined, params: { line: 1, column: 16, reason: 'document must contain a root element' } }],
    });
  });

  it('a DTD: XML_DTD_FORBIDDEN (the same hardening as requests)', () => {
    const xml = `<!DOCTYPE x [<!ENTITY a "b">]>${buildResponse()}`.replace('<?xml version="1.0" encoding="UTF-8"?>\n', '');
    expect(refused(xml)).toStrictEqual({ findings: [{ code: 'XML_DTD_FORBIDDEN', path: undefined, params: { line: 1, column: 30 } }] });
  });

  it('the limits option reaches the parser: XML_TOO_LARGE; near miss: a limit the document fits', () => {
    const xml = buildResponse();
    const read = readCredentialsResponse(xml, { limits: { maxBytes: 100 } });
    expect(read.ok ? [] : read.findings.map(({ code, params }) => ({ code, params }))).toStrictEqual([{ code: 'XML_TOO_LARGE', params: { limit: 100, received: null } }]);
    expect(readCredentialsResponse(xml, { limits: { maxBytes: Buffer.byteLength(xml) } }).ok).toBe(true);
  });

  it('another root: SCHEMA_VIOLATION root, whether the name or the namespace differs', () => {
    expect(refused('<sr:Request xmlns:sr="urn:x" schemaVersion="5.4"/>')).toStrictEqual(
      headerRefusal('/Request', 'root', `{${MMC_NAMESPACE}}GBCSResponse`, '{urn:x}Request'),
    );
    expect(refused(buildResponse().replace('<ra:GBCSResponse', '<ra:GBCSRequest').replace('</ra:GBCSResponse>', '</ra:GBCSRequest>'))).toStrictEqual(
      headerRefusal('/GBCSRequest', 'root', `{${MMC_NAMESPACE}}GBCSResponse`, `{${MMC_NAMESPACE}}GBCSRequest`),
    );
    expect(refused(buildResponse().replace(MMC_NAMESPACE, 'urn:other'))).toStrictEqual(
      headerRefusal('/GBCSResponse', 'root', `{${MMC_NAMESPACE}}GBCSResponse`, '{urn:other}GBCSResponse'),
    );
  });

  it('schemaVersion missing: missing-attribute; a namespaced schemaVersion is not it', () => {
    expect(refused(withRootAttributes(''))).toStrictEqual(headerRefusal('/GBCSResponse', 'missing-attribute', 'schemaVersion'));
    expect(refused(withRootAttributes(' xmlns:x="urn:x" x:schemaVersion="abc"'))).toStrictEqual(headerRefusal('/GBCSResponse', 'missing-attribute', 'schemaVersion'));
  });

  it('schemaVersion not an xs:decimal: value at @schemaVersion, as written', () => {
    expect(refused(withRootAttributes(' schemaVersion="5.4.1"'))).toStrictEqual(headerRefusal('/GBCSResponse/@schemaVersion', 'value', 'xs:decimal', '5.4.1'));
    expect(refused(withRootAttributes(' schemaVersion=""'))).toStrictEqual(headerRefusal('/GBCSResponse/@schemaVersion', 'value', 'xs:decimal', ''));
  });

  it('another root attribute, even one that looks like a decimal, before or after schemaVersion', () => {
    expect(refused(withRootAttributes(' foo="x" schemaVersion="5.4"'))).toStrictEqual(headerRefusal('/GBCSResponse', 'attribute', null, 'foo'));
    expect(refused(withRootAttributes(' schemaVersion="5.4" foo="1"'))).toStrictEqual(headerRefusal('/GBCSResponse', 'attribute', null, 'foo'));
  });

  it('the root sequence: Header and Body, in order', () => {
    expect(refused(buildResponse().replace(/<ra:Body>[\s\S]*<\/ra:Body>/, ''))).toStrictEqual(headerRefusal('/GBCSResponse', 'missing-element', 'Body'));
    expect(refused(buildResponse().replace('</ra:GBCSResponse>', '<ra:Extra/></ra:GBCSResponse>'))).toStrictEqual(
      headerRefusal('/GBCSResponse', 'unexpected-element', null, `{${MMC_NAMESPACE}}Extra`),
    );
  });
});

describe('readCredentialsResponse: the Header', () => {
  it('a Header attribute', () => {
    expect(refused(buildResponse().replace('<ra:Header>', '<ra:Header id="1">'))).toStrictEqual(headerRefusal(HEADER, 'attribute', null, 'id'));
  });

  it('a missing BusinessOriginatorID: missing-element naming what came instead', () => {
    expect(refused(buildResponse().replace(/<ra:BusinessOriginatorID>[^<]*<\/ra:BusinessOriginatorID>/, ''))).toStrictEqual(
      headerRefusal(HEADER, 'missing-element', 'BusinessOriginatorID', `{${MMC_NAMESPACE}}BusinessTargetID`),
    );
  });

  it.each([
    ['BusinessOriginatorID', buildResponse({ device: '00-DB-12-34-56-78-91' }), '00-DB-12-34-56-78-91'],
    ['BusinessTargetID', buildResponse({ target: '90B3D51F30010000' }), '90B3D51F30010000'],
    ['SupplementaryRemotePartyID', withHeader('<ra:SupplementaryRemotePartyID> 90-B3 </ra:SupplementaryRemotePartyID>'), ' 90-B3 '],
  ])('%s not an EUI-64: value, received as written', (name, xml, received) => {
    expect(refused(xml)).toStrictEqual(headerRefusal(`${HEADER}/${name}`, 'value', EUI_EXPECTED, received));
  });

  it.each([
    ['OriginatorCounter', buildResponse({ counter: '-1' }), '-1'],
    ['SupplementaryRemotePartyCounter', withHeader('<ra:SupplementaryRemotePartyCounter>18446744073709551616</ra:SupplementaryRemotePartyCounter>'), '18446744073709551616'],
    [
      'SupplementaryOriginatorCounter',
      withHeader('<ra:SupplementaryRemotePartyCounter>1</ra:SupplementaryRemotePartyCounter><ra:SupplementaryOriginatorCounter>x</ra:SupplementaryOriginatorCounter>'),
      'x',
    ],
  ])('%s not a counter: value', (name, xml, received) => {
    expect(refused(xml)).toStrictEqual(headerRefusal(`${HEADER}/${name}`, 'value', COUNTER_EXPECTED, received));
  });

  it('both Supplementary counters bad: only the first is reported', () => {
    const xml = withHeader('<ra:SupplementaryRemotePartyCounter>a</ra:SupplementaryRemotePartyCounter><ra:SupplementaryOriginatorCounter>b</ra:SupplementaryOriginatorCounter>');
    expect(refused(xml)).toStrictEqual(headerRefusal(`${HEADER}/SupplementaryRemotePartyCounter`, 'value', COUNTER_EXPECTED, 'a'));
  });

  it('a bad device, target and counter are all reported, and no device is returned', () => {
    expect(refused(buildResponse({ device: 'x', target: 'y', counter: 'z' }))).toStrictEqual({
      findings: [
        schema(`${HEADER}/BusinessOriginatorID`, 'value', EUI_EXPECTED, 'x'),
        schema(`${HEADER}/BusinessTargetID`, 'value', EUI_EXPECTED, 'y'),
        schema(`${HEADER}/OriginatorCounter`, 'value', COUNTER_EXPECTED, 'z'),
      ],
    });
  });

  it.each([
    'BusinessOriginatorID',
    'BusinessTargetID',
    'OriginatorCounter',
    'SupplementaryRemotePartyID',
    'SupplementaryRemotePartyCounter',
    'SupplementaryOriginatorCounter',
    'GBCSHexadecimalMessageCode',
    'ServiceReference',
    'ServiceReferenceVariant',
    'Timestamp',
  ])('%s with a child element: child-element at its path, and nothing more', (name) => {
    const xml = ['BusinessOriginatorID', 'BusinessTargetID', 'OriginatorCounter', 'ServiceReference', 'ServiceReferenceVariant', 'Timestamp'].includes(name)
      ? buildResponse().replace(new RegExp(`<ra:${name}>[^<]*</ra:${name}>`), `<ra:${name}>${CHILD}</ra:${name}>`)
      : withHeader(`<ra:${name}>${CHILD}</ra:${name}>`);
    expect(refused(xml)).toStrictEqual(headerRefusal(`${HEADER}/${name}`, 'child-element', null, 'X'));
  });

  it.each([['zz'], ['0'], ['0A1'], ['00 A1'], ['0x00']])('GBCSHexadecimalMessageCode %j is not xs:hexBinary', (code) => {
    expect(refused(withHeader(`<ra:GBCSHexadecimalMessageCode>${code}</ra:GBCSHexadecimalMessageCode>`))).toStrictEqual(
      headerRefusal(`${HEADER}/GBCSHexadecimalMessageCode`, 'value', 'xs:hexBinary', code),
    );
  });

  it('RESPONSE_WRONG_SERVICE for another SR or SRV in the Header, compared as written (no collapsing)', () => {
    const wrong = (name: string, received: string) => ({
      findings: [{ code: 'RESPONSE_WRONG_SERVICE', path: `${HEADER}/${name}`, params: { deviceId: ESME, received } }],
    });
    expect(refused(buildResponse({ serviceReferenceVariant: '6.24.2' }))).toStrictEqual(wrong('ServiceReferenceVariant', 'ServiceReferenceVariant 6.24.2'));
    expect(refused(buildResponse({ serviceReference: ' 6.24' }))).toStrictEqual(wrong('ServiceReference', 'ServiceReference  6.24'));
    expect(refused(buildResponse({ serviceReference: '6.15' }))).toStrictEqual(wrong('ServiceReference', 'ServiceReference 6.15'));
    // Near miss: either one alone is enough.
    expect(accepted(buildResponse({ serviceReference: null })).deviceId).toBe(ESME);
    expect(accepted(buildResponse({ serviceReferenceVariant: null })).deviceId).toBe(ESME);
  });

  it('a Timestamp that is not a dateTime: value, as written', () => {
    expect(refused(buildResponse({ timestamp: '2026-13-01T00:00:00Z' }))).toStrictEqual(headerRefusal(`${HEADER}/Timestamp`, 'value', 'xs:dateTime', '2026-13-01T00:00:00Z'));
    expect(refused(buildResponse({ timestamp: '' }))).toStrictEqual(headerRefusal(`${HEADER}/Timestamp`, 'value', 'xs:dateTime', ''));
  });

  it('Timestamp isFromGSME that is not an xs:boolean; ClockStatus outside its enumeration (xs:string, not collapsed)', () => {
    expect(refused(withTimestampAttributes('isFromGSME="maybe"'))).toStrictEqual(headerRefusal(`${HEADER}/Timestamp/@isFromGSME`, 'value', 'xs:boolean', 'maybe'));
    for (const clock of ['bad', ' reliable', 'Reliable', '']) {
      expect(refused(withTimestampAttributes(`ClockStatus="${clock}"`))).toStrictEqual(
        headerRefusal(`${HEADER}/Timestamp/@ClockStatus`, 'value', 'reliable, invalid or unreliable', clock),
      );
    }
  });

  it('Timestamp attributes are checked in document order: the first bad one is reported', () => {
    expect(refused(withTimestampAttributes('ClockStatus="bad" isFromGSME="maybe"'))).toStrictEqual(
      headerRefusal(`${HEADER}/Timestamp/@ClockStatus`, 'value', 'reliable, invalid or unreliable', 'bad'),
    );
  });

  it('another Timestamp attribute is refused as an attribute, also beside valid isFromGSME or ClockStatus values', () => {
    expect(refused(withTimestampAttributes('foo="1"'))).toStrictEqual(headerRefusal(`${HEADER}/Timestamp`, 'attribute', null, 'foo'));
    for (const valid of ['isFromGSME="true"', 'isFromGSME=" 0 "', 'ClockStatus="reliable"', 'ClockStatus="invalid"', 'ClockStatus="unreliable"']) {
      expect(refused(withTimestampAttributes(`${valid} foo="1"`))).toStrictEqual(headerRefusal(`${HEADER}/Timestamp`, 'attribute', null, 'foo'));
    }
  });
});

describe('readCredentialsResponse: the Body', () => {
  it('a device alert: RESPONSE_WRONG_SERVICE at the alert, with the device', () => {
    expect(refused(withBody('<ra:DeviceAlertMessage/>'))).toStrictEqual(
      bodyRefusal({ code: 'RESPONSE_WRONG_SERVICE', path: `${BODY}/DeviceAlertMessage`, params: { deviceId: ESME, received: 'a device alert' } }),
    );
  });

  it('a Body child that is neither ResponseMessage nor DeviceAlertMessage (or one in another namespace)', () => {
    const choice = (received: string) => bodyRefusal(schema(BODY, 'missing-element', 'ResponseMessage or DeviceAlertMessage', received));
    expect(refused(withBody('<ra:Other/>'))).toStrictEqual(choice(`{${MMC_NAMESPACE}}Other`));
    expect(refused(withBody(`<x:ResponseMessage xmlns:x="urn:x"><ra:SMETSData>${rspBody}</ra:SMETSData></x:ResponseMessage>`))).toStrictEqual(choice('{urn:x}ResponseMessage'));
    expect(refused(withBody('<x:DeviceAlertMessage xmlns:x="urn:x"/>'))).toStrictEqual(choice('{urn:x}DeviceAlertMessage'));
    expect(refused(withBody('<ResponseMessage/>'))).toStrictEqual(choice('ResponseMessage'));
  });

  it('an empty Body: missing-element ResponseMessage; two children: unexpected-element naming the second', () => {
    expect(refused(withBody(''))).toStrictEqual(bodyRefusal(schema(BODY, 'missing-element', 'ResponseMessage')));
    expect(refused(withBody(`<ra:ResponseMessage><ra:SMETSData>${rspBody}</ra:SMETSData></ra:ResponseMessage><ra:DeviceAlertMessage/>`))).toStrictEqual(
      bodyRefusal(schema(BODY, 'unexpected-element', null, `{${MMC_NAMESPACE}}DeviceAlertMessage`)),
    );
  });

  it('character data in Body, text or CDATA: character-data', () => {
    expect(refused(buildResponse().replace('<ra:Body>', '<ra:Body>x'))).toStrictEqual(bodyRefusal(schema(BODY, 'character-data')));
    expect(refused(buildResponse().replace('<ra:Body>', '<ra:Body><![CDATA[x]]>'))).toStrictEqual(bodyRefusal(schema(BODY, 'character-data')));
  });

  it('attributes on Body, ResponseMessage, SMETSData', () => {
    expect(refused(buildResponse().replace('<ra:Body>', '<ra:Body a="1">'))).toStrictEqual(bodyRefusal(schema(BODY, 'attribute', null, 'a')));
    expect(refused(buildResponse().replace('<ra:ResponseMessage>', '<ra:ResponseMessage a="1">'))).toStrictEqual(bodyRefusal(schema(MESSAGE, 'attribute', null, 'a')));
    expect(refused(buildResponse().replace('<ra:SMETSData>', '<ra:SMETSData a="1">'))).toStrictEqual(bodyRefusal(schema(SMETS, 'attribute', null, 'a')));
  });

  it('the ResponseMessage sequence: GBCSData, SMETSData, DebugInfo, in order', () => {
    expect(accepted(withMessage(`<ra:GBCSData/><ra:GBCSData/><ra:SMETSData>${rspBody}</ra:SMETSData><ra:DebugInfo/>`)).parties).toStrictEqual([{ role: 'Root' }]);
    expect(refused(withMessage(`<ra:DebugInfo/><ra:SMETSData>${rspBody}</ra:SMETSData>`))).toStrictEqual(
      bodyRefusal(schema(MESSAGE, 'unexpected-element', null, `{${MMC_NAMESPACE}}SMETSData`)),
    );
    expect(refused(withMessage(`x<ra:SMETSData>${rspBody}</ra:SMETSData>`))).toStrictEqual(bodyRefusal(schema(MESSAGE, 'character-data')));
  });

  it('a ResponseMessage without SMETSData: RESPONSE_WRONG_SERVICE at the message', () => {
    const without = bodyRefusal({ code: 'RESPONSE_WRONG_SERVICE', path: MESSAGE, params: { deviceId: ESME, received: 'a response without SMETSData' } });
    expect(refused(withMessage(''))).toStrictEqual(without);
    expect(refused(withMessage('<ra:GBCSData/><ra:DebugInfo/>'))).toStrictEqual(without);
  });

  it('SMETSData empty: missing-element; two children: unexpected-element naming the second; text: character-data', () => {
    expect(refused(buildResponse({ smets: '' }))).toStrictEqual(bodyRefusal(schema(SMETS, 'missing-element', 'RetrieveDeviceSecurityCredentialsKRPRsp')));
    expect(refused(buildResponse({ smets: `${rspBody}<ra:UpdateSupplierNameRsp/>` }))).toStrictEqual(
      bodyRefusal(schema(SMETS, 'unexpected-element', null, `{${MMC_NAMESPACE}}UpdateSupplierNameRsp`)),
    );
    expect(refused(buildResponse().replace('<ra:SMETSData>', '<ra:SMETSData>x'))).toStrictEqual(bodyRefusal(schema(SMETS, 'character-data')));
  });

  it('another response body: RESPONSE_WRONG_SERVICE at it; near miss: ours in another namespace', () => {
    expect(refused(buildResponse({ smets: '<ra:UpdateSupplierNameRsp/>' }))).toStrictEqual(
      bodyRefusal({ code: 'RESPONSE_WRONG_SERVICE', path: `${SMETS}/UpdateSupplierNameRsp`, params: { deviceId: ESME, received: `{${MMC_NAMESPACE}}UpdateSupplierNameRsp` } }),
    );
    expect(refused(buildResponse({ smets: '<x:RetrieveDeviceSecurityCredentialsKRPRsp xmlns:x="urn:x"/>' }))).toStrictEqual(
      bodyRefusal({ code: 'RESPONSE_WRONG_SERVICE', path: RSP, params: { deviceId: ESME, received: '{urn:x}RetrieveDeviceSecurityCredentialsKRPRsp' } }),
    );
  });

  it('RESPONSE_NO_REMOTE_PARTY_DETAILS for an empty list, with the counter as a string; near miss: one row is enough', () => {
    expect(refused(buildResponse({ rows: [], counter: '18446744073709551615' }))).toStrictEqual(
      bodyRefusal({ code: 'RESPONSE_NO_REMOTE_PARTY_DETAILS', path: RSP, params: { deviceId: ESME, counter: '18446744073709551615' } }),
    );
    expect(accepted(buildResponse({ rows: [{ role: 'Root' }] })).parties).toHaveLength(1);
  });
});

describe('readCredentialsResponse: RetrieveDeviceSecurityCredentialsKRPRsp', () => {
  it('MessageSuccess that is not a boolean: value at @MessageSuccess', () => {
    expect(refused(buildResponse({ messageSuccess: 'yes' }))).toStrictEqual(bodyRefusal(schema(`${RSP}/@MessageSuccess`, 'value', 'xs:boolean', 'yes')));
  });

  it('another attribute before or after MessageSuccess; a namespaced MessageSuccess is another attribute', () => {
    const withRsp = (attributes: string) => buildResponse({ messageSuccess: null }).replace('<ra:RetrieveDeviceSecurityCredentialsKRPRsp>', `<ra:RetrieveDeviceSecurityCredentialsKRPRsp ${attributes}>`);
    expect(refused(withRsp('foo="x" MessageSuccess="true"'))).toStrictEqual(bodyRefusal(schema(RSP, 'attribute', null, 'foo')));
    expect(refused(withRsp('MessageSuccess="true" foo="1"'))).toStrictEqual(bodyRefusal(schema(RSP, 'attribute', null, 'foo')));
    expect(refused(withRsp('xmlns:x="urn:x" x:MessageSuccess="maybe"'))).toStrictEqual(bodyRefusal(schema(RSP, 'attribute', null, 'x:MessageSuccess')));
  });

  it('content other than RemotePartyDetails: unexpected-element', () => {
    expect(refused(buildResponse({ smets: `<ra:RetrieveDeviceSecurityCredentialsKRPRsp><ra:Foo/></ra:RetrieveDeviceSecurityCredentialsKRPRsp>` }))).toStrictEqual(
      bodyRefusal(schema(RSP, 'unexpected-element', null, `{${MMC_NAMESPACE}}Foo`)),
    );
  });

  it('a bad second row is reported at RemotePartyDetails[2]', () => {
    expect(refused(buildResponse({ rows: [{ role: 'Root' }, { role: 'DCC' }] }))).toStrictEqual(
      bodyRefusal(schema(`${RSP}/RemotePartyDetails[2]/RemotePartyRole`, 'value', ROLES_EXPECTED, 'DCC')),
    );
  });

  it('a row attribute', () => {
    expect(refused(buildResponse({ rows: [{ role: 'Root' }] }).replace('<ra:RemotePartyDetails>', '<ra:RemotePartyDetails a="1">'))).toStrictEqual(
      bodyRefusal(schema(ROW1, 'attribute', null, 'a')),
    );
  });

  it('rows out of order: unexpected-element', () => {
    const xml = oneRow({ role: 'Root' }).replace(/(<ra:RemotePartyRole>Root<\/ra:RemotePartyRole>)(<ra:StatusCode[^]*?<\/ra:StatusCode>)/, '$2$1');
    expect(refused(xml)).toStrictEqual(bodyRefusal(schema(ROW1, 'unexpected-element', null, `{${MMC_NAMESPACE}}RemotePartyRole`)));
  });

  it.each([
    ['RemotePartyRole', { role: 'DCC' }, ROLES_EXPECTED, 'DCC'],
    ['RemotePartyRole', { role: 'root' }, ROLES_EXPECTED, 'root'],
    ['RemotePartyFloorSeqNumber', { floor: '18446744073709551616' }, 'a sequence number 0..18446744073709551615', '18446744073709551616'],
    ['RemotePartyFloorSeqNumber', { floor: '-1' }, 'a sequence number 0..18446744073709551615', '-1'],
    ['CertificateUsage', { usage: ' KeyAgreement' }, USAGES_EXPECTED, ' KeyAgreement'],
    ['CertificateUsage', { usage: 'KeyAgreementTopup' }, USAGES_EXPECTED, 'KeyAgreementTopup'],
    ['ExistingRemotePartyID', { holder: '90-B3-D5-1F-30-02-00' }, EUI_EXPECTED, '90-B3-D5-1F-30-02-00'],
    ['ExistingCertificateHash', { hash: '<ra:ExistingCertificateHash>not base64!</ra:ExistingCertificateHash>' }, 'xs:base64Binary', 'not base64!'],
  ] as const)('%s %j: value, received as written', (name, row, expected, received) => {
    expect(refused(oneRow(row))).toStrictEqual(bodyRefusal(schema(`${ROW1}/${name}`, 'value', expected, received)));
  });

  it.each([
    ['RemotePartyRole', { role: CHILD }],
    ['RemotePartyFloorSeqNumber', { floor: CHILD }],
    ['CertificateUsage', { usage: CHILD }],
    ['ExistingRemotePartyID', { holder: CHILD }],
    ['ExistingCertificateHash', { hash: `<ra:ExistingCertificateHash>${CHILD}</ra:ExistingCertificateHash>` }],
    ['StatusCode/ASN1Status', { status: status('ResponseCode="0"', `<ra:ASN1Status>${CHILD}</ra:ASN1Status>`) }],
  ] as const)('%s with a child element: child-element at its path, and nothing more', (name, row) => {
    expect(refused(oneRow(row))).toStrictEqual(bodyRefusal(schema(`${ROW1}/${name}`, 'child-element', null, 'X')));
  });

  it('StatusCode without ResponseCode, or with only a namespaced one: missing-attribute', () => {
    const missing = bodyRefusal(schema(`${ROW1}/StatusCode`, 'missing-attribute', 'ResponseCode'));
    expect(refused(oneRow({ status: '<ra:StatusCode><ra:ASN1Status>success</ra:ASN1Status></ra:StatusCode>' }))).toStrictEqual(missing);
    expect(refused(oneRow({ status: status('xmlns:x="urn:x" x:ResponseCode="abc"') }))).toStrictEqual(missing);
  });

  it.each([['a1'], ['1a'], ['x'], [''], ['1.0'], ['+-1'], ['- 1']])('ResponseCode %j is not an xs:integer', (code) => {
    expect(refused(oneRow({ status: status(`ResponseCode="${code}"`) }))).toStrictEqual(bodyRefusal(schema(`${ROW1}/StatusCode/@ResponseCode`, 'value', 'xs:integer', code)));
  });

  it('another StatusCode attribute, before or after ResponseCode', () => {
    const attribute = bodyRefusal(schema(`${ROW1}/StatusCode`, 'attribute', null, 'foo'));
    expect(refused(oneRow({ status: status('foo="x" ResponseCode="0"') }))).toStrictEqual(attribute);
    expect(refused(oneRow({ status: status('ResponseCode="0" foo="1"') }))).toStrictEqual(attribute);
  });

  it('StatusCode without ASN1Status: missing-element', () => {
    expect(refused(oneRow({ status: status('ResponseCode="0"', '') }))).toStrictEqual(bodyRefusal(schema(`${ROW1}/StatusCode`, 'missing-element', 'ASN1Status')));
  });
});

describe.skipIf(!mmcAvailable)('readCredentialsResponse agrees with the MMC XSD V5.4 (xmllint)', () => {
  // The builder's documents and every refusal above that the XSD also refuses; the schema's verdict decides.
  const documents = {
    valid: buildResponse(),
    'valid-minimal-header': buildResponse({ serviceReference: null, serviceReferenceVariant: null, timestamp: null, messageSuccess: null }),
    'valid-acb-everywhere': buildResponse({ rows: meterRows(ACB) }),
    'valid-supplementary-header': withHeader(
      '<ra:SupplementaryRemotePartyID>90-B3-D5-1F-30-01-00-00</ra:SupplementaryRemotePartyID><ra:SupplementaryRemotePartyCounter>1</ra:SupplementaryRemotePartyCounter><ra:SupplementaryOriginatorCounter>0</ra:SupplementaryOriginatorCounter><ra:GBCSHexadecimalMessageCode>00a1</ra:GBCSHexadecimalMessageCode>',
    ),
    'missing-originator': buildResponse().replace(/<ra:BusinessOriginatorID>[^<]*<\/ra:BusinessOriginatorID>/, ''),
    'bad-eui': buildResponse({ device: '00-DB-12-34-56-78-91' }),
    'counter-too-big': buildResponse({ counter: '18446744073709551616' }),
    'odd-message-code': withHeader('<ra:GBCSHexadecimalMessageCode>0A1</ra:GBCSHexadecimalMessageCode>'),
    'valid-timestamp-attributes': withTimestampAttributes('isFromGSME="true" ClockStatus="reliable"'),
    'clock-status-bad': withTimestampAttributes('ClockStatus="bad"'),
    'unknown-role': buildResponse({ rows: [{ role: 'DCC' }] }),
    'usage-whitespace': buildResponse({ rows: [{ usage: ' KeyAgreement' }] }),
    'status-without-code': buildResponse({ rows: [{ status: '<ra:StatusCode><ra:ASN1Status>success</ra:ASN1Status></ra:StatusCode>' }] }),
    'response-code-not-integer': buildResponse({ rows: [{ status: status('ResponseCode="1a"') }] }),
    'message-success-yes': buildResponse({ messageSuccess: 'yes' }),
    'header-attribute': buildResponse().replace('<ra:Header>', '<ra:Header id="1">'),
    'schema-version-missing': withRootAttributes(''),
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

  // The one known departure, the same as for requests (test/fuzz/differential.ts, libxml2-datetime-leading-whitespace):
  // xs:dateTime collapses whitespace, so ' 2026-11-20T10:00:00Z ' is valid; libxml2 refuses leading whitespace. We
  // follow the Recommendation. Pinned both ways, so a libxml2 that changes its mind is noticed.
  it('a Timestamp with leading whitespace: valid by XSD 1.0 and read by us; libxml2 refuses it', async () => {
    const { validateXML } = await import('xmllint-wasm');
    const { readFileSync } = await import('node:fs');
    const xml = buildResponse({ timestamp: ' 2026-11-20T10:00:00Z' });
    const libxml2 = await validateXML({ xml: [{ fileName: 'leading-space.xml', contents: xml }], schema: [{ fileName: 'mmc-v5.4.xsd', contents: readFileSync(MMC, 'utf8') }] });
    expect(libxml2.errors.map((e) => e.message)).toEqual([
      "Schemas validity error : Element '{http://www.dccinterface.co.uk/ResponseAndAlert}Timestamp': ' 2026-11-20T10:00:00Z' is not a valid value of the atomic type 'xs:dateTime'.",
    ]);
    expect(readCredentialsResponse(xml)).toMatchObject({ ok: true, response: { timestamp: '2026-11-20T10:00:00Z' } });
  }, 60_000);
});
