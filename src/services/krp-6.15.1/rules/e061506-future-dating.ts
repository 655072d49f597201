import { finding } from '../../../findings.js';
import type { CredentialsBody } from '../../../duis/model.js';
import { PASS, type CredentialFacts, type Rule } from '../../../rules/index.js';
import { isFutureDatingAllowed, type Policy } from '../policy.js';

/** E061506: only the roles of policy `futureDatingRoles` may be replaced future dated (ExecutionDateTime present). */
export const futureDatingNotAllowed: Rule<CredentialFacts<CredentialsBody, Policy>> = {
  name: 'E061506',
  code: 'E061506',
  check: ({ body, policy }) => {
    const { executionDateTime, remotePartyRole } = body;
    if (!executionDateTime || isFutureDatingAllowed(policy, remotePartyRole)) return PASS;
    return [
      finding(
        'E061506',
        { remotePartyRole, executionDateTime: executionDateTime.text, allowed: policy.futureDatingRoles },
        { path: `${body.path}/ExecutionDateTime` },
      ),
    ];
  },
};
