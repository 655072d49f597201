import { finding } from '../findings.js';
import { REQUEST_ID } from './paths.js';
import { PASS, type Rule } from './rule.js';

/** E19: the RequestID target must be a Device the caller knows. */
export const unknownDevice: Rule = {
  name: 'E19',
  check: ({ request, device }) => {
    if (device) return PASS;
    const target = request.header.requestId.target;
    return [
      finding('E19', {
        detail: `Device ID ${target} (the RequestID target) is not a known Device`,
        path: REQUEST_ID,
        params: { deviceId: target },
      }),
    ];
  },
};
