import { finding } from '../findings.js';
import { REQUEST_ID } from './paths.js';
import { PASS, type Rule } from './rule.js';

/** E19: the RequestID target must be a Device the caller knows, unless the SRV is a Non-Device Request. */
export const unknownDevice: Rule = {
  name: 'E19',
  code: 'E19',
  // A Non-Device Request targets a DCC or User ID: there is no Device to look up.
  needs: { device: ({ service }) => !service.nonDevice },
  check: ({ request, service, device }) =>
    device || service.nonDevice ? PASS : [finding('E19', { deviceId: request.header.requestId.target }, { path: REQUEST_ID })],
};
