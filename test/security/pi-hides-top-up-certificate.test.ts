// Attack: a KeyAgreementTopUp certificate in a Network Operator replacement, between two PIs holding a quote.
// Hidden from the rules, E061507 (a Network Operator has no top-up slot) escaped.
import { describe, it } from 'vitest';
import { piHiddenTopUpCertificate } from './attacks.js';
import { expectEveryVerdict } from './verdicts.js';

describe('attack: PIs holding a quote hide a KeyAgreementTopUp certificate', () => {
  it('E061507 in both profiles, unsigned and signed', () => {
    expectEveryVerdict(piHiddenTopUpCertificate(), {
      code: 'E061507',
      path: '/Request/Body/UpdateSecurityCredentialsKRP/ReplacementCertificates/SupplierOrNetworkOperatorCertificates/KeyAgreementTopUpCertificate',
      params: { certificateType: 'KeyAgreementTopUp', remotePartyRole: 'NetworkOperator' },
    });
  });
});
