import {
  CERTIFICATE_SLOTS,
  REMOTE_PARTY_ROLES,
  type CertificateSlot,
  type RemotePartyRole,
} from '../duis/model.js';
import {
  DEVICE_TYPES,
  POLICY_KEYS,
  USER_ROLES,
  type DeviceType,
  type Policy,
  type PolicyOverrides,
} from './policy.js';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) {
      deepFreeze((value as Record<string, unknown>)[key]);
    }
    Object.freeze(value);
  }
  return value;
}

/**
 * The default 6.15.1 policy: exactly the tables of DOMAIN.md section 4 (and section 5 for the MPAN rule).
 * Every value is a [DECISION] of this project, not published DCC behaviour; see `Policy` for each field.
 * Deep-frozen.
 */
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
  mpanRuleDeviceTypes: { electricity: ['ESME'], gas: ['GSME', 'GPF'] },
} satisfies Policy);

// ------------------------------------------------------------------------------------------------
// Validation. A bad policy is a programming error at configuration time, so it throws TypeError.

function fail(path: string, problem: string): never {
  throw new TypeError(`definePolicy: ${path}: ${problem}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function checkObject(value: unknown, path: string): Record<string, unknown> {
  if (!isPlainObject(value)) fail(path, `expected a plain object, got ${describe(value)}`);
  return value;
}

function checkName<T extends string>(
  value: unknown,
  known: readonly T[],
  what: string,
  path: string,
): T {
  if (typeof value !== 'string' || !(known as readonly string[]).includes(value)) {
    const got = typeof value === 'string' ? JSON.stringify(value) : describe(value);
    fail(path, `unknown ${what} ${got} (expected one of ${known.join(', ')})`);
  }
  return value as T;
}

function checkNameList<T extends string>(
  value: unknown,
  known: readonly T[],
  what: string,
  path: string,
): T[] {
  if (!Array.isArray(value)) fail(path, `expected an array of ${what}s, got ${describe(value)}`);
  const out: T[] = [];
  value.forEach((item: unknown, i) => {
    const name = checkName(item, known, what, `${path}[${i}]`);
    if (out.includes(name)) fail(`${path}[${i}]`, `duplicate ${what} ${JSON.stringify(name)}`);
    out.push(name);
  });
  return out;
}

function checkKeys(
  obj: Record<string, unknown>,
  known: readonly string[],
  what: string,
  path: string,
  required: boolean,
): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) {
      fail(`${path}.${key}`, `unknown ${what} ${JSON.stringify(key)} (expected one of ${known.join(', ')})`);
    }
  }
  if (required) {
    for (const key of known) {
      if (!Object.prototype.hasOwnProperty.call(obj, key)) fail(path, `missing ${what} ${JSON.stringify(key)}`);
    }
  }
}

const deviceTypes = (v: unknown, path: string): DeviceType[] =>
  checkNameList(v, DEVICE_TYPES, 'device type', path);
const slots = (v: unknown, path: string): CertificateSlot[] =>
  checkNameList(v, CERTIFICATE_SLOTS, 'certificate slot', path);
const remotePartyRoles = (v: unknown, path: string): RemotePartyRole[] =>
  checkNameList(v, REMOTE_PARTY_ROLES, 'remote party role', path);

/** Validates a complete candidate policy and returns a fresh, normalised copy (not yet frozen). */
function validatePolicy(candidate: Record<string, unknown>): Policy {
  const p = 'policy';
  const eligibleUserRoles = checkNameList(
    candidate['eligibleUserRoles'],
    USER_ROLES,
    'user role',
    `${p}.eligibleUserRoles`,
  );
  const eligibleDeviceTypes = deviceTypes(candidate['eligibleDeviceTypes'], `${p}.eligibleDeviceTypes`);

  const combosPath = `${p}.allowedCombinations`;
  const combosIn = checkObject(candidate['allowedCombinations'], combosPath);
  checkKeys(combosIn, USER_ROLES, 'user role', combosPath, false);
  const allowedCombinations: Partial<Record<string, Partial<Record<string, DeviceType[]>>>> = {};
  for (const [userRole, byRole] of Object.entries(combosIn)) {
    const rolePath = `${combosPath}.${userRole}`;
    const byRoleIn = checkObject(byRole, rolePath);
    checkKeys(byRoleIn, REMOTE_PARTY_ROLES, 'remote party role', rolePath, false);
    const out: Partial<Record<string, DeviceType[]>> = {};
    for (const [remoteRole, devices] of Object.entries(byRoleIn)) {
      out[remoteRole] = deviceTypes(devices, `${rolePath}.${remoteRole}`);
    }
    allowedCombinations[userRole] = out;
  }

  const byDevicePath = `${p}.certificateSlotsByDeviceType`;
  const byDeviceIn = checkObject(candidate['certificateSlotsByDeviceType'], byDevicePath);
  checkKeys(byDeviceIn, DEVICE_TYPES, 'device type', byDevicePath, false);
  const certificateSlotsByDeviceType: Partial<Record<string, CertificateSlot[]>> = {};
  for (const [device, deviceSlots] of Object.entries(byDeviceIn)) {
    certificateSlotsByDeviceType[device] = slots(deviceSlots, `${byDevicePath}.${device}`);
  }

  const byRolePath = `${p}.certificateSlotsByRole`;
  const byRoleIn = checkObject(candidate['certificateSlotsByRole'], byRolePath);
  checkKeys(byRoleIn, REMOTE_PARTY_ROLES, 'remote party role', byRolePath, true);
  const certificateSlotsByRole = Object.fromEntries(
    REMOTE_PARTY_ROLES.map((role) => [role, slots(byRoleIn[role], `${byRolePath}.${role}`)]),
  ) as Record<RemotePartyRole, CertificateSlot[]>;

  const topUpPath = `${p}.topUpFloorApplicable`;
  const topUpIn = candidate['topUpFloorApplicable'];
  if (!Array.isArray(topUpIn)) {
    fail(topUpPath, `expected an array of { role, deviceTypes }, got ${describe(topUpIn)}`);
  }
  const topUpFloorApplicable = topUpIn.map((entry: unknown, i) => {
    const entryPath = `${topUpPath}[${i}]`;
    const obj = checkObject(entry, entryPath);
    checkKeys(obj, ['role', 'deviceTypes'], 'key', entryPath, true);
    return {
      role: checkName(obj['role'], REMOTE_PARTY_ROLES, 'remote party role', `${entryPath}.role`),
      deviceTypes: deviceTypes(obj['deviceTypes'], `${entryPath}.deviceTypes`),
    };
  });

  const futureDatingRoles = remotePartyRoles(candidate['futureDatingRoles'], `${p}.futureDatingRoles`);

  const mpanPath = `${p}.mpanRuleDeviceTypes`;
  const mpanIn = checkObject(candidate['mpanRuleDeviceTypes'], mpanPath);
  checkKeys(mpanIn, ['electricity', 'gas'], 'key', mpanPath, true);
  const mpanRuleDeviceTypes = {
    electricity: deviceTypes(mpanIn['electricity'], `${mpanPath}.electricity`),
    gas: deviceTypes(mpanIn['gas'], `${mpanPath}.gas`),
  };

  return {
    eligibleUserRoles,
    eligibleDeviceTypes,
    allowedCombinations: allowedCombinations as Policy['allowedCombinations'],
    certificateSlotsByDeviceType: certificateSlotsByDeviceType as Policy['certificateSlotsByDeviceType'],
    certificateSlotsByRole,
    topUpFloorApplicable,
    futureDatingRoles,
    mpanRuleDeviceTypes,
  };
}

/**
 * Builds a policy: `overrides` over `DEFAULT_POLICY`.
 *
 * Merge semantics: each **top-level key** present in `overrides` (and not `undefined`) replaces the default
 * value for that key **as a whole**. There is no deep merge: overriding `allowedCombinations` with
 * `{ IS: { Supplier: ['ESME'] } }` leaves IS as the only User Role with any allowed combination. Copy from
 * `DEFAULT_POLICY` to extend a table, e.g. `{ ...DEFAULT_POLICY.allowedCombinations, ES: { ... } }`.
 *
 * Validation: the result is checked completely. Unknown top-level keys, unknown User Role / Remote Party Role /
 * Device Type / Certificate Slot names, duplicates in a list, missing Remote Party Roles in
 * `certificateSlotsByRole` and wrongly shaped values throw a `TypeError` naming the offending path (e.g.
 * `definePolicy: policy.allowedCombinations.IS.Supplier[0]: unknown device type "XYZ" (expected one of ...)`).
 * A bad policy is a programming error at configuration time, never a finding about a request.
 *
 * The result is a fresh deep copy, deep-frozen: later mutation of `overrides` does not affect it.
 */
export function definePolicy(overrides: PolicyOverrides = {}): Policy {
  const overridesIn = checkObject(overrides, 'overrides');
  checkKeys(overridesIn, POLICY_KEYS, 'policy key', 'overrides', false);
  const merged: Record<string, unknown> = { ...DEFAULT_POLICY };
  for (const [key, value] of Object.entries(overridesIn)) {
    if (value !== undefined) merged[key] = value;
  }
  return deepFreeze(validatePolicy(merged));
}
