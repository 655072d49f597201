// certificate-decodes: every certificate of the request decodes as a strict SMKI organisation certificate; the
// decoder's finding is reported at the certificate. The decoder's own cases are in src/smki/ and test/smki/.
import { describe, expect, it } from 'vitest';
import { certificate, exampleContext } from '../../test/support/fixtures.js';
import { check, exactFinding, findingsOf, KRP_DS, KRP_KA, krpPathCertificate, supplierRequest } from '../../test/support/requests.js';

const NOT_DER = { offset: 0, reason: 'end-of-contents tag outside an indefinite-length value' };

describe('CERTIFICATE_MALFORMED / CERTIFICATE_NOT_ORGANISATION at the certificate', () => {
  it('CERTIFICATE_MALFORMED for bytes that are not DER; the path names the slot', () => {
    const verdict = check(supplierRequest({ keyAgreement: 'AAAA' }));
    expect(verdict.responseCode).toBe('CERTIFICATE_MALFORMED');
    expect(verdict.findings).toEqual([exactFinding({ code: 'CERTIFICATE_MALFORMED', path: KRP_KA, params: NOT_DER })]);
  });

  it('a certification path certificate is decoded too, and named by its position', () => {
    const verdict = check(supplierRequest({ pathCertificates: [certificate('issuing-ca'), 'AAAA'] }));
    expect(verdict.findings).toEqual([exactFinding({ code: 'CERTIFICATE_MALFORMED', path: krpPathCertificate(2), params: NOT_DER })]);
  });

  it('CERTIFICATE_NOT_ORGANISATION for a device certificate', () => {
    const verdict = check(supplierRequest({ digitalSigning: certificate('device-esme') }));
    expect(verdict.responseCode).toBe('CERTIFICATE_NOT_ORGANISATION');
    expect(verdict.findings).toEqual([
      exactFinding({
        code: 'CERTIFICATE_NOT_ORGANISATION',
        path: KRP_DS,
        params: { extension: '2.5.29.17', hardwareModuleName: true, reason: 'it has a subjectAltName hardwareModuleName (a device certificate)' },
      }),
    ]);
  });

  it('profile dcc demotes it to a warning, and the request is accepted', () => {
    const verdict = check(supplierRequest({ keyAgreement: 'AAAA' }), exampleContext(), { profile: 'dcc' });
    expect(verdict).toMatchObject({ accepted: true, responseCode: 'I0' });
    expect(verdict.findings).toEqual([exactFinding({ code: 'CERTIFICATE_MALFORMED', severity: 'warning', path: KRP_KA, params: NOT_DER })]);
  });

  it('near miss: every fixture certificate of the request decodes', () => {
    expect(findingsOf('CERTIFICATE_MALFORMED', supplierRequest())).toEqual([]);
    expect(check(supplierRequest())).toMatchObject({ responseCode: 'I0', findings: [] });
  });
});
