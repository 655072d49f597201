// certificate-entity: one request replaces one party's credentials, so every replacement carries the same Entity ID.
import { describe, expect, it } from 'vitest';
import { certificate, SUPPLIER, SUPPLIER_B } from '../../test/support/fixtures.js';
import { check, exactFinding, findingsOf, KRP_KA, KRP_KA_TOP_UP, supplierRequest } from '../../test/support/requests.js';

describe('CERTIFICATE_ENTITY_INCONSISTENT', () => {
  it('fires for two Suppliers in one request, at the first certificate that differs', () => {
    const verdict = check(supplierRequest({ keyAgreement: certificate('supplier-b-ka') }));
    expect(verdict.responseCode).toBe('CERTIFICATE_ENTITY_INCONSISTENT');
    expect(verdict.findings).toEqual([
      exactFinding({
        code: 'CERTIFICATE_ENTITY_INCONSISTENT',
        path: KRP_KA,
        params: { certificateType: 'KeyAgreement', expected: SUPPLIER, received: SUPPLIER_B, firstCertificateType: 'DigitalSigning' },
      }),
    ]);
  });

  it('compares with the first certificate that decodes, and reports once', () => {
    const xml = supplierRequest({ digitalSigning: 'AAAA', keyAgreement: certificate('supplier-b-ka'), keyAgreementTopUp: certificate('supplier-ka-topup') });
    expect(findingsOf('CERTIFICATE_ENTITY_INCONSISTENT', xml)).toEqual([
      exactFinding({
        code: 'CERTIFICATE_ENTITY_INCONSISTENT',
        path: KRP_KA_TOP_UP,
        params: { certificateType: 'KeyAgreementTopUp', expected: SUPPLIER_B, received: SUPPLIER, firstCertificateType: 'KeyAgreement' },
      }),
    ]);
  });

  it('near miss: one Supplier throughout', () => {
    expect(check(supplierRequest())).toMatchObject({ responseCode: 'I0', findings: [] });
  });
});
