export {
  DEVICE_TYPES,
  POLICY_KEYS,
  USER_ROLES,
  type DeviceType,
  type MpanRuleDeviceTypes,
  type Policy,
  type PolicyOverrides,
  type TopUpFloorRule,
  type UserRole,
} from './policy.js';
export { DEFAULT_POLICY, definePolicy } from './default-policy.js';
export {
  allowedSlotsForDevice,
  allowedSlotsForRole,
  isCombinationAllowed,
  isDeviceType,
  isDeviceTypeEligible,
  isFutureDatingAllowed,
  isTopUpFloorApplicable,
  isUserRole,
  isUserRoleEligible,
  mpanRuleFuel,
} from './policy-queries.js';
