// certificate-validity: every certificate of the request is valid at the time of the check, bounds included; only
// when a time is given and the request asks for time-based checks.
import { describe, expect, it } from 'vitest';
import { certificate, exampleContext } from '../../test/support/fixtures.js';
import { check, exactFinding, KRP_DS, krpPathCertificate, supplierRequest } from '../../test/support/requests.js';
import { certificateValidity } from './certificate-validity.js';

// Every fixture certificate used here (supplier-ds, issuing-ca) is valid from NOT_BEFORE to NOT_AFTER.
const NOT_BEFORE = '2025-01-01T00:00:00.000Z';
const NOT_AFTER = '2035-12-31T23:59:59.000Z';
const SUPPLIER_ENTITY = '90-B3-D5-1F-30-01-00-00';
const ISSUING_CA_DN = 'CN=Z1-TEST,OU=07';

/** The Supplier's DS certificate alone, with the issuing CA as the path: two certificates to check. */
const request = (parts = {}) => supplierRequest({ keyAgreement: undefined, keyAgreementTopUp: undefined, ...parts });

const at = (now: string) => {
  const context = exampleContext();
  context.now = now;
  return check(request(), context, { mode: 'all' });
};

/** The two findings of a time outside both certificates: the DS (by Entity ID) and the CA (by subject DN). */
const bothInvalidAt = (time: string) => [
  exactFinding({ code: 'CERTIFICATE_NOT_VALID_NOW', path: KRP_DS, params: { subject: SUPPLIER_ENTITY, notBefore: NOT_BEFORE, notAfter: NOT_AFTER, at: time } }),
  exactFinding({
    code: 'CERTIFICATE_NOT_VALID_NOW',
    path: krpPathCertificate(1),
    params: { subject: ISSUING_CA_DN, notBefore: NOT_BEFORE, notAfter: NOT_AFTER, at: time },
  }),
];

describe('CERTIFICATE_NOT_VALID_NOW', () => {
  describe('the validity bounds are included', () => {
    it('exactly at notBefore: valid', () => {
      expect(at(NOT_BEFORE)).toMatchObject({ accepted: true, responseCode: 'I0', findings: [] });
    });

    it('1 ms before notBefore: CERTIFICATE_NOT_VALID_NOW for each certificate, with subject, bounds and time', () => {
      const verdict = at('2024-12-31T23:59:59.999Z');
      expect(verdict.responseCode).toBe('CERTIFICATE_NOT_VALID_NOW');
      expect(verdict.findings).toEqual(bothInvalidAt('2024-12-31T23:59:59.999Z'));
    });

    it('exactly at notAfter: valid', () => {
      expect(at(NOT_AFTER)).toMatchObject({ accepted: true, responseCode: 'I0', findings: [] });
    });

    it('1 ms after notAfter: CERTIFICATE_NOT_VALID_NOW for each certificate, with subject, bounds and time', () => {
      const verdict = at('2035-12-31T23:59:59.001Z');
      expect(verdict.responseCode).toBe('CERTIFICATE_NOT_VALID_NOW');
      expect(verdict.findings).toEqual(bothInvalidAt('2035-12-31T23:59:59.001Z'));
    });

    it('a time given with an offset is compared as the instant it names', () => {
      expect(at('2025-01-01T01:00:00+01:00')).toMatchObject({ accepted: true, findings: [] });
      expect(at('2025-01-01T00:59:59.999+01:00').findings.map((f) => f.params)).toEqual([
        expect.objectContaining({ at: '2024-12-31T23:59:59.999Z' }),
        expect.objectContaining({ at: '2024-12-31T23:59:59.999Z' }),
      ]);
    });
  });

  it('expired and not-yet-valid certificates when a time is given', () => {
    const expired = check(request({ digitalSigning: certificate('supplier-ds-expired') }));
    expect(expired.responseCode).toBe('CERTIFICATE_NOT_VALID_NOW');
    expect(expired.findings).toEqual([
      exactFinding({ code: 'CERTIFICATE_NOT_VALID_NOW', path: KRP_DS, params: expect.objectContaining({ subject: SUPPLIER_ENTITY, at: '2026-11-25T12:00:00.000Z' }) }),
    ]);
    expect(check(request({ digitalSigning: certificate('supplier-ds-not-yet-valid') })).responseCode).toBe('CERTIFICATE_NOT_VALID_NOW');
  });

  it('validity near misses: no time given, or the request turns time-based checks off', () => {
    const context = exampleContext();
    delete context.now;
    const expired = (parts = {}) => request({ digitalSigning: certificate('supplier-ds-expired'), ...parts });
    expect(check(expired(), context)).toMatchObject({ responseCode: 'I0', findings: [] });
    expect(check(expired({ applyTimeBasedCpvChecks: 'false' }))).toMatchObject({ responseCode: 'I0', findings: [] });
    // checkValidity supplies the clock when the context has no time.
    expect(check(expired(), context, { checkValidity: true }).responseCode).toBe('CERTIFICATE_NOT_VALID_NOW');
  });

  it('the rule passes every certificate that decodes and is valid, and skips one that does not decode', () => {
    const facts = {
      body: { applyTimeBasedCpvChecks: true },
      replacements: [{ path: KRP_DS, slot: 'DigitalSigning', result: { ok: false } }],
      certificationPath: [],
      validityTime: new Date(NOT_BEFORE),
    } as never;
    expect(certificateValidity.check(facts)).toEqual([]);
  });
});
