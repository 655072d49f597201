/**
 * libxml2 (xmllint-wasm) as an oracle, in batches: each call instantiates the WebAssembly module (~0.15 s here),
 * so one call reads many documents. Well-formedness comes from one `--noout` pass; canonical forms from one
 * `--c14n` / `--exc-c14n` pass over the accepted documents, whose output is the concatenation of every document's
 * canonical form, then one line feed. Callers compare that concatenation against their own, and only split a batch
 * (one document per call) to say which document disagrees.
 */
import { validateXML } from 'xmllint-wasm';

export type Libxml2Mode = 'c14n' | 'exc-c14n';

const fileName = (index: number) => `d${index}.xml`;

/** The documents libxml2 refuses: a parser or namespace error (warnings do not refuse). Index -> message. */
export async function libxml2Refusals(documents: readonly string[]): Promise<Map<number, string>> {
  const refused = new Map<number, string>();
  if (documents.length === 0) return refused;
  const result = await validateXML({
    xml: documents.map((contents, index) => ({ fileName: fileName(index), contents })),
    normalization: 'c14n',
    modifyArguments: (args) => ['--nonet', ...args.map((a) => (a === '--c14n' ? '--noout' : a))],
  }).catch((error: unknown) => ({ rawOutput: String(error) }));
  for (const line of result.rawOutput.split('\n')) {
    const match = /^d(\d+)\.xml:\d+: (?:parser|namespace) error : (.*)$/.exec(line);
    if (match && !refused.has(Number(match[1]))) refused.set(Number(match[1]), match[2]!);
  }
  return refused;
}

/** libxml2's canonical forms of documents it accepts, concatenated, or `undefined` when a document fails. */
async function canonicalBatch(documents: readonly string[], mode: Libxml2Mode): Promise<string | undefined> {
  try {
    const result = await validateXML({
      xml: documents.map((contents, index) => ({ fileName: fileName(index), contents })),
      normalization: 'c14n',
      modifyArguments: (args) => ['--nonet', ...args.map((a) => (a === '--c14n' ? `--${mode}` : a))],
    });
    return result.normalized;
  } catch {
    return undefined;
  }
}

/**
 * Checks that libxml2's canonical form of each document equals `expected` (with comments). Returns the indexes
 * that disagree, with libxml2's output (or `undefined` when it could not canonicalise the document).
 */
export async function libxml2CanonicalDisagreements(
  documents: readonly string[],
  expected: readonly string[],
  mode: Libxml2Mode,
): Promise<Map<number, string | undefined>> {
  const disagreements = new Map<number, string | undefined>();
  const check = async (indexes: readonly number[]): Promise<void> => {
    if (indexes.length === 0) return;
    const output = await canonicalBatch(indexes.map((i) => documents[i]!), mode);
    if (output === `${indexes.map((i) => expected[i]).join('')}\n`) return;
    if (indexes.length === 1) {
      disagreements.set(indexes[0]!, output === undefined ? undefined : output.replace(/\n$/, ''));
      return;
    }
    const half = Math.ceil(indexes.length / 2);
    await check(indexes.slice(0, half));
    await check(indexes.slice(half));
  };
  await check(documents.map((_, i) => i));
  return disagreements;
}
