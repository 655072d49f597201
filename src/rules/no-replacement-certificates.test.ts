// NO_REPLACEMENT_CERTIFICATES: the 6.15.1 XSD allows an empty SupplierOrNetworkOperatorCertificates.
import { describe, expect, it } from 'vitest';
import { check, exactFinding, KRP_BODY, supplierRequest } from '../../test/support/requests.js';

describe('NO_REPLACEMENT_CERTIFICATES', () => {
  it('fires for an empty set of replacement certificates, at ReplacementCertificates', () => {
    const empty = supplierRequest({ digitalSigning: undefined, keyAgreement: undefined, keyAgreementTopUp: undefined, topUpFloor: undefined });
    const verdict = check(empty);
    expect(verdict.responseCode).toBe('NO_REPLACEMENT_CERTIFICATES');
    expect(verdict.findings).toEqual([
      exactFinding({ code: 'NO_REPLACEMENT_CERTIFICATES', path: `${KRP_BODY}/ReplacementCertificates`, params: { srv: '6.15.1' } }),
    ]);
  });

  it('stays an error in profile dcc (such a request would change nothing)', () => {
    const empty = supplierRequest({ digitalSigning: undefined, keyAgreement: undefined, keyAgreementTopUp: undefined, topUpFloor: undefined });
    expect(check(empty, undefined, { profile: 'dcc' }).findings).toEqual([
      exactFinding({ code: 'NO_REPLACEMENT_CERTIFICATES', path: `${KRP_BODY}/ReplacementCertificates`, params: { srv: '6.15.1' } }),
    ]);
  });

  it('near miss: one certificate is enough', () => {
    expect(check(supplierRequest({ keyAgreement: undefined, keyAgreementTopUp: undefined }))).toMatchObject({ responseCode: 'I0', findings: [] });
  });
});
