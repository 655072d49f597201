/**
 * The policy tables that drive the 6.15.1-specific checks (DOMAIN.md section 4).
 *
 * DUIS does not publish these tables. Every value here is a **[DECISION] of this project**, derived from
 * the DUIS response-code descriptions, the SEC working-group slides and the DCC Reference Test Data Set;
 * it is not DCC behaviour. That is why it is plain, serialisable data the caller can override (see
 * `definePolicy`).
 */
import type { CertificateSlot, RemotePartyRole } from '../duis/model.js';

/** DCC User Roles (DOMAIN.md section 3). */
export const USER_ROLES = ['IS', 'GS', 'ED', 'GT', 'ES', 'RSA', 'OU'] as const;
/**
 * `IS` Import Supplier, `GS` Gas Supplier, `ED` Electricity Distributor, `GT` Gas Transporter,
 * `ES` Export Supplier, `RSA` Registered Supplier Agent, `OU` Other User.
 */
export type UserRole = (typeof USER_ROLES)[number];

/** Smart-metering device types (DOMAIN.md section 3). */
export const DEVICE_TYPES = ['ESME', 'GSME', 'GPF', 'CHF', 'HCALCS', 'PPMID', 'IHD', 'CAD'] as const;
/** Smart-metering Device Types. */
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** One row of the E061504 table: the top-up floor number is applicable for `role` on these device types. */
export interface TopUpFloorRule {
  readonly role: RemotePartyRole;
  readonly deviceTypes: readonly DeviceType[];
}

/** Device types to which the Certificate Party / MPAN rule applies, by fuel. */
export interface MpanRuleDeviceTypes {
  /** Device types whose MPAN (electricity) is checked against the Network Operator certificates. */
  readonly electricity: readonly DeviceType[];
  /** Device types whose gas transporter is checked, when registration data names it. */
  readonly gas: readonly DeviceType[];
}

/**
 * The whole 6.15.1 policy. Plain JSON-serialisable data: no functions, no classes, no `Set`s.
 *
 * Every field is a [DECISION] of this project (DOMAIN.md section 4, or section 5 for `mpanRuleDeviceTypes`)
 * because the DUIS text that would settle it is not public.
 */
export interface Policy {
  /**
   * User Roles allowed to send 6.15.1 at all; any other role gets **E2**.
   *
   * [DECISION] (DOMAIN.md sections 3 and 4): `IS`, `GS`, `ED`, `GT`, after DCC's SRV matrix.
   */
  readonly eligibleUserRoles: readonly UserRole[];

  /**
   * Device types a 6.15.1 request may target; any other gets **E11**.
   *
   * [DECISION] (DOMAIN.md section 4): `ESME`, `GSME`, `GPF`.
   */
  readonly eligibleDeviceTypes: readonly DeviceType[];

  /**
   * Allowed (User Role, Remote Party Role, Device Type) triples: `allowedCombinations[userRole][remotePartyRole]`
   * lists the device types. A missing user role, a missing remote party role or an unlisted device type means
   * the combination is not allowed: **E061501**.
   *
   * [DECISION] (DOMAIN.md section 4): IS: Supplier/ESME, NetworkOperator/ESME, LoadController/ESME;
   * GS: Supplier/GSME+GPF, NetworkOperator/GSME+GPF; ED: NetworkOperator/ESME; GT: NetworkOperator/GSME+GPF.
   * Root, Recovery, ACB and TransCoS appear nowhere: no User may replace them with 6.15.1.
   */
  readonly allowedCombinations: Readonly<
    Partial<Record<UserRole, Readonly<Partial<Record<RemotePartyRole, readonly DeviceType[]>>>>>
  >;

  /**
   * Certificate Types (slots) a device type can hold; a replacement certificate in any other slot gets
   * **E061505**. A device type absent from the table holds no slot.
   *
   * [DECISION] (DOMAIN.md section 4): ESME and GSME: DigitalSigning, KeyAgreement, KeyAgreementTopUp;
   * GPF: DigitalSigning, KeyAgreement.
   */
  readonly certificateSlotsByDeviceType: Readonly<Partial<Record<DeviceType, readonly CertificateSlot[]>>>;

  /**
   * Certificate Types (slots) each Remote Party Role has; a replacement certificate in any other slot gets
   * **E061507**. Every Remote Party Role must be listed (possibly with `[]`).
   *
   * [DECISION] (DOMAIN.md section 4): Supplier: DigitalSigning, KeyAgreement, KeyAgreementTopUp;
   * NetworkOperator and LoadController: DigitalSigning, KeyAgreement; Root, Recovery, TransCoS: DigitalSigning;
   * ACB: KeyAgreement.
   */
  readonly certificateSlotsByRole: Readonly<Record<RemotePartyRole, readonly CertificateSlot[]>>;

  /**
   * Where `RemotePartyPrepaymentTopUpFloorSeqNumber` is applicable; present anywhere else it gets **E061504**.
   *
   * [DECISION] (DOMAIN.md section 4): only Supplier on ESME or GSME.
   */
  readonly topUpFloorApplicable: readonly TopUpFloorRule[];

  /**
   * Remote Party Roles that may be future dated (`ExecutionDateTime` present); any other gets **E061506**.
   *
   * [DECISION] (DOMAIN.md section 4): Supplier and LoadController. The seed-era code description names
   * Supplier only, but the DCC RTDS shows a future-dated LoadController request succeeding.
   */
  readonly futureDatingRoles: readonly RemotePartyRole[];

  /**
   * Device types the Certificate Party / MPAN rule (default code **E061510**, configurable) applies to.
   *
   * [DECISION] (DOMAIN.md section 5): electricity `ESME` (the SEC proposal); gas `GSME`, `GPF` (beyond the
   * proposal, its Q3; only fires when registration data names the gas transporter).
   */
  readonly mpanRuleDeviceTypes: MpanRuleDeviceTypes;
}

/** The keys of `Policy`, in declaration order. */
export const POLICY_KEYS = [
  'eligibleUserRoles',
  'eligibleDeviceTypes',
  'allowedCombinations',
  'certificateSlotsByDeviceType',
  'certificateSlotsByRole',
  'topUpFloorApplicable',
  'futureDatingRoles',
  'mpanRuleDeviceTypes',
] as const satisfies readonly (keyof Policy)[];

/**
 * What `definePolicy` accepts: any subset of the top-level keys of `Policy`. Each given key **replaces**
 * the default value for that key as a whole (no deep merge). A key whose value is `undefined` is ignored.
 */
export type PolicyOverrides = { readonly [K in keyof Policy]?: Policy[K] | undefined };
