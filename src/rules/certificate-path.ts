import { finding, type Finding } from '../findings.js';
import { PASS, type Rule } from './rule.js';

/** Each replacement certificate must be issued by a certificate of the CertificationPathCertificates (AKI = SKI). */
export const certificatePath: Rule = {
  name: 'certificate-path',
  code: 'CERTIFICATE_PATH_MISMATCH',
  check: ({ replacements, certificationPath }) => {
    const keyIds = certificationPath.flatMap(({ result }) =>
      result.ok && result.certificate.subjectKeyIdentifier ? [result.certificate.subjectKeyIdentifier] : [],
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
