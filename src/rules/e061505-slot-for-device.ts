import { finding } from '../findings.js';
import { allowedSlotsForDevice } from '../policy/index.js';
import { PASS, type Rule } from './rule.js';

/** E061505: every replacement certificate's slot must exist on the device type (policy `certificateSlotsByDeviceType`). */
export const slotNotOnDevice: Rule = {
  name: 'E061505',
  check: ({ request, device, policy }) => {
    if (!device) return PASS;
    const allowed = allowedSlotsForDevice(policy, device.type);
    const wrong = request.body.replacementCertificates.find((certificate) => !allowed.includes(certificate.slot));
    if (!wrong) return PASS;
    return [
      finding('E061505', {
        detail: `a ${device.type} has no ${wrong.slot} certificate (it has ${allowed.join(', ') || 'none'})`,
        path: wrong.path,
        params: { certificateType: wrong.slot, deviceType: device.type, expected: allowed },
      }),
    ];
  },
};
