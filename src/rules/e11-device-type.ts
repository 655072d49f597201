import { finding } from '../findings.js';
import { isDeviceTypeEligible } from '../policy/index.js';
import { REQUEST_ID } from './paths.js';
import { PASS, type Rule } from './rule.js';

/** E11: 6.15.1 may only target the device types of policy `eligibleDeviceTypes`. */
export const deviceTypeNotEligible: Rule = {
  name: 'E11',
  check: ({ request, device, policy }) => {
    if (!device || isDeviceTypeEligible(policy, device.type)) return PASS;
    return [
      finding('E11', {
        detail: `Device ${request.header.requestId.target} is a ${device.type}; 6.15.1 targets ${policy.eligibleDeviceTypes.join(', ')}`,
        path: REQUEST_ID,
        params: { deviceType: device.type, expected: policy.eligibleDeviceTypes },
      }),
    ];
  },
};
