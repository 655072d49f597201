import type { Finding } from '../findings.js';
import { PASS, type CredentialFacts, type Rule } from './rule.js';

/**
 * Every certificate of the request (replacements and certification path) must decode as a strict SMKI
 * organisation certificate. The decoder's finding is reported at the certificate's location.
 */
export const certificateDecodes: Rule<CredentialFacts> = {
  name: 'certificate-decodes',
  code: 'CERTIFICATE_MALFORMED',
  check: ({ replacements, certificationPath }) => {
    const findings: Finding[] = [];
    for (const { path, result } of [...replacements, ...certificationPath]) {
      if (!result.ok) findings.push({ ...result.error, path });
    }
    return findings.length ? findings : PASS;
  },
};
