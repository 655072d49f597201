/**
 * Failing inputs found by `npm run fuzz` (scripts/fuzz.ts), saved as `fuzz-<hash>.xml` (the input exactly as it was
 * validated) next to `fuzz-<hash>.json` (what failed, and how to replay it). `regressions.test.ts` replays them all.
 *
 * A saved input stays after the bug is fixed: it is the regression test for that bug. Rename the pair to say what
 * broke (`fuzz-<hash>-long-character-reference.xml`) if you like; the replay reads every `*.json` here.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SetupSpec } from '../fuzz/arbitraries.js';

export const REGRESSIONS_DIR = fileURLToPath(new URL('.', import.meta.url));

export type SavedKind =
  /** A property of invariants.ts failed (a throw, an unknown code, a non-deterministic verdict...). */
  | 'property'
  /** A validation took longer than the campaign's bound, on several tries. */
  | 'slow'
  /** A semantics-preserving rewrite of `base` changed the verdict. */
  | 'rewrite'
  /** parseRequest and libxml2 (DUIS XSD V5.4) disagree and no documented exception explains it. */
  | 'differential'
  /** The library, xmldom and libxml2 read the document differently (test/infoset/differential.ts). */
  | 'infoset'
  /** A mutant of a signed request verified, but the request validated is not the request that was signed. */
  | 'signature';

export interface SavedNote {
  readonly kind: SavedKind;
  /** What failed, as the campaign saw it. */
  readonly violations: readonly string[];
  readonly inputType: 'string' | 'bytes';
  /** The exact input when it is a string that UTF-8 cannot carry (lone surrogates); the .xml file is then lossy. */
  readonly string?: string;
  readonly setup?: SetupSpec;
  /** For `rewrite`: the seed request (`fixtures/<file>` or `rtds/<file>`) whose verdict must not change. */
  readonly base?: string;
  /** How the input was made (generator, seed request, edits), to read it back as a story. */
  readonly origin: { readonly generator: string; readonly campaignSeed: number; readonly seedRequest?: string; readonly edits?: unknown };
  /** For `differential`: both verdicts when it was found. */
  readonly libxml2?: { readonly valid: boolean; readonly errors: readonly string[] };
  readonly ours?: { readonly ok: boolean; readonly findings: readonly string[] };
  readonly found: string;
}

export interface SavedInput {
  readonly name: string;
  readonly input: string | Uint8Array;
  readonly note: SavedNote;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hashOf(input: string | Uint8Array): string {
  return createHash('sha256')
    .update(typeof input === 'string' ? Buffer.from(input, 'utf8') : input)
    .digest('hex')
    .slice(0, 12);
}

/** Writes the pair unless an input with the same hash is already saved. Returns the base name, or undefined. */
export function saveInput(dir: string, input: string | Uint8Array, note: Omit<SavedNote, 'inputType' | 'string' | 'found'>): string | undefined {
  mkdirSync(dir, { recursive: true });
  const name = `fuzz-${hashOf(input)}`;
  if (existsSync(join(dir, `${name}.json`))) return undefined;
  const lossy = typeof input === 'string' && LONE_SURROGATE.test(input);
  const full: SavedNote = {
    ...note,
    inputType: typeof input === 'string' ? 'string' : 'bytes',
    ...(lossy ? { string: input } : {}),
    found: new Date().toISOString(),
  };
  writeFileSync(join(dir, `${name}.xml`), typeof input === 'string' ? Buffer.from(input, 'utf8') : input);
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(full, null, 2)}\n`);
  return name;
}

/** Every saved input in `dir` (default: this directory), sorted by name. */
export function loadSavedInputs(dir: string = REGRESSIONS_DIR): SavedInput[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^fuzz-.*\.json$/.test(f))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.json'.length);
      const note = JSON.parse(readFileSync(join(dir, file), 'utf8')) as SavedNote;
      const bytes = new Uint8Array(readFileSync(join(dir, `${name}.xml`)));
      const input = note.inputType === 'bytes' ? bytes : (note.string ?? Buffer.from(bytes).toString('utf8'));
      return { name, input, note };
    });
}
