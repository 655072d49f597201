import { finding, type Finding } from '../findings.js';
import { PASS, type CredentialFacts, type Rule } from './rule.js';

/** Each replacement certificate must name a CA of the CertificationPathCertificates as its issuer (AKI = SKI). */
export const certificatePath: Rule<CredentialFacts> = {
  name: 'certificate-path',
  code: 'CERTIFICATE_PATH_MISMATCH',
  check: ({ replacements, certificationPath }) => {
    // Only a CA certificate (keyCertSign) can have issued a replacement certificate.
    const keyIds = certificationPath.flatMap(({ result }) =>
      result.ok && result.certificate.keyUsage === 'keyCertSign' && result.certificate.subjectKeyIdentifier
        ? [result.certificate.subjectKeyIdentifier]
        : [],
    );
    const findings: Finding[] = [];
    for (const { path, slot, result } of replacements) {
      if (!result.ok) continue;
      const aki = result.certificate.authorityKeyIdentifier;
      if (aki && keyIds.includes(aki)) continue;
      findings.push(finding('CERTIFICATE_PATH_MISMATCH', { certificateType: slot, received: aki ?? null, expected: keyIds }, { path }));
    }
    return findings.length ? findings : PASS;
  },
};
