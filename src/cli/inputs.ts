import type { Dirent } from 'node:fs';
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
  | { readonly input: Input; readonly ok: false; readonly message: string };

async function readStream(stream: Readable | NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  }
  return Buffer.concat(chunks);
}

/** Reads one input as bytes. Never rejects. */
export async function readInput(input: Input, stdin: Readable | NodeJS.ReadableStream): Promise<ReadResult> {
  try {
    const bytes = input.file === undefined ? await readStream(stdin) : await readFile(input.file);
    return { input, ok: true, bytes };
  } catch (error) {
    return { input, ok: false, message: `${input.name}: cannot read: ${describeError(error)}` };
  }
}

/**
 * Reads the inputs in order, keeping up to `window` reads in flight so file I/O overlaps validation.
 */
export async function* readInputs(
  inputs: readonly Input[],
  stdin: Readable | NodeJS.ReadableStream,
  window = 8,
): AsyncGenerator<ReadResult> {
  const pending: Promise<ReadResult>[] = [];
  let next = 0;
  const fill = (): void => {
    while (next < inputs.length && pending.length < window) pending.push(readInput(inputs[next++]!, stdin));
  };
  fill();
  while (pending.length > 0) {
    const result = await pending.shift()!;
    fill();
    yield result;
  }
}
