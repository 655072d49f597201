import { finding } from '../findings.js';
import { isUserRoleEligible } from '../policy/index.js';
import { REQUEST_ID } from './paths.js';
import { PASS, type Rule } from './rule.js';

/** E2: the User Role must be eligible for 6.15.1 (policy `eligibleUserRoles`). */
export const userRoleNotEligible: Rule = {
  name: 'E2',
  check: ({ request, user, policy }) => {
    if (!user || isUserRoleEligible(policy, user.role)) return PASS;
    return [
      finding('E2', {
        detail: `User ${request.header.requestId.originator} has User Role ${user.role}; 6.15.1 is for ${policy.eligibleUserRoles.join(', ')}`,
        path: REQUEST_ID,
        params: { userRole: user.role, expected: policy.eligibleUserRoles },
      }),
    ];
  },
};
