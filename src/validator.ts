import {
  resolveContext,
  resolveDevice,
  resolveEuiList,
  resolveUser,
  type DeviceRecord,
  type DeviceRecordInput,
  type UserRecord,
  type UserRecordInput,
  type ValidationContext,
} from './context.js';
import type { Eui64, UpdateSecurityCredentialsKRPRequest } from './duis/model.js';
import { evaluate, validityTime, verdictOf } from './evaluate.js';
import { finding, type Finding } from './findings.js';
import { parseMpanCore } from './mpan/index.js';
import { DEFAULT_POLICY, mpanRuleFuel } from './policy/index.js';
import { readAndVerifyAsync } from './read-request.js';
import type { SignerLookup, SignerStore } from './signature/index.js';
import type { ValidateOptions } from './validate.js';
import type { Verdict } from './verdict.js';
import type { XmlInput } from './xml/parse-xml.js';

type MaybePromise<T> = T | Promise<T>;

/**
 * Configuration of a reusable validator. Lookups replace the matching part of `context` and may be async (a
 * database, a registration service); each is called at most once per request, only when the request needs it.
 */
export interface ValidatorConfig extends Omit<ValidateOptions, 'signers'> {
  /** Request signers: a store (`createSignerStore`) or an async look-up by X509IssuerName and serial number. */
  readonly signers?: SignerStore | SignerLookup;
  /** Static knowledge, validated once when the validator is created. */
  readonly context?: ValidationContext;
  readonly lookupUser?: (userId: Eui64) => MaybePromise<UserRecordInput | undefined>;
  readonly lookupDevice?: (deviceId: Eui64) => MaybePromise<DeviceRecordInput | undefined>;
  /** Allowed Network Operator Entity IDs for a Distributor ID (first two MPAN digits). */
  readonly lookupNetworkOperators?: (distributorId: string) => MaybePromise<readonly string[] | undefined>;
}

/** A reusable validator; see {@link createValidator}. */
export interface Validator {
  validate(xml: XmlInput): Promise<Verdict>;
}

class LookupError extends Error {}

/**
 * Creates a validator with optional async lookups. A lookup that throws or rejects gives a `LOOKUP_FAILED`
 * verdict and one that returns a malformed record gives `CONTEXT_INVALID`: never a DUIS code, because the
 * request was not at fault. An invalid static `context` is a configuration error and throws a TypeError here.
 */
export function createValidator(config: ValidatorConfig = {}): Validator {
  const resolved = resolveContext(config.context);
  if (!resolved.ok) {
    throw new TypeError(`invalid validator context:\n${resolved.findings.map((f) => `  ${f.message}`).join('\n')}`);
  }
  const { users, devices, networkOperators, now } = resolved.context;
  const { lookupUser, lookupDevice, lookupNetworkOperators } = config;

  async function lookup<T>(what: string, key: string, call: () => MaybePromise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw new LookupError(`${what} ${key}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function findUser(id: Eui64, findings: Finding[]): Promise<UserRecord | undefined> {
    if (!lookupUser) return users.get(id);
    const record = await lookup('lookupUser', id, () => lookupUser(id));
    return record === undefined ? undefined : resolveUser(id, record, findings)?.[1];
  }

  async function findDevice(id: Eui64, findings: Finding[]): Promise<DeviceRecord | undefined> {
    if (!lookupDevice) return devices.get(id);
    const record = await lookup('lookupDevice', id, () => lookupDevice(id));
    return record === undefined ? undefined : resolveDevice(id, record, findings)?.[1];
  }

  // Only the Certificate Party / MPAN rule reads the registry, and only for a Network Operator replacement on a
  // device whose registration data names no operator: a registry outage must not block other requests.
  async function findNetworkOperators(request: UpdateSecurityCredentialsKRPRequest, device: DeviceRecord | undefined, findings: Finding[]) {
    const needed =
      device?.mpan !== undefined &&
      !device.networkOperator?.length &&
      request.body.remotePartyRole === 'NetworkOperator' &&
      mpanRuleFuel(config.policy ?? DEFAULT_POLICY, device.type) === 'electricity';
    const mpan = needed ? parseMpanCore(device.mpan!) : undefined;
    if (!lookupNetworkOperators || !mpan?.ok) return networkOperators;
    const { distributorId } = mpan.mpan;
    const entities = await lookup('lookupNetworkOperators', distributorId, () => lookupNetworkOperators(distributorId));
    if (entities === undefined) return new Map<string, readonly Eui64[]>();
    const list = resolveEuiList(entities, `$.networkOperators["${distributorId}"]`, findings);
    return new Map(list ? [[distributorId, list]] : []);
  }

  return {
    async validate(xml) {
      const parsed = await readAndVerifyAsync(xml, config, validityTime(now, config));
      if (!parsed.ok) return verdictOf(parsed.findings, parsed.request);
      const { originator, target } = parsed.request.header.requestId;
      const findings: Finding[] = [];
      try {
        const [user, device] = await Promise.all([findUser(originator, findings), findDevice(target, findings)]);
        const registry = await findNetworkOperators(parsed.request, device, findings);
        if (findings.length > 0) return verdictOf(findings, parsed.request);
        return evaluate(parsed.request, { user, device, networkOperators: registry, now }, config, parsed.signature);
      } catch (error) {
        if (!(error instanceof LookupError)) throw error;
        return verdictOf([finding('LOOKUP_FAILED', { detail: error.message })], parsed.request);
      }
    },
  };
}
