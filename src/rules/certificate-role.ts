import { finding, type Finding } from '../findings.js';
import { PASS, type CredentialFacts, type Rule } from './rule.js';

/** Each replacement certificate's subject OU must name the RemotePartyRole whose slot it replaces. */
export const certificateRole: Rule<CredentialFacts> = {
  name: 'certificate-role',
  code: 'CERTIFICATE_ROLE_MISMATCH',
  check: ({ body, replacements }) => {
    const expected = body.remotePartyRole;
    const findings: Finding[] = [];
    for (const { path, slot, result } of replacements) {
      if (!result.ok || result.certificate.remotePartyRole.name === expected) continue;
      const role = result.certificate.remotePartyRole;
      findings.push(
        finding(
          'CERTIFICATE_ROLE_MISMATCH',
          { certificateType: slot, entityId: result.certificate.entityId, expected, received: role.name, ou: role.hex },
          { path },
        ),
      );
    }
    return findings.length ? findings : PASS;
  },
};
