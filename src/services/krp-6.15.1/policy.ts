/**
 * The policy tables that drive the 6.15.1-specific checks (docs/domain.md, "6.15.1 policy").
 *
 * DUIS does not publish these tables. Every value here is a **[DECISION] of this project**, derived from
 * the DUIS response-code descriptions, the SEC working-group slides and the DCC Reference Test Data Set;
 * it is not DCC behaviour. That is why it is plain, serialisable data the caller can override (`definePolicy`).
 */
import { REMOTE_PARTY_ROLES, type CertificateSlot, type RemotePartyRole } from '../../duis/model.js';
import { USER_ROLES, type DeviceType, type UserRole } from '../../duis/roles.js';
import { deepFreeze, policyReader, type CertificatePartyDeviceTypes } from '../../policy/validate.js';

/** One row of the E061504 table: the top-up floor number is applicable for `role` on these device types. */
export interface TopUpFloorRule {
  readonly role: RemotePartyRole;
  readonly deviceTypes: readonly DeviceType[];
}

/**
 * The whole 6.15.1 policy. Plain JSON-serialisable data: no functions, no classes, no `Set`s.
 * Every field is a [DECISION] of this project because the DUIS text that would settle it is not public.
 */
export interface Policy {
  /** User Roles allowed to send 6.15.1 at all; any other role gets **E2**. [DECISION]: `IS`, `GS`, `ED`, `GT` (DCC's SRV matrix). */
  readonly eligibleUserRoles: readonly UserRole[];
  /** Device types a 6.15.1 request may target; any other gets **E11**. [DECISION]: `ESME`, `GSME`, `GPF`. */
  readonly eligibleDeviceTypes: readonly DeviceType[];
  /**
   * Allowed (User Role, Remote Party Role, Device Type) triples: `allowedCombinations[userRole][remotePartyRole]`
   * lists the device types. A missing user role, a missing remote party role or an unlisted device type means
   * the combination is not allowed: **E061501**.
   *
   * [DECISION]: IS: Supplier/ESME, NetworkOperator/ESME, LoadController/ESME; GS: Supplier/GSME+GPF,
   * NetworkOperator/GSME+GPF; ED: NetworkOperator/ESME; GT: NetworkOperator/GSME+GPF. Root, Recovery, ACB and
   * TransCoS appear nowhere: no User may replace them with 6.15.1.
   */
  readonly allowedCombinations: Readonly<Partial<Record<UserRole, Readonly<Partial<Record<RemotePartyRole, readonly DeviceType[]>>>>>>;
  /**
   * Certificate Types (slots) a device type can hold; a replacement certificate in any other slot gets
   * **E061505**. A device type absent from the table holds no slot. [DECISION]: ESME and GSME: DigitalSigning,
   * KeyAgreement, KeyAgreementTopUp; GPF: DigitalSigning, KeyAgreement.
   */
  readonly certificateSlotsByDeviceType: Readonly<Partial<Record<DeviceType, readonly CertificateSlot[]>>>;
  /**
   * Certificate Types (slots) each Remote Party Role has; a replacement certificate in any other slot gets
   * **E061507**. Every Remote Party Role must be listed (possibly with `[]`). [DECISION]: Supplier: DigitalSigning,
   * KeyAgreement, KeyAgreementTopUp; NetworkOperator and LoadController: DigitalSigning, KeyAgreement; Root,
   * Recovery, TransCoS: DigitalSigning; ACB: KeyAgreement.
   */
  readonly certificateSlotsByRole: Readonly<Record<RemotePartyRole, readonly CertificateSlot[]>>;
  /** Where `RemotePartyPrepaymentTopUpFloorSeqNumber` applies; anywhere else it gets **E061504**. [DECISION]: Supplier on ESME or GSME. */
  readonly topUpFloorApplicable: readonly TopUpFloorRule[];
  /**
   * Remote Party Roles that may be future dated (`ExecutionDateTime` present); any other gets **E061506**.
   * [DECISION]: Supplier and LoadController. The seed-era code description names Supplier only, but the DCC RTDS
   * shows a future-dated LoadController request succeeding.
   */
  readonly futureDatingRoles: readonly RemotePartyRole[];
  /**
   * Device types the Certificate Party / MPAN rule (default code **E061510**) applies to. [DECISION]: electricity
   * `ESME` (the SEC proposal); gas `GSME`, `GPF` (beyond the proposal, its Q3: only with registration data).
   */
  readonly certificatePartyDeviceTypes: CertificatePartyDeviceTypes;
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
  'certificatePartyDeviceTypes',
] as const satisfies readonly (keyof Policy)[];

/**
 * What `definePolicy` accepts: any subset of the top-level keys of `Policy`. Each given key **replaces**
 * the default value for that key as a whole (no deep merge). A key whose value is `undefined` is ignored.
 */
export type PolicyOverrides = { readonly [K in keyof Policy]?: Policy[K] | undefined };

/** The default 6.15.1 policy: every value a [DECISION] of this project, not published DCC behaviour. Deep-frozen. */
export const DEFAULT_POLICY: Policy = deepFreeze({
  eligibleUserRoles: ['IS', 'GS', 'ED', 'GT'],
  eligibleDeviceTypes: ['ESME', 'GSME', 'GPF'],
  allowedCombinations: {
    IS: { Supplier: ['ESME'], NetworkOperator: ['ESME'], LoadController: ['ESME'] },
    GS: { Supplier: ['GSME', 'GPF'], NetworkOperator: ['GSME', 'GPF'] },
    ED: { NetworkOperator: ['ESME'] },
    GT: { NetworkOperator: ['GSME', 'GPF'] },
  },
  certificateSlotsByDeviceType: {
    ESME: ['DigitalSigning', 'KeyAgreement', 'KeyAgreementTopUp'],
    GSME: ['DigitalSigning', 'KeyAgreement', 'KeyAgreementTopUp'],
    GPF: ['DigitalSigning', 'KeyAgreement'],
  },
  certificateSlotsByRole: {
    ACB: ['KeyAgreement'],
    NetworkOperator: ['DigitalSigning', 'KeyAgreement'],
    Recovery: ['DigitalSigning'],
    Root: ['DigitalSigning'],
    Supplier: ['DigitalSigning', 'KeyAgreement', 'KeyAgreementTopUp'],
    TransCoS: ['DigitalSigning'],
    LoadController: ['DigitalSigning', 'KeyAgreement'],
  },
  topUpFloorApplicable: [{ role: 'Supplier', deviceTypes: ['ESME', 'GSME'] }],
  futureDatingRoles: ['Supplier', 'LoadController'],
  certificatePartyDeviceTypes: { electricity: ['ESME'], gas: ['GSME', 'GPF'] },
} satisfies Policy);

/**
 * Builds a 6.15.1 policy: `overrides` over `DEFAULT_POLICY`. Each **top-level key** given replaces the default's
 * value **as a whole**; copy from `DEFAULT_POLICY` to extend a table
 * (`{ ...DEFAULT_POLICY.allowedCombinations, ES: { ... } }`). The result is validated completely (unknown keys,
 * names, duplicates, shapes: a `TypeError` naming the path), copied and deep-frozen.
 */
export function definePolicy(overrides: PolicyOverrides = {}): Policy {
  const read = policyReader('definePolicy');
  const candidate = read.merge(DEFAULT_POLICY, overrides, POLICY_KEYS);
  const p = 'policy';
  const combosPath = `${p}.allowedCombinations`;
  const combosIn = read.object(candidate['allowedCombinations'], combosPath);
  read.keys(combosIn, USER_ROLES, 'user role', combosPath, false);
  const allowedCombinations = Object.fromEntries(
    Object.entries(combosIn).map(([userRole, byRole]) => {
      const rolePath = `${combosPath}.${userRole}`;
      const byRoleIn = read.object(byRole, rolePath);
      read.keys(byRoleIn, REMOTE_PARTY_ROLES, 'remote party role', rolePath, false);
      return [userRole, Object.fromEntries(Object.entries(byRoleIn).map(([role, devices]) => [role, read.deviceTypes(devices, `${rolePath}.${role}`)]))];
    }),
  );
  const topUpPath = `${p}.topUpFloorApplicable`;
  const topUpIn = candidate['topUpFloorApplicable'];
  if (!Array.isArray(topUpIn)) read.fail(topUpPath, 'expected an array of { role, deviceTypes }');
  const topUpFloorApplicable = (topUpIn as unknown[]).map((entry, i) => {
    const entryPath = `${topUpPath}[${i}]`;
    const row = read.object(entry, entryPath);
    read.keys(row, ['role', 'deviceTypes'], 'key', entryPath, true);
    return {
      role: read.name(row['role'], REMOTE_PARTY_ROLES, 'remote party role', `${entryPath}.role`),
      deviceTypes: read.deviceTypes(row['deviceTypes'], `${entryPath}.deviceTypes`),
    };
  });
  return deepFreeze({
    eligibleUserRoles: read.userRoles(candidate['eligibleUserRoles'], `${p}.eligibleUserRoles`),
    eligibleDeviceTypes: read.deviceTypes(candidate['eligibleDeviceTypes'], `${p}.eligibleDeviceTypes`),
    allowedCombinations: allowedCombinations as Policy['allowedCombinations'],
    certificateSlotsByDeviceType: read.slotsByDeviceType(candidate['certificateSlotsByDeviceType'], `${p}.certificateSlotsByDeviceType`),
    certificateSlotsByRole: read.slotsByRole(candidate['certificateSlotsByRole'], `${p}.certificateSlotsByRole`),
    topUpFloorApplicable,
    futureDatingRoles: read.remotePartyRoles(candidate['futureDatingRoles'], `${p}.futureDatingRoles`),
    certificatePartyDeviceTypes: read.certificatePartyDeviceTypes(candidate['certificatePartyDeviceTypes'], `${p}.certificatePartyDeviceTypes`),
  });
}

/** E061501: is this (User Role, Remote Party Role, Device Type) triple allowed? */
export function isCombinationAllowed(policy: Policy, userRole: UserRole, remotePartyRole: RemotePartyRole, deviceType: DeviceType): boolean {
  return policy.allowedCombinations[userRole]?.[remotePartyRole]?.includes(deviceType) ?? false;
}

/** E061504: is the prepayment top-up floor sequence number applicable to this role on this device type? */
export function isTopUpFloorApplicable(policy: Policy, role: RemotePartyRole, deviceType: DeviceType): boolean {
  return policy.topUpFloorApplicable.some((r) => r.role === role && r.deviceTypes.includes(deviceType));
}

/** E061506: may a request replacing this Remote Party Role be future dated? */
export function isFutureDatingAllowed(policy: Policy, role: RemotePartyRole): boolean {
  return policy.futureDatingRoles.includes(role);
}
