/**
 * XML Schema validation for tests, through xmllint-wasm (libxml2 compiled to WebAssembly).
 *
 * Every xmllint-wasm call starts a worker and compiles the schema (~0.1 s for the schema, more for the first
 * call), so validate many documents in ONE call: pass them all to `validateWithOwnSchema` /
 * `validateWithHandoverSchema` / `validateWithOfficialSchema` / `validateWithMmcSchema` and read the per-document results.
 *
 * The official schema (DCC's DUIS XML Schema V5.4, GPL) is read by path from `../shared/reference/duis/` beside
 * the repository and never copied into it; check `OFFICIAL_SCHEMA_AVAILABLE` and skip when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML, memoryPages, type XMLFileInfo } from 'xmllint-wasm';

export interface SchemaDocument {
  readonly name: string;
  readonly xml: string;
}

export interface SchemaVerdict {
  readonly name: string;
  readonly valid: boolean;
  /** xmllint's messages for this document, without the file-name prefix (parser errors keep their context lines). */
  readonly errors: string[];
}

export const OFFICIAL_SCHEMA_DIR = new URL('../../../shared/reference/duis/', import.meta.url);
export const OFFICIAL_TEMPLATES_DIR = new URL('templates/', OFFICIAL_SCHEMA_DIR);
export const OWN_SCHEMA_PATH = new URL('../../schemas/duis-6.15.1.xsd', import.meta.url);
export const HANDOVER_SCHEMA_PATH = new URL('../../schemas/duis-6.21.xsd', import.meta.url);

/** True when DCC's schema files are present beside the repository (`../shared/reference/duis/`). */
export const OFFICIAL_SCHEMA_AVAILABLE =
  existsSync(fileURLToPath(OFFICIAL_SCHEMA_DIR)) &&
  ['duis-v5.4.xsd', 'mmc-v5.4.xsd', 'xmldsig-core-schema.xsd'].every((f) =>
    existsSync(fileURLToPath(new URL(f, OFFICIAL_SCHEMA_DIR))),
  );

/** DCC's MMC XML Schema V5.4 (Parse and Correlate's `ra:GBCSResponse`), read by path like the DUIS schema. */
export const MMC_SCHEMA_PATH = new URL('mmc-v5.4.xsd', OFFICIAL_SCHEMA_DIR);

/** True when `../shared/reference/duis/mmc-v5.4.xsd` is present: it imports nothing, so it is enough on its own. */
export const MMC_SCHEMA_AVAILABLE = existsSync(fileURLToPath(MMC_SCHEMA_PATH));

const readSchema = (url: URL, fileName: string): XMLFileInfo => ({ fileName, contents: readFileSync(url, 'utf8') });

/** Validates every document against `schemas/duis-6.15.1.xsd` in one xmllint run. */
export function validateWithOwnSchema(docs: readonly SchemaDocument[]): Promise<SchemaVerdict[]> {
  return validateBatch(docs, [readSchema(OWN_SCHEMA_PATH, 'duis-6.15.1.xsd')], []);
}

/** Validates every document against `schemas/duis-6.21.xsd` in one xmllint run. */
export function validateWithHandoverSchema(docs: readonly SchemaDocument[]): Promise<SchemaVerdict[]> {
  return validateBatch(docs, [readSchema(HANDOVER_SCHEMA_PATH, 'duis-6.21.xsd')], []);
}

/**
 * Validates every document against DCC's DUIS XML Schema V5.4 in one xmllint run. The imports keep the file names
 * `duis-v5.4.xsd` imports them by. Throws when the reference files are absent: guard with
 * `OFFICIAL_SCHEMA_AVAILABLE`.
 */
export function validateWithOfficialSchema(docs: readonly SchemaDocument[]): Promise<SchemaVerdict[]> {
  if (!OFFICIAL_SCHEMA_AVAILABLE) {
    throw new Error(`DUIS XML Schema V5.4 not found in ${fileURLToPath(OFFICIAL_SCHEMA_DIR)}`);
  }
  return validateBatch(
    docs,
    [readSchema(new URL('duis-v5.4.xsd', OFFICIAL_SCHEMA_DIR), 'duis-v5.4.xsd')],
    [
      readSchema(new URL('mmc-v5.4.xsd', OFFICIAL_SCHEMA_DIR), 'mmc-v5.4.xsd'),
      readSchema(new URL('xmldsig-core-schema.xsd', OFFICIAL_SCHEMA_DIR), 'xmldsig-core-schema.xsd'),
    ],
  );
}

/**
 * Validates every document against DCC's MMC XML Schema V5.4 as the root schema (parsed GBCS responses and
 * alerts), in one xmllint run. Throws when the reference file is absent: guard with `MMC_SCHEMA_AVAILABLE`.
 */
export function validateWithMmcSchema(docs: readonly SchemaDocument[]): Promise<SchemaVerdict[]> {
  if (!MMC_SCHEMA_AVAILABLE) throw new Error(`MMC XML Schema V5.4 not found at ${fileURLToPath(MMC_SCHEMA_PATH)}`);
  return validateBatch(docs, [readSchema(MMC_SCHEMA_PATH, 'mmc-v5.4.xsd')], []);
}

/**
 * One xmllint run over all documents. Documents get synthetic file names (`doc-0000.xml`, ...) so that caller
 * names with spaces, colons or leading dashes cannot confuse xmllint's command line or its `file:line:` output.
 *
 * xmllint reports, per file, either `<file> validates`, or its errors as `<file>:<line>: ...` followed by
 * `<file> fails to validate`; a file that is not well-formed gets only its `parser error` lines (plus context
 * lines without a prefix). A document is valid only if its `validates` line is present.
 */
async function validateBatch(
  docs: readonly SchemaDocument[],
  schema: XMLFileInfo[],
  preload: XMLFileInfo[],
): Promise<SchemaVerdict[]> {
  if (docs.length === 0) return [];
  const fileNames = docs.map((_, i) => `doc-${String(i).padStart(4, '0')}.xml`);
  let output: string;
  try {
    const result = await validateXML({
      xml: docs.map((doc, i) => ({ fileName: fileNames[i]!, contents: doc.xml })),
      schema,
      preload,
      // The official schema plus a few hundred documents do not fit the 32 MiB default.
      initialMemoryPages: 64 * memoryPages.MiB,
      maxMemoryPages: 512 * memoryPages.MiB,
    });
    output = result.rawOutput;
  } catch (error) {
    // xmllint-wasm rejects on exit codes other than 0/3/4. Exit code 1 (every document malformed) still carries
    // per-file output; a schema that fails to compile (exit 5) does not, and is rethrown.
    const code = (error as { code?: number }).code;
    if (code === 1 && error instanceof Error) output = error.message;
    else throw error;
  }
  return parseOutput(output, docs, fileNames);
}

function parseOutput(output: string, docs: readonly SchemaDocument[], fileNames: readonly string[]): SchemaVerdict[] {
  const index = new Map(fileNames.map((f, i) => [f, i]));
  const valid = docs.map(() => false);
  const errors: string[][] = docs.map(() => []);
  let current: number | undefined;
  for (const line of output.split('\n')) {
    if (line === '') continue;
    const status = /^(doc-\d{4}\.xml) (validates|fails to validate)$/.exec(line);
    if (status) {
      const i = index.get(status[1]!);
      if (i !== undefined && status[2] === 'validates') valid[i] = true;
      current = undefined;
      continue;
    }
    const located = /^(doc-\d{4}\.xml):(\d+): ([\s\S]*)$/.exec(line);
    if (located && index.has(located[1]!)) {
      current = index.get(located[1]!)!;
      errors[current]!.push(`line ${located[2]}: ${located[3]}`);
      continue;
    }
    // A context line of a parser error (the source excerpt and the caret), or a message without a location.
    if (current !== undefined) {
      const list = errors[current]!;
      list[list.length - 1] += `\n${line}`;
    }
  }
  return docs.map((doc, i) => {
    const docErrors = errors[i]!;
    if (!valid[i] && docErrors.length === 0) docErrors.push('xmllint reported no result for this document');
    return { name: doc.name, valid: valid[i]!, errors: docErrors };
  });
}
