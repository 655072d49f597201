/**
 * Read-only questions the 6.15.1 rules ask of a `Policy`. All are total: an absent table entry means
 * "not allowed" / "no slots".
 */
import type { CertificateSlot, RemotePartyRole } from '../duis/model.js';
import { DEVICE_TYPES, USER_ROLES, type DeviceType, type Policy, type UserRole } from './policy.js';

const NONE: readonly never[] = Object.freeze([]);

/** Type guard: `x` is one of `USER_ROLES`. */
export function isUserRole(x: unknown): x is UserRole {
  return typeof x === 'string' && (USER_ROLES as readonly string[]).includes(x);
}

/** Type guard: `x` is one of `DEVICE_TYPES`. */
export function isDeviceType(x: unknown): x is DeviceType {
  return typeof x === 'string' && (DEVICE_TYPES as readonly string[]).includes(x);
}

/** E2: may this User Role send 6.15.1 at all? */
export function isUserRoleEligible(policy: Policy, userRole: UserRole): boolean {
  return policy.eligibleUserRoles.includes(userRole);
}

/** E11: may 6.15.1 target this device type at all? */
export function isDeviceTypeEligible(policy: Policy, deviceType: DeviceType): boolean {
  return policy.eligibleDeviceTypes.includes(deviceType);
}

/** E061501: is this (User Role, Remote Party Role, Device Type) triple allowed? */
export function isCombinationAllowed(
  policy: Policy,
  userRole: UserRole,
  remotePartyRole: RemotePartyRole,
  deviceType: DeviceType,
): boolean {
  return policy.allowedCombinations[userRole]?.[remotePartyRole]?.includes(deviceType) ?? false;
}

/** E061505: the certificate slots this device type can hold (empty when the device type is not listed). */
export function allowedSlotsForDevice(policy: Policy, deviceType: DeviceType): readonly CertificateSlot[] {
  return policy.certificateSlotsByDeviceType[deviceType] ?? NONE;
}

/** E061507: the certificate slots this Remote Party Role has. */
export function allowedSlotsForRole(policy: Policy, role: RemotePartyRole): readonly CertificateSlot[] {
  // The type says every role is present; `definePolicy` enforces it. `?? NONE` guards hand-built objects.
  return (policy.certificateSlotsByRole[role] as readonly CertificateSlot[] | undefined) ?? NONE;
}

/** E061504: is the prepayment top-up floor sequence number applicable to this role on this device type? */
export function isTopUpFloorApplicable(policy: Policy, role: RemotePartyRole, deviceType: DeviceType): boolean {
  return policy.topUpFloorApplicable.some((r) => r.role === role && r.deviceTypes.includes(deviceType));
}

/** E061506: may a request replacing this Remote Party Role be future dated? */
export function isFutureDatingAllowed(policy: Policy, role: RemotePartyRole): boolean {
  return policy.futureDatingRoles.includes(role);
}

/**
 * MPAN rule: which fuel's Certificate Party check applies to this device type, if any. Electricity wins if a
 * (misconfigured) policy lists a device type under both.
 */
export function mpanRuleFuel(policy: Policy, deviceType: DeviceType): 'electricity' | 'gas' | undefined {
  if (policy.mpanRuleDeviceTypes.electricity.includes(deviceType)) return 'electricity';
  if (policy.mpanRuleDeviceTypes.gas.includes(deviceType)) return 'gas';
  return undefined;
}
