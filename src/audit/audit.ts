/**
 * The estate audit: parsed 6.24.1 responses in, one verdict per device out. Streaming: each response is read,
 * judged and dropped; what stays is one small record per device (the latest response by OriginatorCounter wins),
 * so memory grows with the estate, not with the number of responses.
 */
import { resolveContext, resolveDevice, resolveEuiList, type DeviceRecord, type DeviceRecordInput, type ValidationContext } from '../context.js';
import { normaliseEui } from '../duis/eui.js';
import type { Eui64 } from '../duis/model.js';
import { finding, type Finding } from '../findings.js';
import { checkOptionKeys } from '../options.js';
import { deepFreeze, policyReader, type CertificatePartyDeviceTypes } from '../policy/validate.js';
import { registryKeyFor } from '../rules/certificate-party/allowed-parties.js';
import { DEFAULT_HANDOVER_POLICY } from '../services/handover-6.21/policy.js';
import { effectiveLimits, type XmlInput, type XmlLimits } from '../xml/parse-xml.js';
import { judgeDevice, type DeviceKnowledge } from './judge-device.js';
import type { AuditProblem, AuditReport, CredentialsResponse, DeviceAudit } from './model.js';
import { readCredentialsResponse } from './read-response.js';
import { summarise } from './summary.js';

/** One response to audit: its bytes or text, with a name for reports (a file name, a message ID). */
export type AuditInput = XmlInput | { readonly source: string; readonly xml: XmlInput };

type MaybePromise<T> = T | Promise<T>;

/** Look-ups into the caller's systems, for estates too large for a context object. */
export interface AuditLookups {
  readonly lookupDevice: (deviceId: Eui64) => MaybePromise<DeviceRecordInput | undefined>;
  /** Distributor ID -> allowed Network Operator Entity IDs; without it the registry is empty. */
  readonly lookupNetworkOperators?: (distributorId: string) => MaybePromise<readonly string[] | undefined>;
}

/** Options of {@link auditCredentials}. */
export interface AuditOptions {
  /**
   * Device Types whose Network Operator slots are judged, by fuel. Default: as the 6.21 Certificate Party rule,
   * `ESME` (registration data, else the MPAN registry), `GPF` and `GSME` (registration data).
   */
  readonly deviceTypes?: CertificatePartyDeviceTypes;
  /** Entity IDs of the DCC's ACB. The ACB slots of each response name it too; this adds to them. */
  readonly acb?: readonly string[];
  /** Input limits, per response; the request defaults. */
  readonly limits?: Partial<XmlLimits>;
}

const OPTION_KEYS = ['deviceTypes', 'acb', 'limits'];

interface Settings {
  readonly deviceTypes: CertificatePartyDeviceTypes;
  readonly acb: readonly Eui64[];
  readonly limits: Partial<XmlLimits> | undefined;
}

function settingsOf(options: AuditOptions): Settings {
  if (typeof options !== 'object' || options === null) throw new TypeError('auditCredentials: options must be an object');
  checkOptionKeys('auditCredentials', options, OPTION_KEYS);
  // Stryker disable next-line ConditionalExpression: `true` is equivalent (effectiveLimits(undefined) checks nothing and returns the defaults); `false`, like the EqualityOperator mutant, is killed by the bad-limit test, but one comment cannot keep it alone
  if (options.limits !== undefined) effectiveLimits(options.limits);
  const acb = (options.acb ?? []).map((id) => {
    const eui = typeof id === 'string' ? normaliseEui(id) : undefined;
    if (!eui) throw new TypeError(`auditCredentials: acb must list EUI-64 Entity IDs, got ${JSON.stringify(id)}`);
    return eui;
  });
  const deviceTypes =
    options.deviceTypes === undefined
      ? DEFAULT_HANDOVER_POLICY.certificatePartyDeviceTypes
      : deepFreeze(policyReader('auditCredentials').certificatePartyDeviceTypes(options.deviceTypes, 'options.deviceTypes'));
  return { deviceTypes, acb, limits: options.limits };
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<AuditInput> =>
  typeof value === 'object' && value !== null && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';

const isLookups = (value: unknown): value is AuditLookups =>
  typeof value === 'object' && value !== null && typeof (value as { lookupDevice?: unknown }).lookupDevice === 'function';

/**
 * Audits an estate from parsed 6.24.1 responses: for each device, whether its Network Operator slots hold the
 * expected Network Operator's certificates (exactly as the Certificate Party rule decides who that is), who holds
 * them, and who must act. Synchronous over an iterable with a context; asynchronous over an async iterable, with a
 * context or look-ups. An input that cannot be read is reported in `problems` and the audit goes on; an invalid
 * context is one problem (source `context`) and no devices. Bad options throw a TypeError.
 */
export function auditCredentials(responses: Iterable<AuditInput>, context?: ValidationContext, options?: AuditOptions): AuditReport;
export function auditCredentials(
  responses: AsyncIterable<AuditInput>,
  context?: ValidationContext | AuditLookups,
  options?: AuditOptions,
): Promise<AuditReport>;
export function auditCredentials(
  responses: Iterable<AuditInput> | AsyncIterable<AuditInput>,
  context?: ValidationContext | AuditLookups,
  options: AuditOptions = {},
): AuditReport | Promise<AuditReport> {
  const settings = settingsOf(options);
  if (isAsyncIterable(responses)) return auditAsync(responses, context, settings);
  if (isLookups(context)) throw new TypeError('auditCredentials: look-ups need an async iterable of responses');
  if (typeof (responses as Iterable<AuditInput> | null)?.[Symbol.iterator] !== 'function') {
    throw new TypeError('auditCredentials: responses must be an iterable or an async iterable');
  }
  const resolved = resolveContext(context);
  const estate = new Estate(settings);
  if (!resolved.ok) return estate.invalidContext(resolved.findings);
  const { devices, networkOperators } = resolved.context;
  const registry = (id: string) => networkOperators.get(id);
  for (const input of responses) estate.add(input, (id) => ({ device: devices.get(id), registry }));
  return estate.report();
}

async function auditAsync(responses: AsyncIterable<AuditInput>, context: ValidationContext | AuditLookups | undefined, settings: Settings): Promise<AuditReport> {
  const estate = new Estate(settings);
  if (!isLookups(context)) {
    const resolved = resolveContext(context);
    if (!resolved.ok) return estate.invalidContext(resolved.findings);
    const { devices, networkOperators } = resolved.context;
    const registry = (id: string) => networkOperators.get(id);
    for await (const input of responses) estate.add(input, (id) => ({ device: devices.get(id), registry }));
    return estate.report();
  }
  const { lookupDevice, lookupNetworkOperators } = context;
  for await (const input of responses) {
    const read = estate.read(input);
    if (!read) continue;
    const { response, source } = read;
    const findings: Finding[] = [];
    try {
      const device = await lookUpDevice(lookupDevice, response.deviceId, findings);
      const key = device ? registryKeyFor(device, settings.deviceTypes) : undefined;
      const entities = key !== undefined && lookupNetworkOperators ? await lookUpRegistry(lookupNetworkOperators, key, findings) : undefined;
      if (findings.length > 0) {
        estate.problem(source, findings);
        continue;
      }
      // Stryker disable next-line ConditionalExpression: decideAllowedParties asks the registry only for registryKeyFor(device), which is `key`, so answering `entities` for any ID is the same
      estate.judge(response, source, { device, registry: (id) => (id === key ? entities : undefined) });
    } catch (error) {
      if (!(error instanceof LookupFailed)) throw error;
      estate.problem(source, [error.finding]);
    }
  }
  return estate.report();
}

class LookupFailed extends Error {
  constructor(readonly finding: Finding) {
    super(finding.message);
  }
}

async function call<T>(lookup: 'device' | 'networkOperators', key: string, run: () => MaybePromise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new LookupFailed(finding('LOOKUP_FAILED', { lookup, key, error: error instanceof Error ? error.message : String(error) }));
  }
}

async function lookUpDevice(lookup: AuditLookups['lookupDevice'], id: Eui64, findings: Finding[]): Promise<DeviceRecord | undefined> {
  const record = await call('device', id, () => lookup(id));
  return record === undefined ? undefined : resolveDevice(id, record, findings)?.[1];
}

async function lookUpRegistry(lookup: NonNullable<AuditLookups['lookupNetworkOperators']>, key: string, findings: Finding[]) {
  const entities = await call('networkOperators', key, () => lookup(key));
  return entities === undefined ? undefined : resolveEuiList(entities, `$.networkOperators["${key}"]`, findings);
}

type Known = Omit<DeviceKnowledge, 'deviceTypes' | 'acb'>;

/** The audit in progress: the latest judgement per device, and the inputs that could not be read. */
class Estate {
  private readonly devices = new Map<Eui64, { audit: DeviceAudit; counter: bigint }>();
  private readonly problems: AuditProblem[] = [];
  private inputs = 0;

  constructor(private readonly settings: Settings) {}

  read(input: AuditInput): { response: CredentialsResponse; source: string } | undefined {
    this.inputs += 1;
    const [source, xml] = typeof input === 'object' && input !== null && 'source' in input && 'xml' in input ? [String(input.source), input.xml] : [`#${this.inputs}`, input as XmlInput];
    const read = readCredentialsResponse(xml, this.settings.limits ? { limits: this.settings.limits } : {});
    if (!read.ok) {
      this.problem(source, read.findings);
      return undefined;
    }
    return { response: read.response, source };
  }

  add(input: AuditInput, know: (deviceId: Eui64) => Known): void {
    const read = this.read(input);
    if (read) this.judge(read.response, read.source, know(read.response.deviceId));
  }

  judge(response: CredentialsResponse, source: string, known: Known): void {
    const previous = this.devices.get(response.deviceId);
    // The latest response by OriginatorCounter wins; an equal counter is the same response seen again.
    if (previous && previous.counter >= response.counter) return;
    const audit = judgeDevice(response, source, { ...known, deviceTypes: this.settings.deviceTypes, acb: this.settings.acb });
    this.devices.set(response.deviceId, { audit, counter: response.counter });
  }

  problem(source: string, findings: readonly Finding[]): void {
    this.problems.push({ source, findings });
  }

  invalidContext(findings: readonly Finding[]): AuditReport {
    this.problem('context', findings);
    return this.report();
  }

  report(): AuditReport {
    const devices = [...this.devices.values()].map((d) => d.audit);
    return { devices, problems: this.problems, summary: summarise(devices, this.inputs, this.problems.length) };
  }
}
