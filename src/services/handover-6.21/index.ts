/**
 * SRV 6.21 Request Handover of DCC Controlled Device: the route by which a Supplier places Network Operator (or its
 * own) certificates on a device installed under DCC control, whose slots hold the DCC's ACB certificates. The
 * Supplier names the certificates; the DCC signs the GBCS command. This is where the wrong Network Operator's
 * certificate is most easily chosen, and DCC's proposed solution to SECMP0063 checked it for an ESME or a GPF.
 */
import {
  CERTIFICATE_CHECKS,
  certificatePartyRule,
  deviceTypeNotEligible,
  executionDateTimeTimezone,
  slotForDevice,
  slotForRole,
  unknownDevice,
  unknownUser,
  userRoleNotEligible,
} from '../../rules/index.js';
import type { Service } from '../service.js';
import { readHandoverBody } from './body.js';
import type { RequestHandoverBody } from './model.js';
import { DEFAULT_HANDOVER_POLICY, defineHandoverPolicy, type HandoverPolicy, type HandoverPolicyOverrides } from './policy.js';
import { remotePartyRoleAllowed } from './rules/remote-party-role.js';

export const requestHandover = {
  srv: '6.21' as const,
  bodyElement: 'RequestHandoverOfDCCControlledDevice',
  readBody: readHandoverBody,
  defaultPolicy: DEFAULT_HANDOVER_POLICY,
  definePolicy: (policy) => defineHandoverPolicy(policy as HandoverPolicyOverrides),
  certificatePartyCode: 'E062106',
  // [DECISION] order, as for 6.15.1: generic codes, this SRV's checks, the Certificate Party rule, the library's.
  rules: [
    unknownUser,
    userRoleNotEligible,
    unknownDevice,
    deviceTypeNotEligible,
    remotePartyRoleAllowed,
    slotForDevice('CERTIFICATE_TYPE_NOT_FOR_DEVICE'),
    slotForRole('CERTIFICATE_TYPE_NOT_FOR_ROLE'),
    certificatePartyRule('E062106'),
    executionDateTimeTimezone,
    ...CERTIFICATE_CHECKS,
  ],
} satisfies Service<RequestHandoverBody, HandoverPolicy>;
