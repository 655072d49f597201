/**
 * Reading a policy the caller built: every service's policy is plain JSON-serialisable data, checked completely
 * when it is defined. A bad policy is a programming error at configuration time, so these throw a TypeError that
 * names the offending path (`definePolicy: policy.allowedCombinations.IS.Supplier[0]: unknown device type "XYZ"`).
 */
import { CERTIFICATE_SLOTS, REMOTE_PARTY_ROLES, type CertificateSlot, type RemotePartyRole } from '../duis/model.js';
import { DEVICE_TYPES, USER_ROLES, type DeviceType, type UserRole } from '../duis/roles.js';

/** Device types the Certificate Party rule applies to, by fuel. */
export interface CertificatePartyDeviceTypes {
  /** Checked against registration data, else the distributor registry for the MPAN. */
  readonly electricity: readonly DeviceType[];
  /** Checked only against registration data naming the gas transporter (an MPRN does not encode it). */
  readonly gas: readonly DeviceType[];
}

/** The validating readers of one policy, prefixing every error with `who` (`definePolicy`...). */
export function policyReader(who: string) {
  const fail = (path: string, problem: string): never => {
    throw new TypeError(`${who}: ${path}: ${problem}`);
  };
  const object = (value: unknown, path: string): Record<string, unknown> => {
    if (!isPlainObject(value)) fail(path, `expected a plain object, got ${describe(value)}`);
    return value as Record<string, unknown>;
  };
  const name = <T extends string>(value: unknown, known: readonly T[], what: string, path: string): T => {
    // Stryker disable next-line ConditionalExpression: the typeof test is a guard only; a non-string is never in `known` (strings), so includes() refuses it alike
    if (typeof value !== 'string' || !(known as readonly string[]).includes(value)) {
      const got = typeof value === 'string' ? JSON.stringify(value) : describe(value);
      fail(path, `unknown ${what} ${got} (expected one of ${known.join(', ')})`);
    }
    return value as T;
  };
  const names = <T extends string>(value: unknown, known: readonly T[], what: string, path: string): T[] => {
    if (!Array.isArray(value)) fail(path, `expected an array of ${what}s, got ${describe(value)}`);
    const out: T[] = [];
    (value as unknown[]).forEach((item, i) => {
      const one = name(item, known, what, `${path}[${i}]`);
      if (out.includes(one)) fail(`${path}[${i}]`, `duplicate ${what} ${JSON.stringify(one)}`);
      out.push(one);
    });
    return out;
  };
  const keys = (obj: Record<string, unknown>, known: readonly string[], what: string, path: string, required: boolean): void => {
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) fail(`${path}.${key}`, `unknown ${what} ${JSON.stringify(key)} (expected one of ${known.join(', ')})`);
    }
    if (required) {
      for (const key of known) if (!Object.hasOwn(obj, key)) fail(path, `missing ${what} ${JSON.stringify(key)}`);
    }
  };
  const userRoles = (v: unknown, path: string): UserRole[] => names(v, USER_ROLES, 'user role', path);
  const deviceTypes = (v: unknown, path: string): DeviceType[] => names(v, DEVICE_TYPES, 'device type', path);
  const slots = (v: unknown, path: string): CertificateSlot[] => names(v, CERTIFICATE_SLOTS, 'certificate slot', path);
  const remotePartyRoles = (v: unknown, path: string): RemotePartyRole[] => names(v, REMOTE_PARTY_ROLES, 'remote party role', path);

  return {
    fail,
    object,
    name,
    names,
    keys,
    userRoles,
    deviceTypes,
    slots,
    remotePartyRoles,
    /** A Device Type -> slots table; a device type absent from it holds no slot. */
    slotsByDeviceType(v: unknown, path: string): Partial<Record<DeviceType, CertificateSlot[]>> {
      const table = object(v, path);
      keys(table, DEVICE_TYPES, 'device type', path, false);
      return Object.fromEntries(Object.entries(table).map(([device, list]) => [device, slots(list, `${path}.${device}`)]));
    },
    /** A Remote Party Role -> slots table listing every role (possibly with `[]`). */
    slotsByRole(v: unknown, path: string): Record<RemotePartyRole, CertificateSlot[]> {
      const table = object(v, path);
      keys(table, REMOTE_PARTY_ROLES, 'remote party role', path, true);
      return Object.fromEntries(REMOTE_PARTY_ROLES.map((role) => [role, slots(table[role], `${path}.${role}`)])) as Record<
        RemotePartyRole,
        CertificateSlot[]
      >;
    },
    certificatePartyDeviceTypes(v: unknown, path: string): CertificatePartyDeviceTypes {
      const table = object(v, path);
      keys(table, ['electricity', 'gas'], 'key', path, true);
      return { electricity: deviceTypes(table['electricity'], `${path}.electricity`), gas: deviceTypes(table['gas'], `${path}.gas`) };
    },
    /**
     * `overrides` over `defaults`: each top-level key present (and not `undefined`) replaces the default's value as
     * a whole, there is no deep merge. Unknown keys throw.
     */
    merge(defaults: object, overrides: unknown, known: readonly string[]): Record<string, unknown> {
      const given = object(overrides, 'overrides');
      keys(given, known, 'policy key', 'overrides', false);
      const merged: Record<string, unknown> = { ...defaults };
      for (const [key, value] of Object.entries(given)) if (value !== undefined) merged[key] = value;
      return merged;
    },
  };
}

/** Freezes a policy and everything in it: a policy is shared by every validation that uses it. */
export function deepFreeze<T>(value: T): T {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: callers pass fresh JSON data from the readers or the already deep-frozen defaults: no function to skip, and a frozen object is frozen all the way down (skipping it is a fast path)
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
