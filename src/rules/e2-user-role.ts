import { finding } from '../findings.js';
import { REQUEST_ID } from './paths.js';
import { PASS, type Rule } from './rule.js';

/** E2: the User Role must be eligible for the SRV (its service's policy, else the SRV catalogue). */
export const userRoleNotEligible: Rule = {
  name: 'E2',
  code: 'E2',
  needs: { user: true },
  check: ({ request, service, user, eligibleUserRoles }) => {
    if (!user || eligibleUserRoles.includes(user.role)) return PASS;
    return [
      finding(
        'E2',
        { userId: request.header.requestId.originator, userRole: user.role, srv: service.srv, eligible: eligibleUserRoles },
        { path: REQUEST_ID },
      ),
    ];
  },
};
