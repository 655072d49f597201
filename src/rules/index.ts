import { certificateDecodes } from './certificate-decodes.js';
import { certificateEntity } from './certificate-entity.js';
import { certificateKeyUsage } from './certificate-key-usage.js';
import { certificatePartyMpan } from './certificate-party-mpan.js';
import { certificatePath } from './certificate-path.js';
import { certificateRole } from './certificate-role.js';
import { certificateValidity } from './certificate-validity.js';
import { roleCombination } from './e061501-role-combination.js';
import { topUpFloorNotApplicable } from './e061504-top-up-floor.js';
import { slotNotOnDevice } from './e061505-slot-for-device.js';
import { futureDatingNotAllowed } from './e061506-future-dating.js';
import { slotNotForRole } from './e061507-slot-for-role.js';
import { unknownUser } from './e1-unknown-user.js';
import { deviceTypeNotEligible } from './e11-device-type.js';
import { commandVariantMismatch } from './e12-command-variant.js';
import { unknownDevice } from './e19-unknown-device.js';
import { userRoleNotEligible } from './e2-user-role.js';
import { executionDateTimeTimezone } from './execution-date-time-timezone.js';
import { noReplacementCertificates } from './no-replacement-certificates.js';
import type { Rule } from './rule.js';

export type { DecodedCertificate, DecodedReplacement, Facts, Rule } from './rule.js';

/**
 * The checks after structure and signature, in order. DCC's own order is not published: this one is a
 * [DECISION] (DOMAIN.md section 3): generic codes, then the 6.15.1 codes, then the Certificate Party / MPAN rule,
 * then this library's certificate checks.
 */
export const RULES: readonly Rule[] = [
  unknownUser,
  userRoleNotEligible,
  commandVariantMismatch,
  unknownDevice,
  deviceTypeNotEligible,
  roleCombination,
  topUpFloorNotApplicable,
  slotNotOnDevice,
  futureDatingNotAllowed,
  slotNotForRole,
  certificatePartyMpan,
  noReplacementCertificates,
  executionDateTimeTimezone,
  certificateDecodes,
  certificateRole,
  certificateKeyUsage,
  certificateEntity,
  certificatePath,
  certificateValidity,
];
