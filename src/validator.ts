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
import type { Eui64 } from './duis/model.js';
import { evaluate, factsAndRules, validityTime, verdictOf } from './evaluate.js';
import { finding, type Finding } from './findings.js';
import { resolveRuleOptions, VALIDATE_OPTION_KEYS } from './options.js';
import { readAndVerifyAsync, type ReadRequest } from './read-request.js';
import type { Rule } from './rules/index.js';
import type { SignerLookup, SignerStore } from './signature/index.js';
import type { ValidateOptions } from './validate.js';
import type { Verdict } from './verdict.js';
import type { XmlInput } from './xml/parse-xml.js';

type MaybePromise<T> = T | Promise<T>;

/**
 * Configuration of a reusable validator. Lookups replace the matching part of `context` and may be async (a
 * database, a registration service); each is called at most once per request, and only when one of the request's
 * rules reads what it returns (`Rule.needs`).
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

const VALIDATOR_KEYS = [...VALIDATE_OPTION_KEYS, 'context', 'lookupUser', 'lookupDevice', 'lookupNetworkOperators'] as const;

class LookupError extends Error {
  constructor(readonly finding: Finding) {
    super(finding.message);
  }
}

/**
 * Creates a validator with optional async lookups. A lookup that throws or rejects gives a `LOOKUP_FAILED`
 * verdict and one that returns a malformed record gives `CONTEXT_INVALID`: never a DUIS code, because the request
 * was not at fault. An invalid static `context` or option is a configuration error and throws a TypeError here.
 */
export function createValidator(config: ValidatorConfig = {}): Validator {
  const options = resolveRuleOptions(config, 'createValidator', VALIDATOR_KEYS);
  for (const key of ['lookupUser', 'lookupDevice', 'lookupNetworkOperators'] as const) {
    if (config[key] !== undefined && typeof config[key] !== 'function') throw new TypeError(`${key} must be a function`);
  }
  const resolved = resolveContext(config.context);
  if (!resolved.ok) {
    throw new TypeError(`invalid validator context:\n${resolved.findings.map((f) => `  ${f.message}`).join('\n')}`);
  }
  const { users, devices, networkOperators, now } = resolved.context;
  const { lookupUser, lookupDevice, lookupNetworkOperators } = config;
  const time = validityTime(now, options);

  async function lookup<T>(what: 'user' | 'device' | 'networkOperators', key: string, call: () => MaybePromise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw new LookupError(finding('LOOKUP_FAILED', { lookup: what, key, error: error instanceof Error ? error.message : String(error) }));
    }
  }

  async function findUser(id: Eui64, findings: Finding[]): Promise<UserRecord | undefined> {
    if (!lookupUser) return users.get(id);
    const record = await lookup('user', id, () => lookupUser(id));
    return record === undefined ? undefined : resolveUser(id, record, findings)?.[1];
  }

  async function findDevice(id: Eui64, findings: Finding[]): Promise<DeviceRecord | undefined> {
    if (!lookupDevice) return devices.get(id);
    const record = await lookup('device', id, () => lookupDevice(id));
    return record === undefined ? undefined : resolveDevice(id, record, findings)?.[1];
  }

  async function findNetworkOperators(distributorIds: readonly string[], findings: Finding[]): Promise<ReadonlyMap<string, readonly Eui64[]>> {
    if (!lookupNetworkOperators || distributorIds.length === 0) return networkOperators;
    const found = new Map<string, readonly Eui64[]>();
    for (const distributorId of distributorIds) {
      const entities = await lookup('networkOperators', distributorId, () => lookupNetworkOperators(distributorId));
      if (entities === undefined) continue;
      const list = resolveEuiList(entities, `$.networkOperators["${distributorId}"]`, findings);
      if (list) found.set(distributorId, list);
    }
    return found;
  }

  /** The rules of the request say what it needs looked up: nothing more is asked of the caller's systems. */
  async function knowledgeFor(read: ReadRequest, findings: Finding[]) {
    const { originator, target } = read.request.header.requestId;
    const empty = { networkOperators: new Map<string, readonly Eui64[]>() };
    const first = factsAndRules(read, empty, options, time);
    const rules = first.rules as readonly Rule<typeof first.facts>[];
    const needsUser = rules.some((r) => r.needs?.user);
    const needsDevice = rules.some((r) => {
      const device = r.needs?.device;
      return device === true || (typeof device === 'function' && device(first.facts));
    });
    const [user, device] = await Promise.all([
      needsUser ? findUser(originator, findings) : undefined,
      needsDevice ? findDevice(target, findings) : undefined,
    ]);
    const known = { ...(user ? { user } : {}), ...(device ? { device } : {}) };
    const second = factsAndRules(read, { ...empty, ...known }, options, time);
    const keys = [...new Set(rules.flatMap((r) => r.needs?.registry?.(second.facts) ?? []))];
    return { ...known, networkOperators: await findNetworkOperators(keys, findings), ...(now ? { now } : {}) };
  }

  return {
    async validate(xml) {
      const read = await readAndVerifyAsync(xml, config, time);
      if (!read.ok) return verdictOf(read.findings, read, options);
      const findings: Finding[] = [];
      const partial = { service: read.read.service.srv, coverage: read.read.coverage, request: read.read.request };
      try {
        const knowledge = await knowledgeFor(read.read, findings);
        if (findings.length > 0) return verdictOf(findings, partial, options);
        return evaluate(read.read, knowledge, options, read.signature);
      } catch (error) {
        if (!(error instanceof LookupError)) throw error;
        return verdictOf([error.finding], partial, options);
      }
    },
  };
}
