import { finding } from '../../../findings.js';
import type { CredentialsBody } from '../../../duis/model.js';
import { PASS, type CredentialFacts, type Rule } from '../../../rules/index.js';
import { isCombinationAllowed, type Policy } from '../policy.js';

/** E061501: the (User Role, Remote Party Role, Device Type) triple must be allowed by policy `allowedCombinations`. */
export const roleCombination: Rule<CredentialFacts<CredentialsBody, Policy>> = {
  name: 'E061501',
  code: 'E061501',
  needs: { user: true, device: true },
  check: ({ body, user, device, policy }) => {
    if (!user || !device) return PASS;
    const remotePartyRole = body.remotePartyRole;
    if (isCombinationAllowed(policy, user.role, remotePartyRole, device.type)) return PASS;
    return [finding('E061501', { userRole: user.role, remotePartyRole, deviceType: device.type }, { path: `${body.path}/RemotePartyRole` })];
  },
};
