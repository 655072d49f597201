/**
 * `npm run fuzz`: a long fuzzing campaign with a time budget.
 *
 *   tsx scripts/fuzz.ts [--seconds 300] [--seed N] [--mutants 10000] [--out test/regressions] [--max-saved 40]
 *
 * Alternates two kinds of rounds until the time is up (and at least --mutants differential mutants were checked):
 * - property rounds: the properties of test/fuzz/invariants.ts over arbitrary strings, bytes, XML documents,
 *   structure-aware mutants of the valid requests (sync and async API), semantics-preserving rewrites, and mutants
 *   and rewrites of signed requests with the fixture signers configured (a verified signature must carry the
 *   signed request), with fast-check shrinking each counterexample;
 * - differential rounds: 1,000 structurally mutated 6.15.1 requests each, judged by parseRequest and by libxml2
 *   against DCC's DUIS XSD V5.4 (skipped when ../shared/reference/duis is absent);
 * - infoset rounds: 1,200 mutants of the fixtures and RTDS templates each (PIs, comments, CDATA, quotes,
 *   references, Unicode, namespace declarations inserted), read by the library, @xmldom/xmldom and libxml2, on the
 *   input and on its canonical forms (test/infoset/differential.ts): any reading that differs is a failure.
 *
 * Every failing input is saved as test/regressions/fuzz-<hash>.xml with a JSON note (a few per kind of failure), and
 * test/regressions/regressions.test.ts replays them. Exit code 1 when anything failed.
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { validateRequest } from '../src/index.js';
import { setupSpecArbitrary, stringInputArbitrary, toSetup, xmlDocumentArbitrary, type SetupSpec } from '../test/fuzz/arbitraries.js';
import { describeDisagreement, generateMutants, judge, type Judgement } from '../test/fuzz/differential.js';
import { C14N_CHANGING, C14N_PRESERVING, checkAll, checkSync, sameVerdict, signedMutantViolations, summarize, type Input } from '../test/fuzz/invariants.js';
import { applyByteMutations, applyMutations, applyRewrites, byteMutationArbitrary, mutationArbitrary, rewriteArbitrary } from '../test/fuzz/mutators.js';
import { allSeeds, signedSeeds, type Seed } from '../test/fuzz/seeds.js';
import { REGRESSIONS_DIR, saveInput, type SavedNote } from '../test/regressions/saved-inputs.js';
import { fixtureSubjects, mutants as infosetMutants, templateSubjects } from '../test/infoset/corpus.js';
import { runDifferential } from '../test/infoset/differential.js';
import { OFFICIAL_SCHEMA_AVAILABLE } from '../test/support/xmllint.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '300' },
    seed: { type: 'string' },
    mutants: { type: 'string', default: '10000' },
    out: { type: 'string', default: REGRESSIONS_DIR },
    'max-saved': { type: 'string', default: '40' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('usage: tsx scripts/fuzz.ts [--seconds 300] [--seed N] [--mutants 10000] [--out DIR] [--max-saved 40]');
  process.exit(0);
}
const budgetMs = Number(values.seconds) * 1000;
const campaignSeed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const minMutants = Number(values.mutants);
const outDir = values.out!;
const maxSaved = Number(values['max-saved']);
for (const [name, value] of [['--seconds', budgetMs], ['--seed', campaignSeed], ['--mutants', minMutants], ['--max-saved', maxSaved]] as const) {
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
}

// A check (about five validations of an input of at most 64 KiB) takes a few milliseconds; this slow on three
// tries is a finding.
const SLOW_MS = 250;
const PROPERTY_RUNS = 400;
const DIFFERENTIAL_BATCH = 1000;
const PER_CLASS = 2;

const seeds = allSeeds();
const fixtures = seeds.filter((s) => s.name.startsWith('fixtures/'));
const signed = signedSeeds();
const started = performance.now();
const elapsed = (): number => performance.now() - started;

// ---- saving ---------------------------------------------------------------------------------------------------

const savedByClass = new Map<string, number>();
const saved: string[] = [];
const failureClasses = new Map<string, number>();

/** The shape of a failure, without the values: one class per kind of bug. */
function classOf(kind: string, message: string): string {
  const shape = message
    .split('\n')[0]!
    .replace(/'[^']*'|"[^"]*"/g, '…')
    .replace(/\b\d+(?:\.\d+)?\b/g, '#')
    .slice(0, 160);
  return `${kind}: ${shape}`;
}

function record(kind: SavedNote['kind'], input: Input, note: Omit<SavedNote, 'kind' | 'inputType' | 'string' | 'found'>): void {
  const key = classOf(kind, note.violations[0] ?? '');
  failureClasses.set(key, (failureClasses.get(key) ?? 0) + 1);
  const count = savedByClass.get(key) ?? 0;
  if (count >= PER_CLASS || saved.length >= maxSaved) return;
  const name = saveInput(outDir, input, { kind, ...note });
  if (name) {
    savedByClass.set(key, count + 1);
    saved.push(name);
  }
}

// ---- property generators --------------------------------------------------------------------------------------

interface Generator<T> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  readonly input: (value: T) => Input;
  readonly setup: (value: T) => SetupSpec;
  /** Violations of this case (empty when it passes). */
  readonly check: (value: T) => Promise<{ kind: SavedNote['kind']; violations: string[] }>;
  readonly origin: (value: T) => Omit<SavedNote['origin'], 'generator' | 'campaignSeed'>;
  readonly base?: (value: T) => string;
}

/** Milliseconds one synchronous check of `input` takes (it runs about five validations and parses). */
function checkMs(input: Input, setup: ReturnType<typeof toSetup>): number {
  const start = performance.now();
  checkSync(input, setup);
  return performance.now() - start;
}

async function standard(input: Input, spec: SetupSpec, withAsync: boolean): Promise<{ kind: SavedNote['kind']; violations: string[] }> {
  const setup = toSetup(spec);
  const start = performance.now();
  const outcome = withAsync ? await checkAll(input, setup) : checkSync(input, setup);
  const ms = performance.now() - start;
  if (outcome.violations.length > 0) return { kind: 'property', violations: outcome.violations };
  if (ms > SLOW_MS) {
    // Garbage collection or a busy machine can stall one call: only a case slow on three tries counts.
    const fastest = Math.min(checkMs(input, setup), checkMs(input, setup), checkMs(input, setup));
    if (fastest > SLOW_MS) return { kind: 'slow', violations: [`checking took ${fastest.toFixed(0)} ms (bound ${SLOW_MS} ms)`] };
  }
  return { kind: 'property', violations: [] };
}

type Mutated = [seedIndex: number, edits: readonly unknown[], spec: SetupSpec];

/**
 * Canonical-form-changing rewrites first: a preserving one applied before could turn them into no-ops (a character
 * reference makes a certificate's text no longer plain base64, so the line-wrapping rewrite skips it).
 */
function canonicalChangesFirst(rewrites: Parameters<typeof applyRewrites>[1]): Parameters<typeof applyRewrites>[1] {
  return [...rewrites.filter((x) => C14N_CHANGING.has(x.op)), ...rewrites.filter((x) => !C14N_CHANGING.has(x.op))];
}

const signedSetup: fc.Arbitrary<SetupSpec> = fc.record({
  context: fc.constant('example' as const),
  signers: fc.constant(true),
  options: fc.record({ mode: fc.constantFrom('first' as const, 'all' as const), profile: fc.constantFrom('strict' as const, 'dcc' as const) }),
});

const generators: Generator<any>[] = [
  {
    name: 'strings',
    arbitrary: fc.tuple(stringInputArbitrary, setupSpecArbitrary),
    input: ([s]: [string, SetupSpec]) => s,
    setup: ([, spec]: [string, SetupSpec]) => spec,
    check: ([s, spec]: [string, SetupSpec]) => standard(s, spec, false),
    origin: () => ({}),
  } satisfies Generator<[string, SetupSpec]>,
  {
    name: 'bytes',
    arbitrary: fc.tuple(
      fc.oneof(
        fc.uint8Array({ maxLength: 600 }),
        fc.tuple(fc.nat({ max: fixtures.length - 1 }), fc.array(byteMutationArbitrary, { minLength: 1, maxLength: 4 })).map(([i, edits]) => applyByteMutations(fixtures[i]!.xml, edits)),
      ),
      setupSpecArbitrary,
    ),
    input: ([b]: [Uint8Array, SetupSpec]) => b,
    setup: ([, spec]: [Uint8Array, SetupSpec]) => spec,
    check: ([b, spec]: [Uint8Array, SetupSpec]) => standard(b, spec, false),
    origin: () => ({}),
  } satisfies Generator<[Uint8Array, SetupSpec]>,
  {
    name: 'xml-documents',
    arbitrary: fc.tuple(xmlDocumentArbitrary, setupSpecArbitrary),
    input: ([s]: [string, SetupSpec]) => s,
    setup: ([, spec]: [string, SetupSpec]) => spec,
    check: ([s, spec]: [string, SetupSpec]) => standard(s, spec, false),
    origin: () => ({}),
  } satisfies Generator<[string, SetupSpec]>,
  {
    name: 'mutants',
    arbitrary: fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }), setupSpecArbitrary),
    input: ([i, m]: Mutated) => applyMutations(seeds[i]!.doc, m as never),
    setup: ([, , spec]: Mutated) => spec,
    check: ([i, m, spec]: Mutated) => standard(applyMutations(seeds[i]!.doc, m as never), spec, true),
    origin: ([i, m]: Mutated) => ({ seedRequest: seeds[i]!.name, edits: m }),
  } satisfies Generator<Mutated>,
  {
    name: 'rewrites',
    arbitrary: fc.tuple(
      fc.nat({ max: seeds.length - 1 }),
      fc.array(rewriteArbitrary, { minLength: 1, maxLength: 5 }),
      fc.record({
        context: fc.constantFrom('example' as const, 'none' as const),
        options: fc.record({ mode: fc.constantFrom('first' as const, 'all' as const), profile: fc.constantFrom('strict' as const, 'dcc' as const) }),
      }),
    ),
    input: ([i, r]: Mutated) => applyRewrites(seeds[i]!.doc, r as never),
    setup: ([, , spec]: Mutated) => spec,
    check: async ([i, r, spec]: Mutated) => {
      const seed: Seed = seeds[i]!;
      const rewritten = applyRewrites(seed.doc, r as never);
      const result = await standard(rewritten, spec, false);
      if (result.violations.length > 0) return result;
      const setup = toSetup(spec);
      const before = validateRequest(seed.xml, setup.context, setup.options);
      const after = validateRequest(rewritten, setup.context, setup.options);
      return sameVerdict(before, after) ? result : { kind: 'rewrite', violations: [`verdict changed under rewrites: ${summarize(before)} -> ${summarize(after)}`] };
    },
    origin: ([i, r]: Mutated) => ({ seedRequest: seeds[i]!.name, edits: r }),
    base: ([i]: Mutated) => seeds[i]!.name,
  } satisfies Generator<Mutated>,
  {
    name: 'signed-mutants',
    arbitrary: fc.tuple(fc.nat({ max: signed.length - 1 }), fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }), signedSetup),
    input: ([i, m]: Mutated) => applyMutations(signed[i]!.doc, m as never),
    setup: ([, , spec]: Mutated) => spec,
    check: async ([i, m, spec]: Mutated) => {
      const xml = applyMutations(signed[i]!.doc, m as never);
      const result = await standard(xml, spec, false);
      if (result.violations.length > 0) return result;
      const signature = signedMutantViolations(signed[i]!.xml, xml, toSetup(spec));
      return signature.violations.length > 0 ? { kind: 'signature', violations: signature.violations } : result;
    },
    origin: ([i, m]: Mutated) => ({ seedRequest: signed[i]!.name, edits: m }),
    base: ([i]: Mutated) => signed[i]!.name,
  } satisfies Generator<Mutated>,
  {
    name: 'signed-rewrites',
    arbitrary: fc.tuple(fc.nat({ max: signed.length - 1 }), fc.array(rewriteArbitrary, { minLength: 1, maxLength: 4 }), signedSetup),
    input: ([i, r]: Mutated) => applyRewrites(signed[i]!.doc, canonicalChangesFirst(r as never)),
    setup: ([, , spec]: Mutated) => spec,
    check: async ([i, r, spec]: Mutated) => {
      const seed = signed[i]!;
      const rewrites = canonicalChangesFirst(r as never);
      const xml = applyRewrites(seed.doc, rewrites);
      const result = await standard(xml, spec, false);
      if (result.violations.length > 0) return result;
      const setup = toSetup(spec);
      const before = validateRequest(seed.xml, setup.context, setup.options);
      const after = validateRequest(xml, setup.context, setup.options);
      if (rewrites.every((x) => C14N_PRESERVING.has(x.op)) && !sameVerdict(before, after)) {
        return { kind: 'signature', violations: [`verdict changed under canonical-form-preserving rewrites: ${summarize(before)} -> ${summarize(after)}`] };
      }
      const changing = rewrites.filter((x) => C14N_CHANGING.has(x.op));
      if (changing.length > 0 && applyRewrites(seed.doc, changing) !== seed.xml && after.signature?.verified) {
        return { kind: 'signature', violations: ['still verified after rewrites that change the canonical form'] };
      }
      return result;
    },
    origin: ([i, r]: Mutated) => ({ seedRequest: signed[i]!.name, edits: r }),
    base: ([i]: Mutated) => signed[i]!.name,
  } satisfies Generator<Mutated>,
];

const propertyCounts = new Map<string, { cases: number; failures: number }>(generators.map((g) => [g.name, { cases: 0, failures: 0 }]));

async function propertyRound(round: number): Promise<void> {
  for (const [g, generator] of generators.entries()) {
    const seed = (campaignSeed + round * 101 + g * 7) % 2 ** 31;
    const details = await fc.check(
      fc.asyncProperty(generator.arbitrary, async (value) => {
        const result = await generator.check(value);
        if (result.violations.length > 0) throw new Error(result.violations.join('\n'));
      }),
      { seed, numRuns: PROPERTY_RUNS, endOnFailure: false },
    );
    const counts = propertyCounts.get(generator.name)!;
    counts.cases += details.numRuns;
    if (details.failed && details.counterexample) {
      counts.failures++;
      const [value] = details.counterexample as [unknown];
      const result = await generator.check(value);
      const violations = result.violations.length > 0 ? result.violations : [String(details.errorInstance ?? 'failed (not reproduced on replay)')];
      record(result.kind, generator.input(value), {
        violations,
        setup: generator.setup(value),
        ...(generator.base ? { base: generator.base(value) } : {}),
        origin: { generator: generator.name, campaignSeed: seed, ...generator.origin(value) },
      });
      console.error(`  ! ${generator.name} (seed ${seed}, path ${details.counterexamplePath}): ${violations[0]?.split('\n')[0]}`);
    }
  }
}

// ---- differential rounds --------------------------------------------------------------------------------------

const differential = { mutants: 0, agree: 0, xsdValid: 0, oursValid: 0, disagreements: 0, exceptions: new Map<string, number>() };

async function differentialRound(batch: number): Promise<void> {
  const seed = (campaignSeed + 7919 * (batch + 1)) % 2 ** 31;
  const report = await judge(generateMutants(seeds, DIFFERENTIAL_BATCH, seed, `b${batch}-`));
  differential.mutants += report.total;
  differential.agree += report.agree;
  differential.xsdValid += report.xsdValid;
  differential.oursValid += report.oursValid;
  differential.disagreements += report.disagreements.length;
  for (const [name, n] of report.exceptions) differential.exceptions.set(name, (differential.exceptions.get(name) ?? 0) + n);
  for (const j of report.disagreements) saveDisagreement(j, seed);
}

function saveDisagreement(j: Judgement, seed: number): void {
  const first = j.ours.ok ? `ours accepts, libxml2 rejects: ${j.xsd.errors[0] ?? ''}` : `ours rejects (${j.ours.findings[0]?.code}: ${j.ours.findings[0]?.message}), libxml2 accepts`;
  record('differential', j.mutant.xml, {
    violations: [first, describeDisagreement(j)],
    origin: { generator: 'differential', campaignSeed: seed, seedRequest: j.mutant.seed, edits: j.mutant.edits },
    libxml2: { valid: j.xsd.valid, errors: j.xsd.errors },
    ours: { ok: j.ours.ok, findings: j.ours.ok ? [] : j.ours.findings.map((f) => f.message) },
  });
}

// ---- infoset rounds -------------------------------------------------------------------------------------------

const INFOSET_BATCH = 1200;
const infosetSeeds = [...fixtureSubjects(), ...templateSubjects()];
const infoset = { documents: 0, agreed: 0, refusedByOthers: 0, refusedByLibraryOnly: 0, problems: 0 };

async function infosetRound(batch: number): Promise<void> {
  const seed = (campaignSeed + 104729 * (batch + 1)) % 2 ** 31;
  const report = await runDifferential(infosetMutants(infosetSeeds, INFOSET_BATCH, seed));
  infoset.documents += report.documents;
  infoset.agreed += report.agreed;
  infoset.refusedByOthers += report.refusedByOthers;
  infoset.refusedByLibraryOnly += [...report.refusedByLibraryOnly.values()].reduce((a, b) => a + b, 0);
  infoset.problems += report.problems.length;
  for (const problem of report.problems) {
    record('infoset', problem.xml, { violations: [problem.problem], origin: { generator: 'infoset', campaignSeed: seed, seedRequest: problem.label } });
  }
}

// ---- the campaign ---------------------------------------------------------------------------------------------

console.log(
  `fuzz campaign: seed ${campaignSeed}, budget ${budgetMs / 1000} s, at least ${OFFICIAL_SCHEMA_AVAILABLE ? minMutants : 0} differential mutants, ` +
    `${seeds.length} seed requests, node ${process.version}`,
);
if (!OFFICIAL_SCHEMA_AVAILABLE) console.log('  DUIS XSD V5.4 not found in ../shared/reference/duis: differential rounds skipped');

let propertyMs = 0;
let differentialMs = 0;
let infosetMs = 0;
let round = 0;
let batch = 0;
let infosetBatch = 0;
let lastProgress = 0;
while (true) {
  const needMutants = OFFICIAL_SCHEMA_AVAILABLE && differential.mutants < minMutants;
  if (elapsed() >= budgetMs && !needMutants) break;
  // Differential rounds get a third of the time once the minimum is reached.
  const doDifferential = OFFICIAL_SCHEMA_AVAILABLE && (needMutants ? differentialMs <= propertyMs * 2 || elapsed() >= budgetMs : differentialMs < propertyMs / 2);
  const start = performance.now();
  if (doDifferential) {
    await differentialRound(batch++);
    differentialMs += performance.now() - start;
  } else if (infosetMs < propertyMs / 2) {
    // The infoset differential gets a third of the property rounds' time.
    await infosetRound(infosetBatch++);
    infosetMs += performance.now() - start;
  } else {
    await propertyRound(round++);
    propertyMs += performance.now() - start;
  }
  if (elapsed() - lastProgress > 10_000) {
    lastProgress = elapsed();
    const cases = [...propertyCounts.values()].reduce((n, c) => n + c.cases, 0);
    console.error(`  ${(elapsed() / 1000).toFixed(0)} s: ${cases} property cases, ${differential.mutants} mutants, ${failureClasses.size} failure classes`);
  }
}

// ---- report ---------------------------------------------------------------------------------------------------

const totalCases = [...propertyCounts.values()].reduce((n, c) => n + c.cases, 0);
console.log(`\nproperties: ${totalCases} cases in ${(propertyMs / 1000).toFixed(1)} s`);
for (const [name, c] of propertyCounts) console.log(`  ${name.padEnd(14)} ${String(c.cases).padStart(8)} cases, ${c.failures} failing runs`);
if (OFFICIAL_SCHEMA_AVAILABLE) {
  const explained = differential.mutants - differential.agree - differential.disagreements;
  const pct = (n: number): string => `${((100 * n) / Math.max(1, differential.mutants)).toFixed(2)}%`;
  console.log(`\ndifferential (parseRequest vs DUIS XSD V5.4 via libxml2): ${differential.mutants} mutants in ${(differentialMs / 1000).toFixed(1)} s`);
  console.log(`  agreement          ${differential.agree} (${pct(differential.agree)})`);
  console.log(`  documented exceptions ${explained} (${pct(explained)}): ${[...differential.exceptions].map(([n, k]) => `${n} ${k}`).join(', ') || 'none'}`);
  console.log(`  disagreements      ${differential.disagreements} (${pct(differential.disagreements)})`);
  console.log(`  libxml2 valid ${differential.xsdValid}, ours valid ${differential.oursValid}`);
}
console.log(
  `\ninfoset (library vs xmldom vs libxml2): ${infoset.documents} documents in ${(infosetMs / 1000).toFixed(1)} s: ${infoset.agreed} read alike, ` +
    `${infoset.refusedByOthers} refused by the library and another, ${infoset.refusedByLibraryOnly} by the library only, ${infoset.problems} problems`,
);
console.log(`\nfailure classes: ${failureClasses.size}`);
for (const [key, n] of [...failureClasses].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(6)}  ${key}`);
console.log(saved.length > 0 ? `saved ${saved.length} input(s) in ${outDir}: ${saved.join(', ')}` : 'nothing saved');
console.log(`total ${(elapsed() / 1000).toFixed(1)} s`);
process.exitCode = failureClasses.size > 0 ? 1 : 0;
