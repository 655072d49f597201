import type { CertificateSlot } from '../duis/model.js';
import { finding, type Finding } from '../findings.js';
import type { KeyUsage } from '../smki/index.js';
import { PASS, type Rule } from './rule.js';

// GBCS: a Digital Signing slot holds a digitalSignature key; both Key Agreement slots hold keyAgreement keys.
const USAGE_BY_SLOT: Readonly<Record<CertificateSlot, KeyUsage>> = {
  DigitalSigning: 'digitalSignature',
  KeyAgreement: 'keyAgreement',
  KeyAgreementTopUp: 'keyAgreement',
};

/** Each replacement certificate's key usage must fit its slot. */
export const certificateKeyUsage: Rule = {
  name: 'certificate-key-usage',
  check: ({ replacements }) => {
    const findings: Finding[] = [];
    for (const { path, slot, result } of replacements) {
      const expected = USAGE_BY_SLOT[slot];
      if (!result.ok || result.certificate.keyUsage === expected) continue;
      findings.push(
        finding('CERTIFICATE_KEY_USAGE_MISMATCH', {
          detail: `the ${slot} slot needs a ${expected} certificate, this one is ${result.certificate.keyUsage}`,
          path,
          params: { certificateType: slot, expected, received: result.certificate.keyUsage },
        }),
      );
    }
    return findings.length ? findings : PASS;
  },
};
