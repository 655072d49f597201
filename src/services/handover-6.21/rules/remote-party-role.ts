import type { CredentialsBody } from '../../../duis/model.js';
import { finding } from '../../../findings.js';
import { PASS, type CredentialFacts, type Rule } from '../../../rules/index.js';
import type { HandoverPolicy } from '../policy.js';

/** A handover places only the Remote Party Roles of policy `remotePartyRoles` (the DCC's ACB-held slots). */
export const remotePartyRoleAllowed: Rule<CredentialFacts<CredentialsBody, HandoverPolicy>> = {
  name: 'remote-party-role',
  code: 'REMOTE_PARTY_ROLE_NOT_ALLOWED',
  check: ({ body, policy, service }) => {
    const role = body.remotePartyRole;
    if (policy.remotePartyRoles.includes(role)) return PASS;
    return [
      finding('REMOTE_PARTY_ROLE_NOT_ALLOWED', { srv: service.srv, remotePartyRole: role, allowed: policy.remotePartyRoles }, { path: `${body.path}/RemotePartyRole` }),
    ];
  },
};
