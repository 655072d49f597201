import { describe, expect, it } from 'vitest';
import { attackDocuments } from '../security/attacks.js';
import { fixtureSubjects, mutants, templateSubjects } from './corpus.js';
import { runDifferential, type Report } from './differential.js';
import { asXmldomReadsIt, difference, ours, xmldom } from './infoset.js';
import { verbose } from '../support/verbose.js';

function summary(report: Report): string {
  const stricter = [...report.refusedByLibraryOnly].map(([reason, n]) => `${n} ${reason}`).join('; ');
  return `${report.documents} documents: ${report.agreed} read alike by all three, ${report.refusedByOthers} refused by the library and another, ${[...report.refusedByLibraryOnly.values()].reduce((a, b) => a + b, 0)} refused by the library only (${stricter || 'none'}), ${report.problems.length} problems`;
}

function expectNoProblem(report: Report): void {
  verbose(`[infoset] ${summary(report)}`);
  expect(report.problems.map((p) => `${p.label}: ${p.problem}\n${JSON.stringify(p.xml).slice(0, 400)}`)).toEqual([]);
}

const seeds = [...fixtureSubjects(), ...templateSubjects()];

describe('the documented xmldom departure', () => {
  it.each([
    ['U+2028', '<a>x\u2028y</a>'],
    ['U+0085', '<a b="x\u0085y"/>'],
  ])('xmldom turns %s into a line feed (XML 1.1 end-of-line handling); the library and libxml2 keep it', async (_label, xml) => {
    const mine = ours(xml, { comments: true });
    const theirs = xmldom(xml, { comments: true });
    if (!mine.ok || !theirs.ok) throw new Error('both must read it');
    // If a later xmldom reads XML 1.0 right, this fails: drop asXmldomReadsIt then.
    expect(difference(mine.infoset, theirs.infoset)).toBeDefined();
    expect(difference(asXmldomReadsIt(mine.infoset), theirs.infoset)).toBeUndefined();
    expect((await runDifferential([{ label: 'departure', xml }])).problems).toEqual([]);
  });
});

describe('infoset differential: the library, @xmldom/xmldom and libxml2 read every document alike', () => {
  it('fixtures, signed fixtures and the named attacks', async () => {
    const subjects = [...fixtureSubjects(), ...attackDocuments()];
    const report = await runDifferential(subjects);
    expectNoProblem(report);
    expect(report.agreed).toBeGreaterThan(10);
  });

  it.skipIf(templateSubjects().length === 0)('all 297 DCC RTDS request templates', async () => {
    const subjects = templateSubjects();
    expect(subjects).toHaveLength(297);
    const report = await runDifferential(subjects);
    expectNoProblem(report);
    expect(report.agreed).toBe(297);
  });

  it('1,200 mutants inserting PIs, comments, CDATA, quotes, references, Unicode and namespace declarations (seed 9)', async () => {
    const report = await runDifferential(mutants(seeds, 1200, 9));
    expectNoProblem(report);
    // The mutations must reach both outcomes, or they test nothing.
    expect(report.agreed).toBeGreaterThan(200);
    expect(report.refusedByOthers).toBeGreaterThan(200);
  });
});
