/**
 * The options of `validateRequest`, `createValidator` and `parseRequest`, checked in one place: an unknown key or
 * a bad value is a configuration error and throws a TypeError naming it, for every option alike.
 */
import { DEFAULT_MPAN_RULE_CODE, isConfigurableCode, type ResponseCode } from './codes.js';
import type { FindingCode } from './findings.js';
import { SERVICES, serviceFor, type ServicePolicy, type ServiceSrv } from './services/index.js';
import type { HandoverPolicy } from './services/handover-6.21/policy.js';
import type { Policy } from './services/krp-6.15.1/policy.js';
import type { CertificateCache } from './smki/index.js';
import { effectiveLimits, type XmlLimits } from './xml/parse-xml.js';

/** `first`: stop at the first failing check (the DCC answers with one code); `all`: report every one. */
export type Mode = 'first' | 'all';
/** `strict`: this library's certificate checks are errors; `dcc`: they are warnings, only what the DCC would reject fails. */
export type Profile = 'strict' | 'dcc';
/** What happens to a request no service validates in depth: `pass` after the generic checks, or `reject`. */
export type Unsupported = 'pass' | 'reject';
/** `error` (default): only errors reject; `warning`: any warning rejects too (ESLint's `--max-warnings 0`). */
export type FailOn = 'error' | 'warning';

/** The options of one service validated in depth. */
export interface ServiceOptions<P> {
  /** The service's policy (`definePolicy`, `defineHandoverPolicy`); default its `DEFAULT_*` policy. */
  readonly policy?: P;
  /** The code its Certificate Party rule answers with (`E` and digits); default the provisional one. */
  readonly certificatePartyCode?: `E${number}`;
}

/** Per-SRV options of the services validated in depth, keyed by SRV (derived from the registry). */
export type ServicesOptions = {
  readonly [S in (typeof SERVICES)[number] as S['srv']]?: ServiceOptions<S['defaultPolicy']>;
};

/** Options shared by `validateRequest` and `createValidator`. */
export interface RuleOptions {
  /** `first` (default) stops at the first failing check, as the DCC answers with one code; `all` lists every one. */
  readonly mode?: Mode;
  /**
   * `strict` (default): this library's certificate checks are errors. `dcc`: only what the DCC would reject fails;
   * the certificate sanity checks (codes marked `strictOnly`) become warnings.
   */
  readonly profile?: Profile;
  /** `pass` (default): a request of an SRV not validated in depth passes after the generic checks; `reject`: it fails. */
  readonly unsupported?: Unsupported;
  /** `warning`: a warning rejects the request as an error would. Default `error`. */
  readonly failOn?: FailOn;
  /** Per-SRV options: `{ '6.21': { policy, certificatePartyCode } }`. */
  readonly services?: ServicesOptions;
  /** The 6.15.1 policy: shorthand for `services['6.15.1'].policy`. */
  readonly policy?: Policy;
  /** The 6.15.1 Certificate Party / MPAN rule's code: shorthand for `services['6.15.1'].certificatePartyCode`. */
  readonly mpanRuleCode?: string;
  /** Check certificate validity periods against the clock even when the context gives no `now`. */
  readonly checkValidity?: boolean;
  /** Decoded certificates, shared across validations. Default: one process-wide cache of 1024 entries. */
  readonly certificateCache?: CertificateCache;
}

/** The rule options, checked and with their defaults. */
export interface ResolvedRuleOptions {
  readonly mode: Mode;
  readonly demote: boolean;
  readonly unsupported: Unsupported;
  readonly failOn: FailOn;
  readonly checkValidity: boolean;
  readonly certificateCache: CertificateCache | undefined;
  readonly policies: ReadonlyMap<string, ServicePolicy>;
  /** Codes a finding answers with instead of its own (the configured Certificate Party codes). */
  readonly responseCodes: ReadonlyMap<FindingCode, ResponseCode>;
}

/** The keys `validateRequest` accepts (the rule options, the limits and the signature options). */
export const VALIDATE_OPTION_KEYS = [
  'mode',
  'profile',
  'unsupported',
  'failOn',
  'services',
  'policy',
  'mpanRuleCode',
  'checkValidity',
  'certificateCache',
  'limits',
  'signers',
  'xmlSigningRoles',
] as const;

const SERVICE_OPTION_KEYS = ['policy', 'certificatePartyCode'] as const;

function fail(message: string): never {
  throw new TypeError(message);
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return fail(`${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${shown(value)}`);
}

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

/** Throws for a key of `value` not in `allowed`, naming the nearest allowed one. */
export function checkOptionKeys(what: string, value: object, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const near = nearest(key, allowed);
    fail(`${what}: unknown option ${JSON.stringify(key)}${near ? ` (did you mean ${JSON.stringify(near)}?)` : ''}; expected ${allowed.join(', ')}`);
  }
}

/** The closest of `candidates` to `word` within a small edit distance, for "did you mean". */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function configurableCode(name: string, value: unknown): ResponseCode {
  if (!isConfigurableCode(value)) fail(`${name} must be a DUIS error code like ${DEFAULT_MPAN_RULE_CODE} (E and digits), got ${shown(value)}`);
  return value;
}

// Policies are usually built once (definePolicy) and passed to every validation: validate each object once.
const checkedPolicies = new WeakMap<object, ServicePolicy>();

function checkedPolicy(srv: ServiceSrv, policy: unknown): ServicePolicy {
  if (typeof policy !== 'object' || policy === null) fail(`services['${srv}'].policy must be a policy object, got ${shown(policy)}`);
  const cached = checkedPolicies.get(policy);
  if (cached) return cached;
  const checked: ServicePolicy = serviceFor(srv)!.definePolicy(policy);
  checkedPolicies.set(policy, checked);
  return checked;
}

const DEFAULT_POLICIES: ReadonlyMap<string, ServicePolicy> = new Map(SERVICES.map((s) => [s.srv, s.defaultPolicy]));
const NO_RESPONSE_CODES: ReadonlyMap<FindingCode, ResponseCode> = new Map();

/** The read options, as far as the rule options' check sees them. */
interface ReadOptionValues {
  readonly limits?: unknown;
  readonly signers?: unknown;
  readonly xmlSigningRoles?: unknown;
}

/**
 * Checks the options (and, by key, that nothing else was passed): the rule options, with their defaults, and the
 * read options' shapes. Throws a TypeError for anything wrong.
 */
export function resolveRuleOptions(options: RuleOptions & ReadOptionValues, what: string, allowedKeys: readonly string[]): ResolvedRuleOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) fail(`${what}: options must be an object, got ${shown(options)}`);
  checkOptionKeys(what, options, allowedKeys);
  effectiveLimits(options.limits as Partial<XmlLimits> | undefined);
  const { signers, xmlSigningRoles } = options;
  if (signers !== undefined && typeof signers !== 'function' && typeof (signers as { find?: unknown } | null)?.find !== 'function') {
    fail('signers must be a store made by createSignerStore() (or, for createValidator, a look-up function)');
  }
  if (xmlSigningRoles !== undefined && (!Array.isArray(xmlSigningRoles) || !xmlSigningRoles.every((r) => typeof r === 'string' && /^[0-9A-Fa-f]{2}$/.test(r)))) {
    fail(`xmlSigningRoles must be an array of two-hex-digit OU values such as '87', got ${shown(xmlSigningRoles)}`);
  }
  const mode = oneOf('mode', options.mode, ['first', 'all'], 'first');
  const profile = oneOf('profile', options.profile, ['strict', 'dcc'], 'strict');
  const unsupported = oneOf('unsupported', options.unsupported, ['pass', 'reject'], 'pass');
  const failOn = oneOf('failOn', options.failOn, ['error', 'warning'], 'error');
  if (options.checkValidity !== undefined && typeof options.checkValidity !== 'boolean') fail(`checkValidity must be a boolean, got ${shown(options.checkValidity)}`);
  const cache = options.certificateCache;
  if (cache !== undefined && (typeof cache !== 'object' || cache === null || typeof cache.get !== 'function' || typeof cache.set !== 'function')) {
    fail('certificateCache must be a cache made by createCertificateCache()');
  }

  let policies = DEFAULT_POLICIES;
  let responseCodes = NO_RESPONSE_CODES;
  const perService: Record<string, { policy?: unknown; certificatePartyCode?: unknown }> = {};
  if (options.services !== undefined) {
    if (typeof options.services !== 'object' || options.services === null) fail(`services must be an object keyed by SRV, got ${shown(options.services)}`);
    checkOptionKeys('services', options.services, SERVICES.map((s) => s.srv));
    for (const [srv, value] of Object.entries(options.services as Record<string, unknown>)) {
      if (typeof value !== 'object' || value === null) fail(`services['${srv}'] must be an object, got ${shown(value)}`);
      checkOptionKeys(`services['${srv}']`, value, SERVICE_OPTION_KEYS);
      perService[srv] = value as { policy?: unknown; certificatePartyCode?: unknown };
    }
  }
  // The 6.15.1 shorthands, kept from before the registry; naming a value twice is ambiguous.
  const krp = (perService['6.15.1'] ??= {});
  if (options.policy !== undefined) {
    if (krp.policy !== undefined) fail("give the 6.15.1 policy once: policy or services['6.15.1'].policy");
    krp.policy = options.policy;
  }
  if (options.mpanRuleCode !== undefined) {
    if (krp.certificatePartyCode !== undefined) fail("give the 6.15.1 code once: mpanRuleCode or services['6.15.1'].certificatePartyCode");
    krp.certificatePartyCode = options.mpanRuleCode;
  }
  for (const [srv, { policy, certificatePartyCode }] of Object.entries(perService)) {
    const service = serviceFor(srv)!;
    if (policy !== undefined) {
      if (policies === DEFAULT_POLICIES) policies = new Map(DEFAULT_POLICIES);
      (policies as Map<string, ServicePolicy>).set(srv, checkedPolicy(srv as ServiceSrv, policy));
    }
    if (certificatePartyCode !== undefined) {
      const name = srv === '6.15.1' && options.mpanRuleCode !== undefined ? 'mpanRuleCode' : `services['${srv}'].certificatePartyCode`;
      if (responseCodes === NO_RESPONSE_CODES) responseCodes = new Map();
      (responseCodes as Map<FindingCode, ResponseCode>).set(service.certificatePartyCode, configurableCode(name, certificatePartyCode));
    }
  }
  return {
    mode,
    demote: profile === 'dcc',
    unsupported,
    failOn,
    checkValidity: options.checkValidity ?? false,
    certificateCache: cache,
    policies,
    responseCodes,
  };
}
