import { readFileSync, statSync, type Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { expandGlob, hasGlobMagic } from './glob.js';

/** One request to validate. */
export interface Input {
  /** The name in reports: the path as given or as found below a given directory; `-` for standard input. */
  readonly name: string;
  /** Absolute path; absent for standard input. */
  readonly file?: string;
}

export interface ExpandResult {
  readonly inputs: readonly Input[];
  /** One message per argument that named nothing readable. */
  readonly errors: readonly string[];
}

export const STDIN_NAME = '-';

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'not a directory';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Every `*.xml` file (case-insensitive) below `directory`, sorted. Hidden entries (names starting with `.`) are
 * skipped and symbolic links to directories are not followed, as with `**`.
 */
async function walk(directory: string, display: string, errors: string[]): Promise<string[]> {
  const found: string[] = [];
  async function visit(absolute: string, shown: string): Promise<void> {
    let dirents: Dirent[];
    try {
      dirents = await readdir(absolute, { withFileTypes: true });
    } catch (error) {
      errors.push(`${shown}: cannot read directory: ${describeError(error)}`);
      return;
    }
    for (const dirent of dirents) {
      if (dirent.name.startsWith('.')) continue;
      const childAbsolute = path.join(absolute, dirent.name);
      const childShown = shown.endsWith('/') ? `${shown}${dirent.name}` : `${shown}/${dirent.name}`;
      if (dirent.isDirectory()) await visit(childAbsolute, childShown);
      else if (/\.xml$/i.test(dirent.name)) {
        const isFile = dirent.isFile() || (dirent.isSymbolicLink() && (await stat(childAbsolute).then((s) => s.isFile(), () => false)));
        if (isFile) found.push(childShown);
      }
    }
  }
  await visit(directory, display);
  return found.sort(compare);
}

/**
 * Turns the command-line inputs into the list of requests to validate, in argument order (each directory and glob
 * expanded in sorted order), without duplicates.
 */
export async function expandInputs(args: readonly string[], cwd: string): Promise<ExpandResult> {
  const inputs: Input[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (name: string): void => {
    const file = path.resolve(cwd, name);
    if (seen.has(file)) return;
    seen.add(file);
    inputs.push({ name, file });
  };

  /** A path given on the command line or matched by a glob: a file is taken as is, a directory is walked. */
  async function addPath(name: string, fromGlob: boolean): Promise<boolean> {
    const absolute = path.resolve(cwd, name);
    let stats;
    try {
      stats = await stat(absolute);
    } catch (error) {
      if (!fromGlob) errors.push(`${name}: ${describeError(error)}`);
      return false;
    }
    if (stats.isDirectory()) {
      for (const file of await walk(absolute, name, errors)) add(file);
    } else {
      add(name);
    }
    return true;
  }

  for (const arg of args) {
    if (arg === STDIN_NAME) {
      if (!seen.has(STDIN_NAME)) {
        seen.add(STDIN_NAME);
        inputs.push({ name: STDIN_NAME });
      }
      continue;
    }
    // A name that exists is taken literally, even if it contains `*` or `?`.
    const exists = await stat(path.resolve(cwd, arg)).then(() => true, () => false);
    if (exists || !hasGlobMagic(arg)) {
      await addPath(arg, false);
      continue;
    }
    const matches = await expandGlob(arg, cwd);
    if (matches.length === 0) {
      errors.push(`${arg}: no files match this pattern`);
      continue;
    }
    for (const match of matches) await addPath(match, true);
  }
  return { inputs, errors };
}

export type ReadResult =
  | { readonly input: Input; readonly ok: true; readonly bytes: Buffer }
  /** Larger than the limit: not read. `size` is the file's size, `null` for a stream cut off at the limit. */
  | { readonly input: Input; readonly ok: 'too-large'; readonly size: number | null; readonly limit: number }
  | { readonly input: Input; readonly ok: false; readonly message: string };

/** The stream's bytes, or `undefined` once more than `limit` have arrived (the rest is not buffered). */
async function readStream(stream: Readable | NodeJS.ReadableStream, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    size += bytes.length;
    if (size > limit) return undefined;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads one input as bytes, refusing before reading one that is larger than `limit` (the validator's own size
 * limit): a multi-gigabyte file is a finding, not an out-of-memory crash. Never rejects.
 */
export async function readInput(input: Input, stdin: Readable | NodeJS.ReadableStream, limit: number): Promise<ReadResult> {
  try {
    if (input.file === undefined) {
      const bytes = await readStream(stdin, limit);
      return bytes ? { input, ok: true, bytes } : { input, ok: 'too-large', size: null, limit };
    }
    const read = await readFileBounded(input.file, limit);
    return 'bytes' in read ? { input, ok: true, bytes: read.bytes } : { input, ok: 'too-large', size: read.size, limit };
  } catch (error) {
    return { input, ok: false, message: `${input.name}: cannot read: ${describeError(error)}` };
  }
}

/** A file's bytes, or its size when that is over `limit` (then it is not read). Rejects on I/O errors. */
export async function readFileBounded(file: string, limit: number): Promise<{ bytes: Buffer } | { size: number }> {
  const { size } = await stat(file);
  if (size > limit) return { size };
  const bytes = await readFile(file);
  // The file may have grown between stat and read.
  return bytes.length > limit ? { size: bytes.length } : { bytes };
}

/** {@link readFileBounded}, blocking: for an audit shard, which has nothing else to do meanwhile. */
export function readFileBoundedSync(file: string, limit: number): { bytes: Buffer } | { size: number } {
  const { size } = statSync(file);
  if (size > limit) return { size };
  const bytes = readFileSync(file);
  return bytes.length > limit ? { size: bytes.length } : { bytes };
}

export { describeError };

/**
 * Reads the inputs in order, keeping up to `window` reads in flight so file I/O overlaps validation.
 */
export async function* readInputs(
  inputs: readonly Input[],
  stdin: Readable | NodeJS.ReadableStream,
  limit: number,
  window = 8,
): AsyncGenerator<ReadResult> {
  const pending: Promise<ReadResult>[] = [];
  let next = 0;
  const fill = (): void => {
    while (next < inputs.length && pending.length < window) pending.push(readInput(inputs[next++]!, stdin, limit));
  };
  fill();
  while (pending.length > 0) {
    const result = await pending.shift()!;
    fill();
    yield result;
  }
}
