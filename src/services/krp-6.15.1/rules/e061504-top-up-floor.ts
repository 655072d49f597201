import { finding } from '../../../findings.js';
import type { CredentialsBody } from '../../../duis/model.js';
import { PASS, type CredentialFacts, type Rule } from '../../../rules/index.js';
import { isTopUpFloorApplicable, type Policy } from '../policy.js';

/** E061504: RemotePartyPrepaymentTopUpFloorSeqNumber only where policy `topUpFloorApplicable` allows it. */
export const topUpFloorNotApplicable: Rule<CredentialFacts<CredentialsBody, Policy>> = {
  name: 'E061504',
  code: 'E061504',
  needs: { device: true },
  check: ({ body, device, policy }) => {
    const { remotePartyPrepaymentTopUpFloorSeqNumber: floor, remotePartyRole } = body;
    if (floor === undefined || !device || isTopUpFloorApplicable(policy, remotePartyRole, device.type)) return PASS;
    return [
      finding(
        'E061504',
        { remotePartyRole, deviceType: device.type, floor: floor.toString() },
        { path: `${body.path}/RemotePartyPrepaymentTopUpFloorSeqNumber` },
      ),
    ];
  },
};
