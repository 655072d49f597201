import { describe, expect, it, vi } from 'vitest';
import { validateRequest } from '../src/validate.js';
import { createValidator } from '../src/validator.js';
import { parseRequest } from '../src/parse-request.js';
import { credentialsRequest } from './support/parsed.js';
import { decodeCertificate } from '../src/smki/index.js';
import { buildRequest } from './support/build-request.js';
import { certificate, ESME, exampleContext, fixtureRequest, ISSUING_CA, NO_A } from './support/fixtures.js';
import { makeCertificate } from './smki/make-certificate.js';

// Findings of the code review of the first complete version, each pinned by the input that showed it.
describe('review regressions', () => {
  it('the registry is not looked up for a Supplier replacement (an outage must not block it)', async () => {
    const base = exampleContext();
    const lookupNetworkOperators = vi.fn(async () => {
      throw new Error('registry down');
    });
    const validator = createValidator({ context: base, lookupNetworkOperators });
    expect((await validator.validate(fixtureRequest('supplier-by-supplier-immediate'))).responseCode).toBe('I0');
    expect(lookupNetworkOperators).not.toHaveBeenCalled();
    expect((await validator.validate(fixtureRequest('no-by-supplier-correct'))).responseCode).toBe('LOOKUP_FAILED');
  });

  it("profile 'dcc' keeps what the DCC cannot act on as errors: an empty certificate set, a time without timezone", () => {
    const empty = fixtureRequest('supplier-by-supplier-immediate').replace(
      /<sr:SupplierOrNetworkOperatorCertificates>[\s\S]*<\/sr:SupplierOrNetworkOperatorCertificates>/,
      '<sr:SupplierOrNetworkOperatorCertificates/>',
    );
    expect(validateRequest(empty, exampleContext(), { profile: 'dcc' }).responseCode).toBe('NO_REPLACEMENT_CERTIFICATES');
    const noZone = fixtureRequest('supplier-by-supplier-future-dated').replace('2030-01-15T00:00:00.00Z', '2030-01-15T00:00:00');
    expect(validateRequest(noZone, exampleContext(), { profile: 'dcc' }).responseCode).toBe('EXECUTION_DATETIME_NO_TIMEZONE');
  });

  it('empty registration data is no registration data: the registry decides', () => {
    const context = exampleContext();
    context.devices[ESME].networkOperator = [];
    expect(validateRequest(fixtureRequest('no-by-supplier-correct'), context).responseCode).toBe('I0');
    expect(validateRequest(fixtureRequest('no-by-supplier-wrong-operator'), context).responseCode).toBe('E061510');
  });

  it('limits are configuration: one that is not a positive integer throws a TypeError; depth is capped below the stack', () => {
    const big = buildRequest().replace('</sr:Header>', `<!--${'x'.repeat(200_000)}--></sr:Header>`);
    expect(parseRequest(big, { limits: { maxBytes: undefined } }).ok).toBe(false);
    for (const maxBytes of [Number.NaN, -1, 0.5, 0, '1000', null]) {
      expect(() => parseRequest(big, { limits: { maxBytes: maxBytes as number } }), String(maxBytes)).toThrow(TypeError);
      expect(() => validateRequest(big, undefined, { limits: { maxBytes: maxBytes as number } }), String(maxBytes)).toThrow(TypeError);
    }
    expect(() => parseRequest(big, { limits: { maxByte: 10 } as never })).toThrow(/unknown limit "maxByte"/);
    const deep = `${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}`;
    const result = parseRequest(deep, { limits: { maxDepth: 100_000, maxBytes: 1 << 20 } });
    expect(result.ok ? 'OK' : result.findings[0]!.code).toBe('XML_TOO_DEEP');
  });

  it('an MPAN rule code that is not a DUIS error code is a configuration error', () => {
    for (const mpanRuleCode of ['I0', '', 'SCHEMA_VIOLATION', 'E']) {
      expect(() => validateRequest(fixtureRequest('no-by-supplier-wrong-operator'), exampleContext(), { mpanRuleCode })).toThrow(TypeError);
    }
  });

  it('a certification path certificate that is not a CA cannot vouch for a replacement, even with the right SKI', () => {
    const ca = decodeCertificate(Buffer.from(ISSUING_CA, 'base64'));
    if (!ca.ok) throw new Error('fixture');
    const impostor = makeCertificate({ subjectKeyIdentifier: Buffer.from(ca.certificate.subjectKeyIdentifier!, 'hex') });
    const xml = buildRequest({
      digitalSigning: certificate('supplier-ds'),
      keyAgreement: certificate('supplier-ka'),
      keyAgreementTopUp: certificate('supplier-ka-topup'),
      pathCertificates: [Buffer.from(impostor).toString('base64')],
    });
    expect(validateRequest(xml, exampleContext()).responseCode).toBe('CERTIFICATE_PATH_MISMATCH');
  });

  it('floor numbers: leading zeros are fine, attacker-sized numbers are refused without BigInt work', () => {
    const padded = parseRequest(buildRequest({ floor: `${'0'.repeat(5000)}7` }));
    expect(credentialsRequest(padded).body.remotePartyFloorSeqNumber).toBe(7n);
    const huge = parseRequest(buildRequest({ floor: '9'.repeat(60_000) }));
    expect(huge.ok ? 'OK' : huge.findings[0]!.code).toBe('SCHEMA_VIOLATION');
  });

  it('a context value whose toString throws is reported, not thrown', () => {
    const context = exampleContext();
    const hostile = { toString: () => { throw new Error('boom'); } };
    context.users['90-B3-D5-1F-30-01-00-00'] = { role: hostile };
    const verdict = validateRequest(fixtureRequest('supplier-by-supplier-immediate'), context);
    expect(verdict.responseCode).toBe('CONTEXT_INVALID');
    expect(verdict.findings[0]!.message).toContain("'an object' is not a User Role");
  });

  it('registration data naming the NO still wins when non-empty', () => {
    const context = exampleContext();
    context.devices[ESME].networkOperator = [NO_A];
    expect(validateRequest(fixtureRequest('no-by-supplier-correct'), context).responseCode).toBe('I0');
  });
});
