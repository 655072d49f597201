/**
 * Differential test: our structural checks (`parseRequest(...).ok`) against DCC's DUIS XML Schema V5.4 run through
 * libxml2, on structurally mutated 6.15.1 requests (fixed seed). Every disagreement fails the test unless it is a
 * documented exception (`EXCEPTIONS` in differential.ts), and every exception is pinned here by an example, so an
 * exception that stops holding (a fix in src, another libxml2) is noticed too.
 *
 * Skipped when the reference schema is absent (`../shared/reference/duis/`, GPL material read in place).
 * `npm run fuzz` runs the same comparison on 10,000+ mutants.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { OFFICIAL_SCHEMA_AVAILABLE } from '../support/xmllint.js';
import { fixtureRequest } from '../support/fixtures.js';
import { describeDisagreement, EXCEPTIONS, formatReport, generateMutants, judge, type DifferentialReport, type Mutant } from './differential.js';
import { allSeeds } from './seeds.js';
import { verbose } from '../support/verbose.js';

const SEED = 0x6151; // 6.15.1
const MUTANTS = 600;

describe.skipIf(!OFFICIAL_SCHEMA_AVAILABLE)('parseRequest vs DUIS XML Schema V5.4 (libxml2)', () => {
  const seeds = allSeeds();

  it('every seed request is valid for both', async () => {
    const report = await judge(seeds.map((s, i): Mutant => ({ id: `seed${i}`, seed: s.name, edits: { mutations: [] }, xml: s.xml })));
    expect(report.judgements.filter((j) => !j.oursOk || !j.xsd.valid).map((j) => j.mutant.seed)).toEqual([]);
  });

  it(`${MUTANTS} structurally mutated requests: every disagreement is a documented exception`, async () => {
    const report = await judge(generateMutants(seeds, MUTANTS, SEED));
    verbose(`[xsd-differential] seed ${SEED}, ${seeds.length} seed requests: ${formatReport(report)}`);
    // The generator must produce both verdicts in quantity, or agreement would mean nothing.
    expect(report.xsdValid).toBeGreaterThan(MUTANTS * 0.15);
    expect(report.total - report.xsdValid).toBeGreaterThan(MUTANTS * 0.4);
    expect(report.disagreements.map(describeDisagreement)).toEqual([]);
  }, 120_000);

  describe('documented exceptions, each shown by an example', () => {
    const base = fixtureRequest('supplier-by-supplier-future-dated');
    let report: DifferentialReport;
    beforeAll(async () => {
      report = await judge(EXCEPTIONS.map((e): Mutant => ({ id: e.name, seed: 'fixtures/supplier-by-supplier-future-dated.xml', edits: { mutations: [] }, xml: e.example(base) })));
    }, 60_000);

    for (const exception of EXCEPTIONS) {
      it(`${exception.name} (${exception.kind})`, () => {
        const judgement = report.judgements.find((j) => j.mutant.id === exception.name)!;
        expect(judgement.oursOk, 'the example must be a disagreement').not.toBe(judgement.xsd.valid);
        expect(judgement.outcome).toBe('exception');
        expect(judgement.exceptions).toContain(exception.name);
      });
    }
  });
});
