import { finding, type Finding } from '../findings.js';
import { PASS, type Rule } from './rule.js';

/** Each replacement certificate's subject OU must name the RemotePartyRole whose slot it replaces. */
export const certificateRole: Rule = {
  name: 'certificate-role',
  check: ({ request, replacements }) => {
    const expected = request.body.remotePartyRole;
    const findings: Finding[] = [];
    for (const { path, slot, result } of replacements) {
      if (!result.ok || result.certificate.remotePartyRole.name === expected) continue;
      const role = result.certificate.remotePartyRole;
      findings.push(
        finding('CERTIFICATE_ROLE_MISMATCH', {
          detail: `the ${slot} certificate of ${result.certificate.entityId} has OU ${role.hex} (${role.name}), the request replaces ${expected}`,
          path,
          params: { expected, received: role.name, ou: role.hex, entityId: result.certificate.entityId },
        }),
      );
    }
    return findings.length ? findings : PASS;
  },
};
