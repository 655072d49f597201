import { finding } from '../findings.js';
import { allowedSlotsForRole } from '../policy/index.js';
import { PASS, type Rule } from './rule.js';

/** E061507: every replacement certificate's slot must exist for the Remote Party Role (policy `certificateSlotsByRole`). */
export const slotNotForRole: Rule = {
  name: 'E061507',
  check: ({ request, policy }) => {
    const role = request.body.remotePartyRole;
    const allowed = allowedSlotsForRole(policy, role);
    const wrong = request.body.replacementCertificates.find((certificate) => !allowed.includes(certificate.slot));
    if (!wrong) return PASS;
    return [
      finding('E061507', {
        detail: `${role} has no ${wrong.slot} certificate (it has ${allowed.join(', ') || 'none'})`,
        path: wrong.path,
        params: { certificateType: wrong.slot, remotePartyRole: role, expected: allowed },
      }),
    ];
  },
};
