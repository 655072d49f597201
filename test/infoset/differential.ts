/**
 * The infoset differential: for every document, what the library's one tree holds must equal what @xmldom/xmldom
 * and libxml2 read, on the input and on its canonical form; a document either of them refuses, the library must
 * refuse. Stricter is allowed (the library refusing what they accept); reading differently is not.
 */
import { canonicalizeDocument } from '../../src/signature/canonicalize.js';
import { asXmldomReadsIt, difference, fromTree, ours, xmldom } from './infoset.js';
import { libxml2CanonicalDisagreements, libxml2Refusals } from './libxml2.js';

export interface Subject {
  readonly label: string;
  readonly xml: string;
}

export interface Problem {
  readonly label: string;
  readonly xml: string;
  readonly problem: string;
}

export interface Report {
  readonly documents: number;
  /** Read the same by all three, on the input and on its canonical forms. */
  readonly agreed: number;
  /** Refused by the library and by at least one of the others. */
  readonly refusedByOthers: number;
  /** Refused by the library only (stricter: allowed). By the library's reason, without positions. */
  readonly refusedByLibraryOnly: ReadonlyMap<string, number>;
  readonly problems: readonly Problem[];
}

const LIMIT = 1 << 26;

// One xmllint-wasm call holds every document of a batch in 32 MiB of WebAssembly memory: a few thousand hang it.
const BATCH = 400;

export async function runDifferential(subjects: readonly Subject[]): Promise<Report> {
  const reports: Report[] = [];
  for (let at = 0; at < subjects.length; at += BATCH) reports.push(await runBatch(subjects.slice(at, at + BATCH)));
  const refusedByLibraryOnly = new Map<string, number>();
  for (const report of reports) for (const [reason, n] of report.refusedByLibraryOnly) refusedByLibraryOnly.set(reason, (refusedByLibraryOnly.get(reason) ?? 0) + n);
  return {
    documents: subjects.length,
    agreed: reports.reduce((n, r) => n + r.agreed, 0),
    refusedByOthers: reports.reduce((n, r) => n + r.refusedByOthers, 0),
    refusedByLibraryOnly,
    problems: reports.flatMap((r) => r.problems),
  };
}

async function runBatch(subjects: readonly Subject[]): Promise<Report> {
  const documents = subjects.map((s) => s.xml);
  const problems: Problem[] = [];
  const fail = (index: number, problem: string) => problems.push({ label: subjects[index]!.label, xml: documents[index]!, problem });

  const refusedByLibxml2 = await libxml2Refusals(documents);
  const readings = documents.map((xml) => ({ ours: ours(xml, { comments: true }), xmldom: xmldom(xml, { comments: true }) }));

  let refusedByOthers = 0;
  const refusedByLibraryOnly = new Map<string, number>();
  const accepted: number[] = [];
  readings.forEach((reading, index) => {
    const libxml2 = refusedByLibxml2.get(index);
    if (!reading.ours.ok) {
      if (libxml2 !== undefined || !reading.xmldom.ok) refusedByOthers++;
      else {
        const reason = reading.ours.reason.replace(/ \(line \d+, column \d+\)/, '').replace(/: .*?(?=:)/, '');
        refusedByLibraryOnly.set(reason, (refusedByLibraryOnly.get(reason) ?? 0) + 1);
      }
      return;
    }
    if (libxml2 !== undefined) return fail(index, `libxml2 refuses (${libxml2}), the library accepts`);
    if (!reading.xmldom.ok) return fail(index, `xmldom refuses (${reading.xmldom.reason}), the library accepts`);
    const differs = difference(asXmldomReadsIt(reading.ours.infoset), reading.xmldom.infoset);
    if (differs) return fail(index, `the library and xmldom read different infosets: ${differs}`);
    accepted.push(index);
  });

  // Canonical forms: libxml2's (with comments) of the input must be the library's, byte for byte; the library's
  // (without comments, as signatures use them) must read back as the input minus comments, in all three parsers,
  // and be a fixed point of libxml2's canonicalisation.
  const tree = (index: number) => {
    const reading = readings[index]!.ours;
    if (!reading.ok) throw new Error('unreachable');
    return reading.document;
  };
  const inputs = accepted.map((i) => documents[i]!);
  const withComments = { inclusive: [] as string[], exclusive: [] as string[] };
  const signed = { inclusive: [] as string[], exclusive: [] as string[] };
  for (const index of accepted) {
    for (const mode of ['inclusive', 'exclusive'] as const) {
      withComments[mode].push(canonicalizeDocument(tree(index), undefined, mode, LIMIT, { comments: true }));
      signed[mode].push(canonicalizeDocument(tree(index), undefined, mode, LIMIT));
    }
  }
  const checks = [
    ['libxml2 --c14n of the input', inputs, withComments.inclusive, 'c14n'],
    ['libxml2 --exc-c14n of the input', inputs, withComments.exclusive, 'exc-c14n'],
    ['libxml2 --c14n of the inclusive canonical form', signed.inclusive, signed.inclusive, 'c14n'],
    ['libxml2 --exc-c14n of the exclusive canonical form', signed.exclusive, signed.exclusive, 'exc-c14n'],
  ] as const;
  for (const [what, input, expected, mode] of checks) {
    for (const [at, theirs] of await libxml2CanonicalDisagreements(input, expected, mode)) {
      fail(accepted[at]!, `${what} differs: libxml2 ${theirs === undefined ? 'fails' : JSON.stringify(theirs)}, library ${JSON.stringify(expected[at])}`);
    }
  }
  accepted.forEach((index, at) => {
    const input = readings[index]!.ours;
    if (!input.ok) return;
    const withoutComments = fromTree(input.document, { comments: false });
    for (const mode of ['inclusive', 'exclusive'] as const) {
      const form = signed[mode][at]!;
      const again = ours(form, { comments: true });
      const dom = xmldom(form, { comments: true });
      if (!again.ok) fail(index, `the library refuses its own ${mode} canonical form (${again.reason})`);
      else if (difference(withoutComments, again.infoset)) fail(index, `${mode} canonical form, read by the library: ${difference(withoutComments, again.infoset)}`);
      if (!dom.ok) fail(index, `xmldom refuses the ${mode} canonical form (${dom.reason})`);
      else if (difference(asXmldomReadsIt(withoutComments), dom.infoset)) fail(index, `${mode} canonical form, read by xmldom: ${difference(asXmldomReadsIt(withoutComments), dom.infoset)}`);
    }
  });

  const flagged = new Set(problems.map((p) => p.label));
  return {
    documents: documents.length,
    agreed: accepted.filter((i) => !flagged.has(subjects[i]!.label)).length,
    refusedByOthers,
    refusedByLibraryOnly,
    problems,
  };
}
