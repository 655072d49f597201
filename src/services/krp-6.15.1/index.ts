/**
 * SRV 6.15.1 Update Security Credentials (KRP): replaces the SMKI certificates (trust anchors) of one remote party
 * on a device. The route by which a Network Operator replaces its own certificates, and by which DCC's proposed
 * solution to SECMP0063 would check Supplier-submitted Network Operator certificates on an ESME.
 */
import {
  CERTIFICATE_CHECKS,
  certificatePartyRule,
  deviceTypeNotEligible,
  executionDateTimeTimezone,
  noReplacementCertificates,
  slotForDevice,
  slotForRole,
  unknownDevice,
  unknownUser,
  userRoleNotEligible,
} from '../../rules/index.js';
import type { Service } from '../service.js';
import { readKrpBody } from './body.js';
import type { UpdateSecurityCredentialsKRPBody } from './model.js';
import { DEFAULT_POLICY, definePolicy, type Policy, type PolicyOverrides } from './policy.js';
import { roleCombination } from './rules/e061501-role-combination.js';
import { topUpFloorNotApplicable } from './rules/e061504-top-up-floor.js';
import { futureDatingNotAllowed } from './rules/e061506-future-dating.js';
import { commandVariantMismatch } from './rules/e12-command-variant.js';

export const updateSecurityCredentialsKrp = {
  srv: '6.15.1' as const,
  bodyElement: 'UpdateSecurityCredentialsKRP',
  readBody: readKrpBody,
  defaultPolicy: DEFAULT_POLICY,
  definePolicy: (policy) => definePolicy(policy as PolicyOverrides),
  certificatePartyCode: 'E061510',
  // [DECISION] order (DCC's is not published): E1 E2 E12 E19 E11, the 6.15.1 codes, the Certificate Party rule,
  // then this library's checks.
  rules: [
    unknownUser,
    userRoleNotEligible,
    commandVariantMismatch,
    unknownDevice,
    deviceTypeNotEligible,
    roleCombination,
    topUpFloorNotApplicable,
    slotForDevice('E061505'),
    futureDatingNotAllowed,
    slotForRole('E061507'),
    certificatePartyRule('E061510'),
    noReplacementCertificates,
    executionDateTimeTimezone,
    ...CERTIFICATE_CHECKS,
  ],
} satisfies Service<UpdateSecurityCredentialsKRPBody, Policy>;
