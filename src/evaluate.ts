import { DEFAULT_MPAN_RULE_CODE, isStrictOnly } from './codes.js';
import type { DeviceRecord, UserRecord } from './context.js';
import type { EmbeddedCertificate, Eui64, UpdateSecurityCredentialsKRPRequest } from './duis/model.js';
import type { Finding } from './findings.js';
import { DEFAULT_POLICY, type Policy } from './policy/index.js';
import { RULES, type DecodedCertificate, type DecodedReplacement, type Facts } from './rules/index.js';
import { createCertificateCache, decodeCertificateCached, type CertificateCache } from './smki/index.js';
import type { SignatureCheck, Verdict } from './verdict.js';

/** `first`: stop at the first failing check (the DCC answers with one code); `all`: report every one. */
export type Mode = 'first' | 'all';
/** `strict`: this library's checks are errors; `dcc`: they are warnings, only what the DCC would reject fails. */
export type Profile = 'strict' | 'dcc';

/** Options shared by `validateRequest` and `createValidator`. */
export interface RuleOptions {
  /** `first` (default) stops at the first failing check, as the DCC answers with one code; `all` lists every one. */
  readonly mode?: Mode;
  /**
   * `strict` (default): this library's certificate checks are errors. `dcc`: only what the DCC would reject fails;
   * the certificate sanity checks (codes marked `strictOnly`) become warnings.
   */
  readonly profile?: Profile;
  /** The 6.15.1 policy tables; default {@link DEFAULT_POLICY}. Build a custom one with `definePolicy`. */
  readonly policy?: Policy;
  /**
   * Code of the Certificate Party / MPAN rule; default `E061510` (provisional: the proposal writes `Exxxxxx`).
   * Must be `E` followed by digits: anything else throws a TypeError.
   */
  readonly mpanRuleCode?: string;
  /** Check certificate validity periods against the clock even when the context gives no `now`. */
  readonly checkValidity?: boolean;
  /** Decoded certificates, shared across validations. Default: one process-wide cache of 1024 entries. */
  readonly certificateCache?: CertificateCache;
}

/** What the caller knows about one request, already looked up. */
export interface Knowledge {
  readonly user?: UserRecord;
  readonly device?: DeviceRecord;
  /** Distributor ID -> allowed Network Operator Entity IDs. */
  readonly networkOperators: ReadonlyMap<string, readonly Eui64[]>;
  readonly now?: Date;
}

const sharedCache = createCertificateCache();

/** Runs the rule chain on a parsed (and, when configured, verified) request. */
export function evaluate(
  request: UpdateSecurityCredentialsKRPRequest,
  knowledge: Knowledge,
  options: RuleOptions,
  signature?: SignatureCheck,
): Verdict {
  const mode = options.mode ?? 'first';
  const demote = options.profile === 'dcc';
  const cache = options.certificateCache ?? sharedCache;
  const at = validityTime(knowledge.now, options);

  // A cache hit never touches the DER bytes (the base64 text is the key), so they are never decoded.
  const decode = (c: EmbeddedCertificate) => cache.get(c.base64) ?? decodeCertificateCached(c.der, c.base64, cache);
  // Decoded on first use: in `first` mode a request failing E1 never pays for certificate decoding.
  let replacements: DecodedReplacement[] | undefined;
  let certificationPath: DecodedCertificate[] | undefined;
  const facts: Facts = {
    request,
    ...(knowledge.user ? { user: knowledge.user } : {}),
    ...(knowledge.device ? { device: knowledge.device } : {}),
    networkOperatorsFor: (distributorId) => knowledge.networkOperators.get(distributorId),
    get replacements() {
      return (replacements ??= request.body.replacementCertificates.map((c) => ({
        slot: c.slot,
        path: c.path,
        result: decode(c),
        embedded: c,
      })));
    },
    get certificationPath() {
      return (certificationPath ??= request.body.certificationPathCertificates.map((c) => ({
        path: c.path,
        result: decode(c),
        embedded: c,
      })));
    },
    policy: options.policy ?? DEFAULT_POLICY,
    ...(at ? { validityTime: at } : {}),
    mpanRuleCode: mpanRuleCode(options.mpanRuleCode),
  };

  const findings: Finding[] = [];
  for (const rule of RULES) {
    let failed = false;
    for (const result of rule.check(facts)) {
      const demoted = demote && result.severity === 'error' && isStrictOnly(result.code);
      findings.push(demoted ? { ...result, severity: 'warning' } : result);
      if (!demoted && result.severity === 'error') failed = true;
    }
    if (failed && mode === 'first') break;
  }
  return verdictOf(findings, request, signature);
}

export function verdictOf(
  findings: readonly Finding[],
  request?: UpdateSecurityCredentialsKRPRequest,
  signature?: SignatureCheck,
): Verdict {
  const firstError = findings.find((f) => f.severity === 'error');
  return {
    accepted: !firstError,
    responseCode: firstError ? firstError.code : 'I0',
    findings,
    ...(request ? { request } : {}),
    ...(signature ? { signature } : {}),
  };
}

/**
 * The MPAN rule's code must read as a DUIS error code (`E` and digits): anything else would make verdicts lie
 * (`I0` as a rejection). A wrong option is a configuration error, so it throws.
 */
function mpanRuleCode(code: string | undefined): string {
  if (code === undefined) return DEFAULT_MPAN_RULE_CODE;
  if (typeof code !== 'string' || !/^E[0-9]+$/.test(code)) {
    throw new TypeError(`mpanRuleCode must be a DUIS error code like ${DEFAULT_MPAN_RULE_CODE}, got ${JSON.stringify(code)}`);
  }
  return code;
}

/** The time of the time-based checks: the context's `now`, or the clock with `checkValidity`; else none. */
export function validityTime(now: Date | undefined, options: RuleOptions): Date | undefined {
  return now ?? (options.checkValidity ? new Date() : undefined);
}
