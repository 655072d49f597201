import type { CertificateSlot } from '../duis/model.js';
import { finding, type Finding } from '../findings.js';
import type { KeyUsage } from '../smki/index.js';
import { PASS, type CredentialFacts, type Rule } from './rule.js';

// GBCS: a Digital Signing slot holds a digitalSignature key; both Key Agreement slots hold keyAgreement keys.
const USAGE_BY_SLOT: Readonly<Record<CertificateSlot, KeyUsage>> = {
  DigitalSigning: 'digitalSignature',
  KeyAgreement: 'keyAgreement',
  KeyAgreementTopUp: 'keyAgreement',
};

/** Each replacement certificate's key usage must fit its slot. */
export const certificateKeyUsage: Rule<CredentialFacts> = {
  name: 'certificate-key-usage',
  code: 'CERTIFICATE_KEY_USAGE_MISMATCH',
  check: ({ replacements }) => {
    const findings: Finding[] = [];
    for (const { path, slot, result } of replacements) {
      const expected = USAGE_BY_SLOT[slot];
      if (!result.ok || result.certificate.keyUsage === expected) continue;
      findings.push(finding('CERTIFICATE_KEY_USAGE_MISMATCH', { certificateType: slot, expected, received: result.certificate.keyUsage }, { path }));
    }
    return findings.length ? findings : PASS;
  },
};
