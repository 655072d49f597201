/**
 * The properties every input must satisfy, as functions that return the violated ones (never throw), so that the
 * property tests, the long campaign (`scripts/fuzz.ts`) and the regression replay share one definition:
 *
 * 1. no exception escapes `validateRequest`, `parseRequest` or `createValidator().validate`;
 * 2. every finding carries a code from `src/codes.ts`, a severity and a message; the verdict answers with the first
 *    error's code, or the configured `mpanRuleCode` where that error is the 6.15.1 Certificate Party rule's;
 * 3. verdicts are deterministic: the same input twice (cold and warm certificate cache) gives deep-equal verdicts;
 * 4. `accepted` holds exactly when no error finding is present, and `responseCode` is `I0` or the first error's code;
 * 5. `parseRequest` and `validateRequest` agree: a structural failure is the verdict, a parsed request never gets a
 *    structural finding;
 * 6. the async validator (static context, or the same knowledge through async lookups) gives the same verdict as
 *    `validateRequest`; a failing lookup gives `LOOKUP_FAILED`, never a rejected promise;
 * 7. no finding reports a defect of the library itself (the certificate decoder catching an unexpected exception),
 *    and no input reaches a prototype (Object.prototype and Array.prototype keep their own properties);
 * 8. with signers configured, a verified signature vouches for what is validated: the request the rules saw, and
 *    the request the document reads as, are the request that was signed (no wrapping, comment or parser trick);
 *    rewrites that keep the canonical form keep the signature verified, rewrites that change it break it.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Rewrite } from './mutators.js';
import {
  CODES,
  createCertificateCache,
  createValidator,
  parseRequest,
  resolveContext,
  validateRequest,
  type Finding,
  type ValidateOptions,
  type ValidationContext,
  type Verdict,
} from '../../src/index.js';

export type Input = string | Uint8Array;

export interface Setup {
  readonly context?: ValidationContext;
  readonly options?: ValidateOptions;
}

export interface SyncOutcome {
  readonly violations: string[];
  readonly verdict?: Verdict;
}

const STRUCTURAL = new Set(['INPUT_INVALID', 'XML_TOO_LARGE', 'XML_TOO_DEEP', 'XML_DTD_FORBIDDEN', 'XML_MALFORMED', 'SCHEMA_VIOLATION', 'SERVICE_NOT_SUPPORTED']);
// decodeCertificate turns an unexpected exception into this message instead of throwing: it is a decoder defect.
const DEFECT = /could not be decoded \(/;

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype] as const;
const prototypeShapes = PROTOTYPES.map((p) => Reflect.ownKeys(p).length);
function prototypesTouched(): boolean {
  return PROTOTYPES.some((p, i) => Reflect.ownKeys(p).length !== prototypeShapes[i]);
}

// One cache shared by every check, as in a long-running process.
const sharedCache = createCertificateCache(256);

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${(error.stack ?? '').split('\n').slice(1, 4).join('\n')}` : String(error);
}

/** Checks properties 2, 4 and 7 of one verdict. */
export function verdictViolations(verdict: Verdict, mpanRuleCode: string | undefined, label: string): string[] {
  const out: string[] = [];
  if (typeof verdict !== 'object' || verdict === null) return [`${label}: verdict is not an object`];
  if (!Array.isArray(verdict.findings)) return [`${label}: findings is not an array`];
  for (const f of verdict.findings as readonly Finding[]) {
    if (!Object.hasOwn(CODES, f.code) || (f.code as string) === 'I0') out.push(`${label}: unknown code ${JSON.stringify(f.code)}`);
    if (f.severity !== 'error' && f.severity !== 'warning') out.push(`${label}: bad severity ${JSON.stringify(f.severity)} on ${f.code}`);
    if (typeof f.message !== 'string' || f.message === '') out.push(`${label}: empty message on ${f.code}`);
    if (DEFECT.test(f.message)) out.push(`${label}: library defect reported as a finding: ${f.message}`);
  }
  const firstError = verdict.findings.find((f) => f.severity === 'error');
  if (verdict.accepted !== !firstError) out.push(`${label}: accepted=${verdict.accepted} but ${firstError ? 'an error finding is present' : 'no error finding'}`);
  const expectedCode = !firstError ? 'I0' : firstError.code === 'E061510' && mpanRuleCode !== undefined ? mpanRuleCode : firstError.code;
  if (verdict.responseCode !== expectedCode) out.push(`${label}: responseCode ${verdict.responseCode}, expected ${expectedCode}`);
  return out;
}

function timed<T>(call: () => T): { value?: T; error?: unknown; ms: number } {
  const start = performance.now();
  try {
    const value = call();
    return { value, ms: performance.now() - start };
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
}

/** Properties 1-5 and 7 through the synchronous API. */
export function checkSync(input: Input, setup: Setup = {}): SyncOutcome {
  const violations: string[] = [];
  const options = setup.options ?? {};
  const mpanRuleCode = options.mpanRuleCode;
  const cold = timed(() => validateRequest(input, setup.context, { ...options, certificateCache: createCertificateCache() }));
  const warm1 = timed(() => validateRequest(input, setup.context, { ...options, certificateCache: sharedCache }));
  const warm2 = timed(() => validateRequest(input, setup.context, { ...options, certificateCache: sharedCache }));
  const parsed1 = timed(() => parseRequest(input, options.limits ? { limits: options.limits } : {}));
  const parsed2 = timed(() => parseRequest(input, options.limits ? { limits: options.limits } : {}));

  if (prototypesTouched()) violations.push('a prototype gained or lost a property during validation (prototype pollution)');
  for (const [label, r] of [['validateRequest', cold], ['validateRequest (warm cache)', warm1], ['validateRequest (again)', warm2], ['parseRequest', parsed1], ['parseRequest (again)', parsed2]] as const) {
    if ('error' in r && r.error !== undefined) violations.push(`${label} threw ${describeError(r.error)}`);
  }
  if (violations.length > 0) return { violations };

  const verdict = cold.value!;
  violations.push(...verdictViolations(verdict, mpanRuleCode, 'validateRequest'));
  if (!isDeepStrictEqual(verdict, warm1.value)) violations.push('validateRequest is not deterministic (cold vs warm certificate cache)');
  if (!isDeepStrictEqual(warm1.value, warm2.value)) violations.push('validateRequest is not deterministic (same input twice)');

  const parsed = parsed1.value!;
  if (!isDeepStrictEqual(parsed.ok ? parsed.request : parsed.findings, parsed2.value!.ok ? parsed2.value!.request : parsed2.value!.findings)) {
    violations.push('parseRequest is not deterministic');
  }
  if (!parsed.ok) {
    for (const f of parsed.findings) {
      if (!STRUCTURAL.has(f.code)) violations.push(`parseRequest gave non-structural code ${f.code}`);
    }
    if (parsed.findings.length === 0) violations.push('parseRequest failed without a finding');
    const contextOk = resolveContext(setup.context).ok;
    if (contextOk && !isDeepStrictEqual(verdict.findings, parsed.findings)) {
      violations.push('validateRequest findings differ from parseRequest findings on a structural failure');
    }
    if (verdict.accepted) violations.push('accepted although parseRequest failed');
  } else {
    // One parse: nothing after the structural checks may find a structural problem.
    const structural = verdict.findings.find((f) => STRUCTURAL.has(f.code));
    if (structural) violations.push(`parseRequest succeeded but the verdict has ${structural.code}: ${structural.message}`);
  }
  return { violations, verdict };
}

/** Property 6: the async validator agrees with `validateRequest` and never rejects. */
export async function checkAsync(input: Input, setup: Setup = {}, expected?: Verdict): Promise<string[]> {
  const violations: string[] = [];
  const options = setup.options ?? {};
  const resolved = resolveContext(setup.context);
  if (!resolved.ok) return violations; // createValidator throws a TypeError for a bad static context, by design
  const { users, devices, networkOperators } = resolved.context;
  const now = setup.context?.now;
  const variants: [string, Parameters<typeof createValidator>[0]][] = [
    ['static context', { ...options, ...(setup.context ? { context: setup.context } : {}) }],
    [
      'async lookups',
      {
        ...options,
        ...(now === undefined ? {} : { context: { now } }),
        lookupUser: async (id) => users.get(id),
        lookupDevice: async (id) => devices.get(id),
        lookupNetworkOperators: (distributorId) => networkOperators.get(distributorId),
      },
    ],
  ];
  for (const [label, config] of variants) {
    try {
      const verdict = await createValidator(config).validate(input);
      violations.push(...verdictViolations(verdict, options.mpanRuleCode, `validator (${label})`));
      if (expected && !isDeepStrictEqual(verdict, expected)) {
        violations.push(
          `validator (${label}) disagrees with validateRequest: ${verdict.responseCode} [${verdict.findings.map((f) => f.code)}] vs ${expected.responseCode} [${expected.findings.map((f) => f.code)}]`,
        );
      }
    } catch (error) {
      violations.push(`validator (${label}) rejected: ${describeError(error)}`);
    }
  }
  try {
    const failing = createValidator({
      ...options,
      lookupUser: () => {
        throw new Error('database down');
      },
      lookupDevice: async () => Promise.reject(new Error('inventory down')),
    });
    const verdict = await failing.validate(input);
    violations.push(...verdictViolations(verdict, options.mpanRuleCode, 'validator (failing lookups)'));
    if (verdict.accepted) violations.push('validator (failing lookups) accepted');
    const code = verdict.findings[0]?.code;
    // With signers configured the signature is checked before any lookup.
    if (code !== 'LOOKUP_FAILED' && !STRUCTURAL.has(code ?? '') && !/^SIGN(ATURE|ER)_/.test(code ?? '')) {
      violations.push(`validator (failing lookups) answered ${code}, expected LOOKUP_FAILED, a structural or a signature code`);
    }
  } catch (error) {
    violations.push(`validator (failing lookups) rejected: ${describeError(error)}`);
  }
  return violations;
}

/** Every property, sync and async. */
export async function checkAll(input: Input, setup: Setup = {}): Promise<SyncOutcome> {
  const sync = checkSync(input, setup);
  const asyncViolations = await checkAsync(input, setup, sync.verdict);
  return { ...sync, violations: [...sync.violations, ...asyncViolations] };
}

/**
 * What must not change under a semantics-preserving rewrite: the whole verdict, request model included, except the
 * ds:Signature element the model keeps as parsed (its prefixes and whitespace are the document's own).
 */
export function sameVerdict(a: Verdict, b: Verdict): boolean {
  return isDeepStrictEqual(withoutSignatureTree(a), withoutSignatureTree(b));
}

function withoutSignatureTree(verdict: Verdict): Verdict {
  if (!verdict.request?.signature) return verdict;
  const { signature: _signature, ...request } = verdict.request;
  return { ...verdict, request };
}

export function summarize(verdict: Verdict | undefined): string {
  if (!verdict) return '(no verdict)';
  return `${verdict.responseCode} [${verdict.findings.map((f) => `${f.code}${f.path ? `@${f.path}` : ''}`).join(', ')}]`;
}

// ---- signatures -----------------------------------------------------------------------------------------------

/** Semantics-preserving rewrites that also keep the canonical form (C14N without comments) of the document. */
export const C14N_PRESERVING: ReadonlySet<Rewrite['op']> = new Set<Rewrite['op']>([
  'attributeOrder',
  'quotes',
  'tagWhitespace',
  'declaration',
  'lineEndings',
  'cdata',
  'characterReferences',
  'redeclare',
]);

/** Semantics-preserving rewrites that change the canonical form: a signature over the original cannot verify. */
export const C14N_CHANGING: ReadonlySet<Rewrite['op']> = new Set<Rewrite['op']>(['whitespace', 'valueWhitespace', 'prefix', 'base64']);

type Request = NonNullable<Verdict['request']>;

function sameRequest(a: Request | undefined, b: Request | undefined): boolean {
  const strip = (r: Request | undefined) => {
    if (!r) return r;
    const { signature: _signature, ...rest } = r;
    return rest;
  };
  return isDeepStrictEqual(strip(a), strip(b));
}

/**
 * Property 8 for a mutant of a signed request (`signed`: the original text), validated with `setup` (which must
 * configure `signers`). A verified signature must carry the signed request: both the request the rules ran on and
 * the one `parseRequest` reads from the mutant must equal the original's.
 */
export function signedMutantViolations(signed: string, mutant: Input, setup: Setup): { violations: string[]; verified: boolean } {
  const original = parseRequest(signed);
  if (!original.ok) return { violations: ['the signed seed does not parse'], verified: false };
  let verdict: Verdict;
  try {
    verdict = validateRequest(mutant, setup.context, setup.options);
  } catch (error) {
    return { violations: [`validateRequest threw ${describeError(error)}`], verified: false };
  }
  if (verdict.signature?.verified !== true) return { violations: [], verified: false };
  const violations: string[] = [];
  if (!sameRequest(verdict.request, original.request)) {
    violations.push('the signature verified, but the request the rules ran on is not the request that was signed');
  }
  const reread = parseRequest(mutant);
  if (reread.ok && !sameRequest(reread.request, original.request)) {
    violations.push('the signature verified, but the document reads as another request than the one that was signed');
  }
  return { violations, verified: true };
}
