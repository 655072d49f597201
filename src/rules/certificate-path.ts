import { finding, type Finding } from '../findings.js';
import { PASS, type Rule } from './rule.js';

/** Each replacement certificate must name a CA of the CertificationPathCertificates as its issuer (AKI = SKI). */
export const certificatePath: Rule = {
  name: 'certificate-path',
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
      findings.push(
        finding('CERTIFICATE_PATH_MISMATCH', {
          detail: `the ${slot} certificate's Authority Key Identifier ${aki ?? '(absent)'} matches no certification path certificate (${keyIds.join(', ') || 'none decoded'})`,
          path,
          params: { received: aki ?? null, expected: keyIds },
        }),
      );
    }
    return findings.length ? findings : PASS;
  },
};
