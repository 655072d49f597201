import { finding } from '../findings.js';
import { PASS, type CredentialFacts, type Rule } from './rule.js';

const NONE: readonly never[] = Object.freeze([]);

/**
 * Every replacement certificate's slot must exist on the Device Type (policy `certificateSlotsByDeviceType`):
 * E061505 on 6.15.1; a library code where the SRV's own code is not public.
 */
export function slotForDevice(code: 'E061505' | 'CERTIFICATE_TYPE_NOT_FOR_DEVICE'): Rule<CredentialFacts> {
  return {
    name: code,
    code,
    needs: { device: true },
    check: ({ body, device, policy, service }) => {
      if (!device) return PASS;
      const allowed = policy.certificateSlotsByDeviceType[device.type] ?? NONE;
      const wrong = body.replacementCertificates.find((certificate) => !allowed.includes(certificate.slot));
      if (!wrong) return PASS;
      const params = { certificateType: wrong.slot, deviceType: device.type, allowed };
      return [
        code === 'E061505'
          ? finding('E061505', params, { path: wrong.path })
          : finding('CERTIFICATE_TYPE_NOT_FOR_DEVICE', { srv: service.srv, ...params }, { path: wrong.path }),
      ];
    },
  };
}

/**
 * Every replacement certificate's slot must exist for the Remote Party Role (policy `certificateSlotsByRole`):
 * E061507 on 6.15.1; a library code where the SRV's own code is not public.
 */
export function slotForRole(code: 'E061507' | 'CERTIFICATE_TYPE_NOT_FOR_ROLE'): Rule<CredentialFacts> {
  return {
    name: code,
    code,
    check: ({ body, policy, service }) => {
      const role = body.remotePartyRole;
      const allowed = policy.certificateSlotsByRole[role] ?? NONE;
      const wrong = body.replacementCertificates.find((certificate) => !allowed.includes(certificate.slot));
      if (!wrong) return PASS;
      const params = { certificateType: wrong.slot, remotePartyRole: role, allowed };
      return [
        code === 'E061507'
          ? finding('E061507', params, { path: wrong.path })
          : finding('CERTIFICATE_TYPE_NOT_FOR_ROLE', { srv: service.srv, ...params }, { path: wrong.path }),
      ];
    },
  };
}
