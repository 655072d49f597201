import { finding } from '../findings.js';
import { isTopUpFloorApplicable } from '../policy/index.js';
import { TOP_UP_FLOOR } from './paths.js';
import { PASS, type Rule } from './rule.js';

/** E061504: RemotePartyPrepaymentTopUpFloorSeqNumber only where policy `topUpFloorApplicable` allows it. */
export const topUpFloorNotApplicable: Rule = {
  name: 'E061504',
  check: ({ request, device, policy }) => {
    const { remotePartyPrepaymentTopUpFloorSeqNumber: floor, remotePartyRole } = request.body;
    if (floor === undefined || !device || isTopUpFloorApplicable(policy, remotePartyRole, device.type)) return PASS;
    return [
      finding('E061504', {
        detail: `a top-up floor sequence number (${floor}) does not apply to ${remotePartyRole} certificates on a ${device.type}`,
        path: TOP_UP_FLOOR,
        params: { remotePartyRole, deviceType: device.type, received: floor.toString() },
      }),
    ];
  },
};
