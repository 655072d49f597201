import { finding } from '../findings.js';
import { REQUEST_ID } from './paths.js';
import { PASS, type Rule } from './rule.js';

/** E11: the Device Type must be one the SRV may target, where that is known (a service validated in depth). */
export const deviceTypeNotEligible: Rule = {
  name: 'E11',
  code: 'E11',
  needs: { device: true },
  check: ({ request, service, device, eligibleDeviceTypes }) => {
    if (!device || !eligibleDeviceTypes || eligibleDeviceTypes.includes(device.type)) return PASS;
    return [
      finding(
        'E11',
        { deviceId: request.header.requestId.target, deviceType: device.type, srv: service.srv, eligible: eligibleDeviceTypes },
        { path: REQUEST_ID },
      ),
    ];
  },
};
