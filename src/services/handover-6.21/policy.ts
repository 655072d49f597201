/**
 * The decisions behind the 6.21 checks (docs/domain.md, "6.21 Request Handover"). The 6.21 response codes of the
 * V5.4 XSD (E062101, E062102, E062103, E062105) have no public texts, so where 6.15.1 has a DUIS code 6.21 reports a
 * library code, and every table here is a **[DECISION] of this project**, not DCC behaviour.
 */
import { REMOTE_PARTY_ROLES, type CertificateSlot, type RemotePartyRole } from '../../duis/model.js';
import type { DeviceType, UserRole } from '../../duis/roles.js';
import { deepFreeze, policyReader, type CertificatePartyDeviceTypes } from '../../policy/validate.js';
import { DEFAULT_POLICY as KRP_POLICY } from '../krp-6.15.1/policy.js';

/** The 6.21 policy. Plain JSON-serialisable data. */
export interface HandoverPolicy {
  /** User Roles that may request a handover; any other gets **E2**. [DECISION] after DCC's SRV matrix: `IS`, `GS`. */
  readonly eligibleUserRoles: readonly UserRole[];
  /** Device Types a handover may target; any other gets **E11**. [DECISION]: `ESME`, `GSME`, `GPF`. */
  readonly eligibleDeviceTypes: readonly DeviceType[];
  /**
   * Remote Party Roles a handover places certificates for; any other gets `REMOTE_PARTY_ROLE_NOT_ALLOWED`.
   * [DECISION]: `NetworkOperator` and `Supplier`: the DCC holds a DCC-controlled device's Network Operator and
   * Supplier slots with its ACB certificates and hands those over (the RTDS shows both).
   */
  readonly remotePartyRoles: readonly RemotePartyRole[];
  /** Slots per Device Type (`CERTIFICATE_TYPE_NOT_FOR_DEVICE`). [DECISION]: as 6.15.1's E061505 table. */
  readonly certificateSlotsByDeviceType: Readonly<Partial<Record<DeviceType, readonly CertificateSlot[]>>>;
  /** Slots per Remote Party Role (`CERTIFICATE_TYPE_NOT_FOR_ROLE`). [DECISION]: as 6.15.1's E061507 table. */
  readonly certificateSlotsByRole: Readonly<Record<RemotePartyRole, readonly CertificateSlot[]>>;
  /**
   * Device types the Certificate Party rule (default code **E062106**) applies to. [DECISION] after DCC's proposed
   * solution to SECMP0063: an `ESME` (registration data, else the MPAN registry) and a `GPF` (registration data);
   * a `GSME` only with registration data, beyond DCC's scope.
   */
  readonly certificatePartyDeviceTypes: CertificatePartyDeviceTypes;
}

/** The keys a 6.21 policy has, for `defineHandoverPolicy`'s unknown-key check and for tools listing them. */
export const HANDOVER_POLICY_KEYS = [
  'eligibleUserRoles',
  'eligibleDeviceTypes',
  'remotePartyRoles',
  'certificateSlotsByDeviceType',
  'certificateSlotsByRole',
  'certificatePartyDeviceTypes',
] as const satisfies readonly (keyof HandoverPolicy)[];

/** Any subset of the top-level keys of `HandoverPolicy`; each given key replaces the default's as a whole. */
export type HandoverPolicyOverrides = { readonly [K in keyof HandoverPolicy]?: HandoverPolicy[K] | undefined };

/** The default 6.21 policy: every value a [DECISION] of this project. Deep-frozen. */
export const DEFAULT_HANDOVER_POLICY: HandoverPolicy = deepFreeze({
  eligibleUserRoles: ['IS', 'GS'],
  eligibleDeviceTypes: ['ESME', 'GSME', 'GPF'],
  remotePartyRoles: ['NetworkOperator', 'Supplier'],
  certificateSlotsByDeviceType: KRP_POLICY.certificateSlotsByDeviceType,
  certificateSlotsByRole: KRP_POLICY.certificateSlotsByRole,
  certificatePartyDeviceTypes: { electricity: ['ESME'], gas: ['GPF', 'GSME'] },
} satisfies HandoverPolicy);

/** Builds a 6.21 policy: `overrides` over `DEFAULT_HANDOVER_POLICY`, validated completely, deep-frozen. */
export function defineHandoverPolicy(overrides: HandoverPolicyOverrides = {}): HandoverPolicy {
  const read = policyReader('defineHandoverPolicy');
  const candidate = read.merge(DEFAULT_HANDOVER_POLICY, overrides, HANDOVER_POLICY_KEYS);
  const p = 'policy';
  return deepFreeze({
    eligibleUserRoles: read.userRoles(candidate['eligibleUserRoles'], `${p}.eligibleUserRoles`),
    eligibleDeviceTypes: read.deviceTypes(candidate['eligibleDeviceTypes'], `${p}.eligibleDeviceTypes`),
    remotePartyRoles: read.names(candidate['remotePartyRoles'], REMOTE_PARTY_ROLES, 'remote party role', `${p}.remotePartyRoles`),
    certificateSlotsByDeviceType: read.slotsByDeviceType(candidate['certificateSlotsByDeviceType'], `${p}.certificateSlotsByDeviceType`),
    certificateSlotsByRole: read.slotsByRole(candidate['certificateSlotsByRole'], `${p}.certificateSlotsByRole`),
    certificatePartyDeviceTypes: read.certificatePartyDeviceTypes(candidate['certificatePartyDeviceTypes'], `${p}.certificatePartyDeviceTypes`),
  });
}
