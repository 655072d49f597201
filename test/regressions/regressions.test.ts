/**
 * Replays every input `npm run fuzz` saved here (fuzz-<hash>.xml + .json), asserting the properties of
 * test/fuzz/invariants.ts under the setup it failed with; a `rewrite` input must give the verdict of its base
 * request; a `signature` input must not verify with another request than its signed base; an `infoset` input must
 * be read alike by the library, xmldom and libxml2 (or refused by the library); a `differential` input must no
 * longer be an unexplained disagreement with DUIS XSD V5.4 (when the reference schema is present). A `slow` input
 * is replayed for its properties only: timing belongs in `npm run bench`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { validateRequest } from '../../src/index.js';
import { OFFICIAL_SCHEMA_AVAILABLE } from '../support/xmllint.js';
import { toSetup, type SetupSpec } from '../fuzz/arbitraries.js';
import { describeDisagreement, judge, type DifferentialReport } from '../fuzz/differential.js';
import { checkAll, sameVerdict, signedMutantViolations, summarize } from '../fuzz/invariants.js';
import { allSeeds } from '../fuzz/seeds.js';
import { runDifferential } from '../infoset/differential.js';
import { loadSavedInputs } from './saved-inputs.js';

const DEFAULT_SETUP: SetupSpec = { context: 'example', options: {} };

const saved = loadSavedInputs();
const seeds = new Map(allSeeds().map((s) => [s.name, s]));

describe('saved fuzz inputs', () => {
  it(`${saved.length} saved input(s) load with their notes`, () => {
    // Fuzzing has found bugs, and their inputs live here: an empty folder would mean the replay tests nothing.
    expect(saved.length).toBeGreaterThan(0);
    for (const s of saved) {
      expect(['property', 'slow', 'rewrite', 'differential', 'infoset', 'signature']).toContain(s.note.kind);
      expect(s.note.violations.length).toBeGreaterThan(0);
    }
  });

  for (const { name, input, note } of saved) {
    it(`${name} (${note.kind}): ${note.violations[0]?.split('\n')[0]?.slice(0, 100)}`, async () => {
      const setup = toSetup(note.setup ?? DEFAULT_SETUP);
      const outcome = await checkAll(input, setup);
      expect(outcome.violations).toEqual([]);
      if (note.kind === 'infoset') {
        const xml = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
        expect((await runDifferential([{ label: name, xml }])).problems).toEqual([]);
      }
      if (note.kind === 'signature' && note.base) {
        const base = seeds.get(note.base);
        if (base) expect(signedMutantViolations(base.xml, input, setup).violations).toEqual([]);
      }
      if (note.kind === 'rewrite' && note.base) {
        const base = seeds.get(note.base);
        if (!base) return; // a DCC reference request, absent here
        const before = validateRequest(base.xml, setup.context, setup.options);
        if (!sameVerdict(before, outcome.verdict!)) {
          expect.fail(`verdict changed: ${summarize(before)} -> ${summarize(outcome.verdict)}`);
        }
      }
    });
  }

  const differential = saved.filter((s) => s.note.kind === 'differential');
  describe.skipIf(!OFFICIAL_SCHEMA_AVAILABLE || differential.length === 0)('against DUIS XSD V5.4', () => {
    let report: DifferentialReport;
    beforeAll(async () => {
      report = await judge(
        differential.map((s) => ({
          id: s.name,
          seed: s.note.origin.seedRequest ?? '(saved)',
          edits: { mutations: [] },
          xml: typeof s.input === 'string' ? s.input : Buffer.from(s.input).toString('utf8'),
        })),
      );
    }, 60_000);
    for (const s of differential) {
      it(`${s.name} is no longer an unexplained disagreement`, () => {
        const judgement = report.judgements.find((j) => j.mutant.id === s.name)!;
        if (judgement.outcome === 'disagree') expect.fail(describeDisagreement(judgement));
      });
    }
  });
});
