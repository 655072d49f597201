import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODES, type Code, DEFAULT_MPAN_RULE_CODE } from '../../src/codes.js';
import { parseRequest } from '../../src/parse-request.js';
import { finding } from '../../src/findings.js';
import { buildResponse, isDuisResponseCode } from '../../src/response/index.js';
import { escapeXmlAttribute, escapeXmlText } from '../../src/response/xml-text.js';
import { validateRequest } from '../../src/validate.js';
import type { RejectedVerdict, ValidatedRequest, Verdict } from '../../src/verdict.js';
import { exampleContext, fixtureRequest } from '../support/fixtures.js';
import { OFFICIAL_SCHEMA_AVAILABLE, validateWithOfficialSchema } from '../support/xmllint.js';

const NOW = new Date('2026-11-25T12:34:56.789Z');

const HANDOVER_TEMPLATE = new URL('../../../shared/reference/duis/templates/CS02bNOByNOHandover_6.21_SUCCESS_REQUEST_DUIS.XML', import.meta.url);
function readHandoverTemplate(): string | undefined {
  return existsSync(HANDOVER_TEMPLATE) ? readFileSync(HANDOVER_TEMPLATE, 'utf8') : undefined;
}

/** A Network Operator (ED) asking to replace Supplier certificates on an ESME: E061501. */
function e061501Verdict(): Verdict {
  const xml = fixtureRequest('no-by-no').replace(
    '<sr:RemotePartyRole>NetworkOperator<',
    '<sr:RemotePartyRole>Supplier<',
  );
  const verdict = validateRequest(xml, exampleContext());
  expect(verdict.responseCode).toBe('E061501');
  return verdict;
}

function e061510Verdict(): Verdict {
  const verdict = validateRequest(fixtureRequest('no-by-supplier-wrong-operator'), exampleContext());
  expect(verdict.responseCode).toBe(DEFAULT_MPAN_RULE_CODE);
  return verdict;
}

function parsed(name: string): ValidatedRequest {
  const result = parseRequest(fixtureRequest(name));
  if (!result.ok) throw new Error(`fixture ${name} does not parse`);
  return result.request;
}

/** A rejection of `request` answered with `code`, as the library would build it. */
function rejection(code: RejectedVerdict['responseCode'], request: ValidatedRequest): RejectedVerdict {
  return { accepted: false, responseCode: code, findings: [], service: request.header.serviceReferenceVariant, coverage: 'full', request };
}

describe('buildResponse', () => {
  it('answers an E061501 rejection with the sr:Response the DCC would send', () => {
    const result = buildResponse(e061501Verdict(), { now: NOW });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sr:Response xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" schemaVersion="5.4">',
        '  <sr:Header>',
        '    <sr:RequestID>90-B3-D5-1F-30-02-00-00:00-DB-12-34-56-78-90-A0:1200</sr:RequestID>',
        '    <sr:ResponseCode>E061501</sr:ResponseCode>',
        '    <sr:ResponseDateTime>2026-11-25T12:34:56.789Z</sr:ResponseDateTime>',
        '  </sr:Header>',
        '  <sr:Body>',
        '    <sr:ResponseMessage>',
        '      <sr:ServiceReference>6.15</sr:ServiceReference>',
        '      <sr:ServiceReferenceVariant>6.15.1</sr:ServiceReferenceVariant>',
        '    </sr:ResponseMessage>',
        '  </sr:Body>',
        '</sr:Response>',
        '',
      ].join('\n'),
    );
  });

  it('uses the clock when no time is given, and the requested schemaVersion', () => {
    const before = Date.now();
    const result = buildResponse(e061501Verdict(), { schemaVersion: '5.3' });
    if (!result.ok) throw new Error(result.message);
    const time = /<sr:ResponseDateTime>([^<]+)<\/sr:ResponseDateTime>/.exec(result.xml)?.[1];
    expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(time!)).toBeGreaterThanOrEqual(before - 1000);
    expect(result.xml).toContain('schemaVersion="5.3"');
  });

  it('rejects a schemaVersion that is not an xs:decimal and an invalid date', () => {
    expect(() => buildResponse(e061501Verdict(), { schemaVersion: '5.4"><x' })).toThrow(RangeError);
    expect(() => buildResponse(e061501Verdict(), { now: new Date(Number.NaN) })).toThrow(RangeError);
  });

  it('a DUIS code always follows a read Header: a verdict naming no SRV is a programming error', () => {
    const bare: RejectedVerdict = { accepted: false, responseCode: 'E1', findings: [finding('E1', { userId: '90-B3-D5-1F-30-0A-00-00' })] };
    expect(() => buildResponse(bare, { now: NOW })).toThrow(RangeError);
  });

  it("copies the request's Service Reference and Variant: a 6.21 rejection answers 6.21", () => {
    const xml = readHandoverTemplate();
    if (!xml) return;
    const verdict = validateRequest(xml, { users: { '90-B3-D5-1F-30-01-00-00': { role: 'ED' } } });
    expect(verdict.responseCode).toBe('E2');
    const result = buildResponse(verdict, { now: NOW });
    expect(result.ok && result.xml).toContain('<sr:ServiceReference>6.21</sr:ServiceReference>');
    expect(result.ok && result.xml).toContain('<sr:ServiceReferenceVariant>6.21</sr:ServiceReferenceVariant>');
  });

  it('answers every DUIS code of the table, and a caller-configured MPAN rule code', () => {
    const request = parsed('no-by-supplier-wrong-operator');
    for (const [code, { kind }] of Object.entries(CODES)) {
      if (code === 'I0') continue;
      const result = buildResponse(rejection(code as Exclude<Code, 'I0'>, request), { now: NOW });
      if (kind === 'duis') expect(result.ok, code).toBe(true);
      else if (kind === 'library') expect(result, code).toMatchObject({ ok: false, reason: 'not-a-duis-code' });
    }
    const custom = buildResponse(rejection('E061599', request), { now: NOW });
    expect(custom.ok && custom.xml).toContain('<sr:ResponseCode>E061599</sr:ResponseCode>');
    expect(isDuisResponseCode('E061599')).toBe(true);
    expect(isDuisResponseCode('X1')).toBe(false);
    expect(isDuisResponseCode('I0')).toBe(false);
  });

  it('builds nothing for an accepted request: only the DCC can build the PreCommand', () => {
    const verdict = validateRequest(fixtureRequest('no-by-no'), exampleContext());
    expect(verdict.accepted).toBe(true);
    const result = buildResponse(verdict, { now: NOW });
    expect(result).toMatchObject({ ok: false, reason: 'accepted' });
    expect(!result.ok && result.message).toContain('PreCommand');
  });

  it("builds nothing for a library code: the DCC's answer is not published", () => {
    const verdict = validateRequest('<sr:Request', exampleContext());
    expect(verdict.accepted).toBe(false);
    const result = buildResponse(verdict, { now: NOW });
    expect(result).toMatchObject({ ok: false, reason: 'not-a-duis-code' });
    expect(!result.ok && result.message).toContain(verdict.responseCode);
  });

  it('escapes text and attribute values', () => {
    const request = parsed('no-by-no');
    const hostile = {
      ...request,
      header: { ...request.header, requestId: { ...request.header.requestId, text: 'a<b>&c' } },
    };
    const result = buildResponse(rejection('E1', hostile), { now: NOW });
    expect(result.ok && result.xml).toContain('<sr:RequestID>a&lt;b&gt;&amp;c</sr:RequestID>');
    expect(escapeXmlText('x\u0000y\r')).toBe('x\uFFFDy&#13;');
    expect(escapeXmlAttribute(`"'<&>\n\t`)).toBe('&quot;&apos;&lt;&amp;&gt;&#10;&#9;');
    expect(escapeXmlText('\uD800 \uD83D\uDE00')).toBe('\uFFFD \uD83D\uDE00');
  });
});

describe.skipIf(!OFFICIAL_SCHEMA_AVAILABLE)('buildResponse against the DUIS XML Schema V5.4', () => {
  it('an E061501 response validates; the provisional E061510 one does not', async () => {
    const e061501 = buildResponse(e061501Verdict(), { now: NOW });
    const e061510 = buildResponse(e061510Verdict(), { now: NOW });
    const e2 = buildResponse(rejection('E2', parsed('no-by-no')), { now: NOW });
    if (!e061501.ok || !e061510.ok || !e2.ok) throw new Error('no response built');
    const [valid, provisional, anonymous] = await validateWithOfficialSchema([
      { name: 'E061501', xml: e061501.xml },
      { name: 'E061510', xml: e061510.xml },
      { name: 'E2', xml: e2.xml },
    ]);
    expect(valid).toMatchObject({ valid: true, errors: [] });
    expect(anonymous).toMatchObject({ valid: true, errors: [] });
    // The Certificate Party / MPAN code is provisional (the proposal writes "Exxxxxx"): E061510 is not in the
    // V5.4 ResponseCode enumeration, so the official schema rejects a response carrying it. Documented in the
    // README; configure `mpanRuleCode` once DCC assigns the real code.
    expect(provisional!.valid).toBe(false);
    expect(provisional!.errors.join('\n')).toMatch(/ResponseCode.*E061510|E061510.*enumeration/s);
  });
});
