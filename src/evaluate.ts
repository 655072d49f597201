import { isStrictOnly, type ResponseCode } from './codes.js';
import type { DeviceRecord, UserRecord } from './context.js';
import type { CredentialsBody, EmbeddedCertificate, Eui64 } from './duis/model.js';
import { finding, type Finding, type FindingCode } from './findings.js';
import type { ResolvedRuleOptions } from './options.js';
import type { PartialRead, ReadRequest } from './read-request.js';
import {
  unknownDevice,
  unknownUser,
  userRoleNotEligible,
  type CredentialFacts,
  type DecodedCertificate,
  type DecodedReplacement,
  type RequestFacts,
  type Rule,
} from './rules/index.js';
import type { ServicePolicy } from './services/index.js';
import { createCertificateCache, decodeCertificateCached, type CertificateCache } from './smki/index.js';
import type { SignatureCheck, Verdict } from './verdict.js';

/** What the caller knows about one request, already looked up. */
export interface Knowledge {
  readonly user?: UserRecord;
  readonly device?: DeviceRecord;
  /** Distributor ID -> allowed Network Operator Entity IDs. */
  readonly networkOperators: ReadonlyMap<string, readonly Eui64[]>;
  readonly now?: Date;
}

/** The checks that hold for every request: an SRV no service validates in depth gets these and passes. */
export const GENERIC_RULES: readonly Rule[] = [unknownUser, userRoleNotEligible, unknownDevice];

const sharedCache = createCertificateCache();

/** The facts of one request and the rules that read them, in order. */
export function factsAndRules(
  read: ReadRequest,
  knowledge: Knowledge,
  options: Pick<ResolvedRuleOptions, 'policies' | 'certificateCache'>,
  validityTime: Date | undefined,
): { facts: RequestFacts; rules: readonly Rule<any>[] } {
  if (read.coverage === 'generic') {
    const facts: RequestFacts = {
      request: read.request,
      service: read.service,
      user: knowledge.user,
      device: knowledge.device,
      eligibleUserRoles: read.service.eligibleUserRoles,
      networkOperatorsFor: (distributorId) => knowledge.networkOperators.get(distributorId),
      validityTime,
    };
    return { facts, rules: GENERIC_RULES };
  }
  const policy = (options.policies.get(read.service.srv) ?? read.implementation.defaultPolicy) as ServicePolicy;
  return { facts: new Credentials(read, knowledge, policy, options.certificateCache ?? sharedCache, validityTime), rules: read.implementation.rules };
}

/**
 * The facts of a request validated in depth. A class rather than an object literal: its certificates are decoded
 * on first use (in `first` mode a request failing E1 never pays for decoding), and lazy getters on a prototype
 * keep the object's shape fixed, which V8 reads fast on the hot path.
 */
class Credentials implements CredentialFacts {
  readonly request: CredentialFacts['request'];
  readonly body: CredentialsBody;
  readonly service: RequestFacts['service'];
  readonly user: UserRecord | undefined;
  readonly device: DeviceRecord | undefined;
  readonly eligibleUserRoles: ServicePolicy['eligibleUserRoles'];
  readonly eligibleDeviceTypes: ServicePolicy['eligibleDeviceTypes'];
  readonly validityTime: Date | undefined;
  // A property, not a method: rules destructure it.
  readonly networkOperatorsFor: (distributorId: string) => readonly Eui64[] | undefined;
  #replacements: DecodedReplacement[] | undefined;
  #certificationPath: DecodedCertificate[] | undefined;

  constructor(
    read: Extract<ReadRequest, { coverage: 'full' }>,
    knowledge: Knowledge,
    readonly policy: ServicePolicy,
    private readonly cache: CertificateCache,
    validityTime: Date | undefined,
  ) {
    this.request = read.request as CredentialFacts['request'];
    this.body = read.request.body as CredentialsBody;
    this.service = read.service;
    this.user = knowledge.user;
    this.device = knowledge.device;
    this.eligibleUserRoles = policy.eligibleUserRoles;
    this.eligibleDeviceTypes = policy.eligibleDeviceTypes;
    this.validityTime = validityTime;
    this.networkOperatorsFor = (distributorId) => knowledge.networkOperators.get(distributorId);
  }

  get replacements(): readonly DecodedReplacement[] {
    return (this.#replacements ??= this.body.replacementCertificates.map((c) => ({ slot: c.slot, path: c.path, result: this.decode(c), embedded: c })));
  }

  get certificationPath(): readonly DecodedCertificate[] {
    return (this.#certificationPath ??= this.body.certificationPathCertificates.map((c) => ({ path: c.path, result: this.decode(c), embedded: c })));
  }

  // A cache hit never touches the DER bytes (the base64 text is the key), so they are never decoded.
  private decode(c: EmbeddedCertificate) {
    return this.cache.get(c.base64) ?? decodeCertificateCached(c.der, c.base64, this.cache);
  }
}

/** Runs a request's rules over its facts and builds the verdict. */
export function evaluate(
  read: ReadRequest,
  knowledge: Knowledge,
  options: ResolvedRuleOptions,
  signature?: SignatureCheck,
): Verdict {
  const { facts, rules } = factsAndRules(read, knowledge, options, validityTime(knowledge.now, options));
  const findings: Finding[] = [];
  let failed = false;
  for (const rule of rules) {
    for (const result of rule.check(facts) as readonly Finding[]) {
      const outcome = severityOf(result, options);
      findings.push(outcome === result.severity ? result : { ...result, severity: outcome });
      if (outcome === 'error') failed = true;
    }
    if (failed && options.mode === 'first') break;
  }
  if (read.coverage === 'generic' && options.unsupported === 'reject' && !(failed && options.mode === 'first')) {
    const { srv, name } = read.service;
    findings.push(finding('SERVICE_NOT_VALIDATED', { srv, name, body: read.request.body.element }, { path: read.request.body.path }));
  }
  return verdictOf(findings, { service: read.service.srv, coverage: read.coverage, request: read.request }, options, signature);
}

/** Profile `dcc` demotes this library's certificate checks to warnings; `failOn: 'warning'` promotes every warning. */
function severityOf(result: Finding, options: Pick<ResolvedRuleOptions, 'demote' | 'failOn'>): Finding['severity'] {
  const severity = options.demote && result.severity === 'error' && isStrictOnly(result.code) ? 'warning' : result.severity;
  return options.failOn === 'warning' ? 'error' : severity;
}

/** The verdict of `findings`: accepted when none is an error; else answered with the first error's code. */
export function verdictOf(
  findings: readonly Finding[],
  read: PartialRead,
  options: Pick<ResolvedRuleOptions, 'responseCodes'>,
  signature?: SignatureCheck,
): Verdict {
  const firstError = findings.find((f) => f.severity === 'error');
  const extras = { ...(signature ? { signature } : {}) };
  if (!firstError && read.request && read.service && read.coverage) {
    return { accepted: true, responseCode: 'I0', findings, service: read.service, coverage: read.coverage, request: read.request, ...extras };
  }
  return {
    accepted: false,
    // Without an error the request was accepted, unless it was never read: every such path reports an error.
    responseCode: firstError ? responseCodeOf(firstError.code, options.responseCodes) : 'INPUT_INVALID',
    findings,
    ...(read.service ? { service: read.service } : {}),
    ...(read.coverage ? { coverage: read.coverage } : {}),
    ...(read.request ? { request: read.request } : {}),
    ...extras,
  };
}

function responseCodeOf(code: FindingCode, responseCodes: ReadonlyMap<FindingCode, ResponseCode>): Exclude<ResponseCode, 'I0'> {
  return (responseCodes.get(code) ?? code) as Exclude<ResponseCode, 'I0'>;
}

/** The time of the time-based checks: the context's `now`, or the clock with `checkValidity`; else none. */
export function validityTime(now: Date | undefined, options: Pick<ResolvedRuleOptions, 'checkValidity'>): Date | undefined {
  return now ?? (options.checkValidity ? new Date() : undefined);
}

