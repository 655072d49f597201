// certificate-path: each replacement certificate names a CA of CertificationPathCertificates as its issuer (AKI = SKI).
import { describe, expect, it } from 'vitest';
import { certificate, ISSUING_CA } from '../../test/support/fixtures.js';
import { check, exactFinding, findingsOf, KRP_DS, supplierRequest } from '../../test/support/requests.js';

const SUPPLIER_AKI = 'a985f708a3b39b6a';
const ROOT_SKI = 'c7effdae6c56949b';

describe('CERTIFICATE_PATH_MISMATCH', () => {
  it('fires for the root as the only path certificate: the replacements were issued by the issuing CA', () => {
    const verdict = check(supplierRequest({ pathCertificates: [certificate('root')] }));
    expect(verdict.responseCode).toBe('CERTIFICATE_PATH_MISMATCH');
    expect(verdict.findings[0]).toEqual(
      exactFinding({ code: 'CERTIFICATE_PATH_MISMATCH', path: KRP_DS, params: { certificateType: 'DigitalSigning', received: SUPPLIER_AKI, expected: [ROOT_SKI] } }),
    );
    expect(verdict.findings.map((f) => [f.code, f.path?.split('/').at(-1)])).toEqual([
      ['CERTIFICATE_PATH_MISMATCH', 'DigitalSigningCertificate'],
      ['CERTIFICATE_PATH_MISMATCH', 'KeyAgreementCertificate'],
      ['CERTIFICATE_PATH_MISMATCH', 'KeyAgreementTopUpCertificate'],
    ]);
  });

  it('only a CA certificate can have issued one: an end-entity certificate in the path offers no key identifier', () => {
    const xml = supplierRequest({ keyAgreement: undefined, keyAgreementTopUp: undefined, pathCertificates: [certificate('supplier-ka')] });
    expect(findingsOf('CERTIFICATE_PATH_MISMATCH', xml)).toEqual([
      exactFinding({ code: 'CERTIFICATE_PATH_MISMATCH', path: KRP_DS, params: { certificateType: 'DigitalSigning', received: SUPPLIER_AKI, expected: [] } }),
    ]);
  });

  it('near miss: root and issuing CA', () => {
    expect(check(supplierRequest({ pathCertificates: [certificate('root'), ISSUING_CA] }))).toMatchObject({ responseCode: 'I0', findings: [] });
  });
});
