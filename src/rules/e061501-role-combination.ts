import { finding } from '../findings.js';
import { isCombinationAllowed } from '../policy/index.js';
import { REMOTE_PARTY_ROLE } from './paths.js';
import { PASS, type Rule } from './rule.js';

/** E061501: the (User Role, Remote Party Role, Device Type) triple must be allowed by policy `allowedCombinations`. */
export const roleCombination: Rule = {
  name: 'E061501',
  check: ({ request, user, device, policy }) => {
    if (!user || !device) return PASS;
    const remotePartyRole = request.body.remotePartyRole;
    if (isCombinationAllowed(policy, user.role, remotePartyRole, device.type)) return PASS;
    return [
      finding('E061501', {
        detail: `a ${user.role} User may not replace ${remotePartyRole} certificates on a ${device.type}`,
        path: REMOTE_PARTY_ROLE,
        params: { userRole: user.role, remotePartyRole, deviceType: device.type },
      }),
    ];
  },
};
