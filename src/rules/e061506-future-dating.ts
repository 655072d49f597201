import { finding } from '../findings.js';
import { isFutureDatingAllowed } from '../policy/index.js';
import { EXECUTION_DATE_TIME } from './paths.js';
import { PASS, type Rule } from './rule.js';

/** E061506: only the roles of policy `futureDatingRoles` may be replaced future dated (ExecutionDateTime present). */
export const futureDatingNotAllowed: Rule = {
  name: 'E061506',
  check: ({ request, policy }) => {
    const { executionDateTime, remotePartyRole } = request.body;
    if (!executionDateTime || isFutureDatingAllowed(policy, remotePartyRole)) return PASS;
    return [
      finding('E061506', {
        detail: `${remotePartyRole} certificates cannot be replaced future dated (ExecutionDateTime ${executionDateTime.text}); allowed for ${policy.futureDatingRoles.join(', ')}`,
        path: EXECUTION_DATE_TIME,
        params: { remotePartyRole, executionDateTime: executionDateTime.text, expected: policy.futureDatingRoles },
      }),
    ];
  },
};
