// certificate-role: each replacement certificate's subject OU names the RemotePartyRole whose slot it replaces.
import { describe, expect, it } from 'vitest';
import { certificate, NO_A } from '../../test/support/fixtures.js';
import { check, exactFinding, findingsOf, KRP_DS, KRP_KA, networkOperatorRequest, supplierRequest } from '../../test/support/requests.js';

describe('CERTIFICATE_ROLE_MISMATCH', () => {
  it('fires for a Supplier slot holding a Network Operator certificate, naming the OU', () => {
    const verdict = check(supplierRequest({ digitalSigning: certificate('network-operator-a-ds') }));
    expect(verdict.responseCode).toBe('CERTIFICATE_ROLE_MISMATCH');
    expect(verdict.findings[0]).toEqual(
      exactFinding({
        code: 'CERTIFICATE_ROLE_MISMATCH',
        path: KRP_DS,
        params: { certificateType: 'DigitalSigning', entityId: NO_A, expected: 'Supplier', received: 'NetworkOperator', ou: '03' },
      }),
    );
  });

  it('reports each wrong certificate (mode all)', () => {
    const xml = networkOperatorRequest('network-operator-a', { digitalSigning: certificate('supplier-ds'), keyAgreement: certificate('supplier-ka') });
    expect(findingsOf('CERTIFICATE_ROLE_MISMATCH', xml).map((f) => [f.path, f.params])).toEqual([
      [KRP_DS, { certificateType: 'DigitalSigning', entityId: '90-B3-D5-1F-30-01-00-00', expected: 'NetworkOperator', received: 'Supplier', ou: '02' }],
      [KRP_KA, { certificateType: 'KeyAgreement', entityId: '90-B3-D5-1F-30-01-00-00', expected: 'NetworkOperator', received: 'Supplier', ou: '02' }],
    ]);
  });

  it('near miss: the Supplier certificate in the Supplier slot', () => {
    expect(check(supplierRequest({ digitalSigning: certificate('supplier-ds') }))).toMatchObject({ responseCode: 'I0', findings: [] });
  });
});
