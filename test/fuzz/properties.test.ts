/**
 * Property-based tests of the whole pipeline (fast-check, fixed seed, about 3,000 cases). The properties themselves
 * live in invariants.ts and the mutation operators in mutators.ts, shared with `npm run fuzz` (scripts/fuzz.ts),
 * which runs the same properties for minutes and saves failing inputs under test/regressions/.
 *
 * A failure prints fast-check's seed, path and shrunk counterexample; replay it with
 * `fc.assert(..., { seed, path })` or save it as a regression fixture.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { validateRequest, type ValidationContext } from '../../src/index.js';
import { exampleContext } from '../support/fixtures.js';
import { fixtureSigners, setupArbitrary, stringInputArbitrary, xmlDocumentArbitrary } from './arbitraries.js';
import { C14N_CHANGING, C14N_PRESERVING, checkAll, checkSync, sameVerdict, signedMutantViolations, summarize, type Setup } from './invariants.js';
import { applyByteMutations, applyMutations, applyRewrites, byteMutationArbitrary, mutationArbitrary, rewriteArbitrary } from './mutators.js';
import { allSeeds, fixtureSeeds, signedSeeds } from './seeds.js';

const SEED = 0x0d015; // fixed: CI runs the same cases every time

function expectNoViolations(violations: readonly string[], input: string | Uint8Array): void {
  if (violations.length > 0) {
    const shown = typeof input === 'string' ? input : Buffer.from(input).toString('latin1');
    expect.fail(`${violations.join('\n')}\ninput (${shown.length} chars): ${JSON.stringify(shown.slice(0, 600))}`);
  }
}

describe('properties over the whole pipeline', () => {
  const fixtures = fixtureSeeds();
  const seeds = allSeeds();

  it('arbitrary strings (400)', () => {
    fc.assert(
      fc.property(stringInputArbitrary, setupArbitrary, (input, setup) => {
        const outcome = checkSync(input, setup);
        expectNoViolations(outcome.violations, input);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('arbitrary bytes, and fixtures with bytes set, inserted or deleted (600)', () => {
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      fc.tuple(fc.constantFrom(...fixtures), fc.array(byteMutationArbitrary, { minLength: 1, maxLength: 4 })).map(([seed, edits]) => applyByteMutations(seed.xml, edits)),
    );
    fc.assert(
      fc.property(input, setupArbitrary, (bytes, setup) => {
        const outcome = checkSync(bytes, setup);
        expectNoViolations(outcome.violations, bytes);
      }),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('arbitrary XML documents (500)', () => {
    fc.assert(
      fc.property(xmlDocumentArbitrary, setupArbitrary, (xml, setup) => {
        const outcome = checkSync(xml, setup);
        expectNoViolations(outcome.violations, xml);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('structure-aware mutants of valid requests, through the sync and the async API (800)', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }), setupArbitrary, async (i, mutations, setup) => {
        const xml = applyMutations(seeds[i]!.doc, mutations);
        const outcome = await checkAll(xml, setup);
        expectNoViolations(outcome.violations, xml);
        if (outcome.verdict?.accepted) accepted++;
      }),
      { seed: SEED, numRuns: 800 },
    );
    // The mutants must reach the rules, not only the parser: some still pass everything.
    expect(accepted).toBeGreaterThan(20);
  });

  it('semantics-preserving rewrites of valid requests do not change the verdict (500)', () => {
    const contexts: (ValidationContext | undefined)[] = [exampleContext(), undefined];
    const options = fc.record({ mode: fc.constantFrom('first' as const, 'all' as const), profile: fc.constantFrom('strict' as const, 'dcc' as const) });
    fc.assert(
      fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(rewriteArbitrary, { minLength: 1, maxLength: 5 }), fc.constantFrom(...contexts), options, (i, rewrites, context, opts) => {
        const seed = seeds[i]!;
        const rewritten = applyRewrites(seed.doc, rewrites);
        const before = validateRequest(seed.xml, context, opts);
        const outcome = checkSync(rewritten, { ...(context ? { context } : {}), options: opts });
        expectNoViolations(outcome.violations, rewritten);
        const after = outcome.verdict!;
        if (!sameVerdict(before, after)) {
          expect.fail(`verdict changed under ${JSON.stringify(rewrites)} of ${seed.name}: ${summarize(before)} -> ${summarize(after)}\n${rewritten.slice(0, 1500)}`);
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('the fixtures the rewrites start from include accepted requests', () => {
    const context = exampleContext();
    expect(fixtures.filter((s) => validateRequest(s.xml, context).accepted).length).toBeGreaterThanOrEqual(5);
  });

  it('arbitrary values as input and as context never throw (300)', () => {
    fc.assert(
      fc.property(fc.anything(), fc.oneof(fc.constant(undefined), fc.anything(), fc.constant(exampleContext())), (input, context) => {
        const verdict = validateRequest(input as string, context as ValidationContext);
        expect(verdict.accepted).toBe(false);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  describe('signed requests, with the fixture XML-signing certificates as signers', () => {
    const signed = signedSeeds();
    const context = exampleContext();
    const options = fc.record({ mode: fc.constantFrom('first' as const, 'all' as const), profile: fc.constantFrom('strict' as const, 'dcc' as const) });
    const setupFor = (opts: { mode: 'first' | 'all'; profile: 'strict' | 'dcc' }): Setup => ({ context, options: { ...opts, signers: fixtureSigners() } });

    it('the signed fixtures verify and are accepted', () => {
      expect(signed.length).toBeGreaterThanOrEqual(2);
      for (const seed of signed) {
        const verdict = validateRequest(seed.xml, context, { signers: fixtureSigners() });
        expect(verdict.signature?.verified, seed.name).toBe(true);
        expect(verdict.accepted, seed.name).toBe(true);
      }
    });

    it('structure-aware mutants: a verified signature always carries the request that was signed (600)', () => {
      let verified = 0;
      fc.assert(
        fc.property(fc.nat({ max: signed.length - 1 }), fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }), options, (i, mutations, opts) => {
          const seed = signed[i]!;
          const xml = applyMutations(seed.doc, mutations);
          const setup = setupFor(opts);
          const outcome = checkSync(xml, setup);
          expectNoViolations(outcome.violations, xml);
          const signature = signedMutantViolations(seed.xml, xml, setup);
          expectNoViolations(signature.violations, xml);
          if (signature.verified) verified++;
        }),
        { seed: SEED, numRuns: 600 },
      );
      // Comments, processing instructions outside the signed content and edits inside KeyInfo keep a signature valid.
      expect(verified).toBeGreaterThan(10);
    });

    it('rewrites that keep the canonical form keep the signature verified and the verdict (300)', () => {
      const preserving = rewriteArbitrary.filter((r) => C14N_PRESERVING.has(r.op));
      fc.assert(
        fc.property(fc.nat({ max: signed.length - 1 }), fc.array(preserving, { minLength: 1, maxLength: 4 }), options, (i, rewrites, opts) => {
          const seed = signed[i]!;
          const xml = applyRewrites(seed.doc, rewrites);
          const setup = setupFor(opts);
          const before = validateRequest(seed.xml, setup.context, setup.options);
          const outcome = checkSync(xml, setup);
          expectNoViolations(outcome.violations, xml);
          if (!sameVerdict(before, outcome.verdict!)) {
            expect.fail(`verdict changed under ${JSON.stringify(rewrites)} of ${seed.name}: ${summarize(before)} -> ${summarize(outcome.verdict)}\n${xml.slice(0, 3000)}`);
          }
        }),
        { seed: SEED, numRuns: 300 },
      );
    });

    it('rewrites that change the canonical form break the signature (200)', () => {
      const changing = rewriteArbitrary.filter((r) => C14N_CHANGING.has(r.op));
      fc.assert(
        fc.property(fc.nat({ max: signed.length - 1 }), fc.array(changing, { minLength: 1, maxLength: 3 }), options, (i, rewrites, opts) => {
          const seed = signed[i]!;
          const xml = applyRewrites(seed.doc, rewrites);
          fc.pre(xml !== seed.xml);
          const verdict = validateRequest(xml, context, setupFor(opts).options);
          if (verdict.signature?.verified) expect.fail(`still verified after ${JSON.stringify(rewrites)} of ${seed.name}\n${xml.slice(0, 3000)}`);
          expect(verdict.findings[0]?.code).toMatch(/^SIGNATURE_/);
        }),
        { seed: SEED, numRuns: 200 },
      );
    });
  });
});
