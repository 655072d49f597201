import { normaliseEui } from './duis/eui.js';
import type { Eui64 } from './duis/model.js';
import { finding, type Finding } from './findings.js';
import { DEVICE_TYPES, isDeviceType, isUserRole, USER_ROLES, type DeviceType, type UserRole } from './duis/roles.js';

/**
 * What the caller knows and the request does not. JSON-serialisable: the same shape for the API and the CLI's
 * `--context FILE`. EUIs (keys and values) are matched case-insensitively, with or without hyphens.
 *
 * A context object is validated and indexed the first time it is used, and that index is reused for every later
 * request given the same object: treat it as an immutable snapshot and pass a new object when the data changes
 * (or use `createValidator` with lookups for live data).
 */
export interface ValidationContext {
  /** DCC Users by User ID (the RequestID originator). */
  readonly users?: Readonly<Record<string, UserRecordInput>>;
  /** Devices by Device ID (the RequestID target). */
  readonly devices?: Readonly<Record<string, DeviceRecordInput>>;
  /** Distributor ID (first two digits of the MPAN core) -> Entity IDs of the Network Operators allowed there. */
  readonly networkOperators?: Readonly<Record<string, readonly string[]>>;
  /** The time of the check (ISO 8601 with a timezone); defaults to the clock. */
  readonly now?: string | Date;
}

/** A User as the caller describes it (context `users[userId]` or `lookupUser`); checked at run time too. */
export interface UserRecordInput {
  /** DCC User Role: IS, GS, ED (a Network Operator), GT, ES, RSA, OU. */
  readonly role: UserRole;
}

/** A Device as the caller describes it (context `devices[deviceId]` or `lookupDevice`); checked at run time too. */
export interface DeviceRecordInput {
  /** ESME, GSME, GPF, CHF, HCALCS, PPMID, IHD, CAD. */
  readonly type: DeviceType;
  /** The MPAN core (13 digits) of an electricity meter, from the caller's inventory. */
  readonly mpan?: string;
  /** Registration data naming the device's Network Operator (or gas transporter): wins over `networkOperators`. */
  readonly networkOperator?: readonly string[];
}

/** A validated User record. */
export interface UserRecord {
  readonly role: UserRole;
}

/** A validated Device record. */
export interface DeviceRecord {
  readonly type: DeviceType;
  readonly mpan?: string;
  readonly networkOperator?: readonly Eui64[];
}

/** A validated context, indexed by normalised EUI. */
export interface ResolvedContext {
  readonly users: ReadonlyMap<Eui64, UserRecord>;
  readonly devices: ReadonlyMap<Eui64, DeviceRecord>;
  readonly networkOperators: ReadonlyMap<string, readonly Eui64[]>;
  readonly now?: Date;
}

export type ResolveContextResult =
  | { readonly ok: true; readonly context: ResolvedContext }
  | { readonly ok: false; readonly findings: readonly Finding[] };

const CONTEXT_KEYS = ['users', 'devices', 'networkOperators', 'now'];
const USER_KEYS = ['role'];
const DEVICE_KEYS = ['type', 'mpan', 'networkOperator'];

// Contexts are usually built once and used for many requests: index each context object once.
const resolved = new WeakMap<object, ResolveContextResult>();

/** Validates a context and indexes it by normalised EUI. Every problem is reported, with its JSON path. */
export function resolveContext(context: ValidationContext | undefined): ResolveContextResult {
  if (context === undefined) return { ok: true, context: EMPTY };
  if (typeof context !== 'object' || context === null || Array.isArray(context)) {
    return { ok: false, findings: [invalid('$', 'the context must be an object')] };
  }
  let result = resolved.get(context);
  if (!result) {
    result = resolveUncached(context);
    resolved.set(context, result);
  }
  return result;
}

const EMPTY: ResolvedContext = { users: new Map(), devices: new Map(), networkOperators: new Map() };

function invalid(path: string, reason: string): Finding {
  return finding('CONTEXT_INVALID', { jsonPath: path, reason }, { path });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeys(value: Record<string, unknown>, allowed: readonly string[], path: string, findings: Finding[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) findings.push(invalid(`${path}.${key}`, `unknown key (expected one of ${allowed.join(', ')})`));
  }
}

function resolveUncached(context: ValidationContext): ResolveContextResult {
  const findings: Finding[] = [];
  unknownKeys(context as Record<string, unknown>, CONTEXT_KEYS, '$', findings);
  const users = indexRecords(context.users, '$.users', 'User ID', resolveUser, findings);
  const devices = indexRecords(context.devices, '$.devices', 'Device ID', resolveDevice, findings);
  const networkOperators = new Map<string, readonly Eui64[]>();
  if (context.networkOperators !== undefined) {
    if (!isRecord(context.networkOperators)) {
      findings.push(invalid('$.networkOperators', 'must be an object keyed by two-digit Distributor ID'));
    } else {
      for (const [key, value] of Object.entries(context.networkOperators)) {
        const path = `$.networkOperators["${key}"]`;
        if (!/^[0-9]{2}$/.test(key)) findings.push(invalid(path, 'the key must be a two-digit Distributor ID'));
        const entities = resolveEuiList(value, path, findings);
        if (entities) networkOperators.set(key, entities);
      }
    }
  }
  let now: Date | undefined;
  if (context.now !== undefined) {
    now = resolveNow(context.now, findings);
  }
  if (findings.length > 0) return { ok: false, findings };
  return { ok: true, context: { users, devices, networkOperators, ...(now ? { now } : {}) } };
}

/** Validates and indexes `users` or `devices` by normalised EUI. */
function indexRecords<T>(
  value: unknown,
  path: string,
  keyedBy: string,
  resolve: (key: string, item: unknown, findings: Finding[]) => [Eui64, T] | undefined,
  findings: Finding[],
): Map<Eui64, T> {
  const index = new Map<Eui64, T>();
  if (value === undefined) return index;
  if (!isRecord(value)) {
    findings.push(invalid(path, `must be an object keyed by ${keyedBy}`));
    return index;
  }
  // Keys are matched by normalised EUI, so two spellings of one EUI would otherwise let the last one win silently.
  const firstKey = new Map<Eui64, string>();
  for (const [key, item] of Object.entries(value)) {
    const eui = normaliseEui(key);
    const earlier = eui === undefined ? undefined : firstKey.get(eui);
    if (eui !== undefined && earlier !== undefined) {
      const paths = [`${path}["${earlier}"]`, `${path}["${key}"]`];
      findings.push(finding('CONTEXT_INVALID', { jsonPath: paths[1]!, reason: `${paths[0]} names the same ${keyedBy} ${eui}`, paths }, { path: paths[1]! }));
    } else if (eui !== undefined) firstKey.set(eui, key);
    const resolved = resolve(key, item, findings);
    if (resolved && earlier === undefined) index.set(resolved[0], resolved[1]);
  }
  return index;
}

/**
 * The shared start of a User or Device record: the key must be an EUI-64 and the value an object with only the
 * known keys. Problems go to `findings`; the record is returned for its own checks whenever it is an object.
 */
function openRecord(
  collection: 'users' | 'devices',
  key: string,
  value: unknown,
  allowedKeys: readonly string[],
  example: string,
  findings: Finding[],
): { path: string; eui: Eui64 | undefined; record: Record<string, unknown> } | undefined {
  const path = `$.${collection}["${key}"]`;
  const eui = normaliseEui(key);
  const what = collection === 'users' ? 'User ID' : 'Device ID';
  if (!eui) findings.push(invalid(path, `'${key}' is not an EUI-64 ${what}`));
  if (!isRecord(value)) {
    findings.push(invalid(path, `must be an object like ${example}`));
    return undefined;
  }
  unknownKeys(value, allowedKeys, path, findings);
  return { path, eui, record: value };
}

/** A value for a message, whatever the caller passed (`String()` can throw on a crafted object). */
function shown(value: unknown): string {
  return typeof value === 'object' && value !== null ? 'an object' : typeof value === 'function' ? 'a function' : String(value);
}

/** Validates one User record (also used for the async validator's lookup results). */
export function resolveUser(key: string, value: unknown, findings: Finding[]): [Eui64, UserRecord] | undefined {
  const opened = openRecord('users', key, value, USER_KEYS, '{ "role": "IS" }', findings);
  if (!opened) return undefined;
  const { path, eui, record } = opened;
  if (!isUserRole(record.role)) {
    findings.push(invalid(`${path}.role`, `'${shown(record.role)}' is not a User Role (${USER_ROLES.join(', ')})`));
    return undefined;
  }
  return eui ? [eui, { role: record.role }] : undefined;
}

/** Validates one Device record (also used for the async validator's lookup results). */
export function resolveDevice(key: string, value: unknown, findings: Finding[]): [Eui64, DeviceRecord] | undefined {
  const opened = openRecord('devices', key, value, DEVICE_KEYS, '{ "type": "ESME", "mpan": "..." }', findings);
  if (!opened) return undefined;
  const { path, eui, record } = opened;
  const start = findings.length;
  const { type, mpan } = record;
  if (!isDeviceType(type)) {
    findings.push(invalid(`${path}.type`, `'${shown(type)}' is not a Device Type (${DEVICE_TYPES.join(', ')})`));
  }
  // A well-formed MPAN with a wrong check digit is inventory data the DCC would also hold: the MPAN rule reports
  // it as a warning. Anything that is not 13 digits is a broken context.
  if (mpan !== undefined && (typeof mpan !== 'string' || !/^[0-9]{13}$/.test(mpan))) {
    findings.push(invalid(`${path}.mpan`, `'${shown(mpan)}' is not a 13-digit MPAN core`));
  }
  const networkOperator =
    record.networkOperator === undefined ? undefined : resolveEuiList(record.networkOperator, `${path}.networkOperator`, findings);
  if (!eui || !isDeviceType(type) || findings.length > start) return undefined;
  return [
    eui,
    {
      type,
      ...(typeof mpan === 'string' ? { mpan } : {}),
      ...(networkOperator ? { networkOperator } : {}),
    },
  ];
}

/** Validates a list of Entity IDs (registry entries, registration data). */
export function resolveEuiList(value: unknown, path: string, findings: Finding[]): Eui64[] | undefined {
  if (!Array.isArray(value)) {
    findings.push(invalid(path, 'must be an array of EUI-64 Entity IDs'));
    return undefined;
  }
  const entities: Eui64[] = [];
  for (const [index, item] of value.entries()) {
    const eui = typeof item === 'string' ? normaliseEui(item) : undefined;
    if (!eui) findings.push(invalid(`${path}[${index}]`, `'${shown(item)}' is not an EUI-64 Entity ID`));
    else entities.push(eui);
  }
  return entities.length === value.length ? entities : undefined;
}

function resolveNow(value: unknown, findings: Finding[]): Date | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  if (typeof value === 'string' && /(?:Z|[+-][0-9]{2}:[0-9]{2})$/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  findings.push(invalid('$.now', `'${shown(value)}' is not an ISO 8601 date-time with a timezone`));
  return undefined;
}
