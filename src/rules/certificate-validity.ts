import { finding, type Finding } from '../findings.js';
import { PASS, type CredentialFacts, type Rule } from './rule.js';

/**
 * Time-based check: every certificate of the request is valid at the time of the check, bounds included. Runs only
 * when a time is given (context `now` or option `checkValidity`) and the request asks for time-based checks
 * (ApplyTimeBasedCPVChecks), as the device itself would.
 */
export const certificateValidity: Rule<CredentialFacts> = {
  name: 'certificate-validity',
  code: 'CERTIFICATE_NOT_VALID_NOW',
  check: ({ body, replacements, certificationPath, validityTime }) => {
    if (!validityTime || !body.applyTimeBasedCpvChecks) return PASS;
    const findings: Finding[] = [];
    const at = validityTime.getTime();
    for (const { path, result } of [...replacements, ...certificationPath]) {
      if (!result.ok) continue;
      const { notBefore, notAfter, entityId, subject } = result.certificate;
      if (at >= notBefore.getTime() && at <= notAfter.getTime()) continue;
      findings.push(
        finding(
          'CERTIFICATE_NOT_VALID_NOW',
          { subject: entityId || subject.dn, notBefore: notBefore.toISOString(), notAfter: notAfter.toISOString(), at: validityTime.toISOString() },
          { path },
        ),
      );
    }
    return findings.length ? findings : PASS;
  },
};
