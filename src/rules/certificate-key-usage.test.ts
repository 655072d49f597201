// certificate-key-usage: a Digital Signing slot holds a digitalSignature key, both Key Agreement slots keyAgreement keys.
import { describe, expect, it } from 'vitest';
import { certificate } from '../../test/support/fixtures.js';
import { check, exactFinding, findingsOf, KRP_DS, KRP_KA_TOP_UP, supplierRequest } from '../../test/support/requests.js';

describe('CERTIFICATE_KEY_USAGE_MISMATCH', () => {
  it('fires for a keyAgreement certificate in the DS slot', () => {
    const verdict = check(supplierRequest({ digitalSigning: certificate('supplier-ka') }));
    expect(verdict.responseCode).toBe('CERTIFICATE_KEY_USAGE_MISMATCH');
    expect(verdict.findings).toEqual([
      exactFinding({
        code: 'CERTIFICATE_KEY_USAGE_MISMATCH',
        path: KRP_DS,
        params: { certificateType: 'DigitalSigning', expected: 'digitalSignature', received: 'keyAgreement' },
      }),
    ]);
  });

  it('fires for a digitalSignature certificate in the KA top-up slot', () => {
    expect(findingsOf('CERTIFICATE_KEY_USAGE_MISMATCH', supplierRequest({ keyAgreementTopUp: certificate('supplier-ds') }))).toEqual([
      exactFinding({
        code: 'CERTIFICATE_KEY_USAGE_MISMATCH',
        path: KRP_KA_TOP_UP,
        params: { certificateType: 'KeyAgreementTopUp', expected: 'keyAgreement', received: 'digitalSignature' },
      }),
    ]);
  });

  it('near miss: a keyAgreement certificate in the KA top-up slot (both KA slots take keyAgreement)', () => {
    expect(check(supplierRequest({ keyAgreementTopUp: certificate('supplier-ka') }))).toMatchObject({ responseCode: 'I0', findings: [] });
  });
});
