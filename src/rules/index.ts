/**
 * The rules every service shares. Each service composes its ordered list from these and its own
 * (`src/services/<srv>/index.ts`); the order is a [DECISION] (DCC's is not published): generic codes, the SRV's
 * own codes, the Certificate Party rule, then this library's certificate checks.
 */
import { certificateDecodes } from './certificate-decodes.js';
import { certificateEntity } from './certificate-entity.js';
import { certificateKeyUsage } from './certificate-key-usage.js';
import { certificatePath } from './certificate-path.js';
import { certificateRole } from './certificate-role.js';
import { certificateValidity } from './certificate-validity.js';
import type { CredentialFacts, Rule } from './rule.js';

export { certificatePartyRule } from './certificate-party/certificate-party.js';
export { decideAllowedParties, fuelOf, registryKeyFor, type Decided, type PartyDecision, type Undecided } from './certificate-party/allowed-parties.js';
export { deviceTypeNotEligible } from './e11-device-type.js';
export { unknownDevice } from './e19-unknown-device.js';
export { unknownUser } from './e1-unknown-user.js';
export { userRoleNotEligible } from './e2-user-role.js';
export { executionDateTimeTimezone } from './execution-date-time-timezone.js';
export { noReplacementCertificates } from './no-replacement-certificates.js';
export { slotForDevice, slotForRole } from './slot-tables.js';
export { PASS } from './rule.js';
export type { CredentialFacts, CredentialsPolicy, DecodedCertificate, DecodedReplacement, RequestFacts, Rule, RuleNeeds } from './rule.js';

/** This library's checks of the certificates themselves, after every DUIS code (profile `dcc` demotes them). */
export const CERTIFICATE_CHECKS: readonly Rule<CredentialFacts>[] = [
  certificateDecodes,
  certificateRole,
  certificateKeyUsage,
  certificateEntity,
  certificatePath,
  certificateValidity,
];
