import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * A small glob matcher (Node 20 has no fs.glob): `*` matches any run of characters within one path segment, `?`
 * one character, and a `**` segment any number of directories (including none). Names match case-insensitively. As in shells, wildcards do not
 * match a leading `.` unless the pattern segment itself starts with one, and `**` does not follow symbolic links
 * to directories.
 */
export function hasGlobMagic(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/** Compiles one pattern segment (no `/`) to a regular expression over a directory entry name. */
export function segmentMatcher(segment: string): (name: string) => boolean {
  const source = segment
    .replace(/\*{2,}/g, '*')
    .split('')
    .map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  // Case-insensitive, as the directory walk's `*.xml` is: DCC's own templates end in `.XML`.
  const regex = new RegExp(`^${source}$`, 'sui');
  const dotAllowed = segment.startsWith('.');
  return (name) => (dotAllowed || !name.startsWith('.')) && regex.test(name);
}

interface Entry {
  readonly name: string;
  /** True for directories and for symbolic links to directories. */
  readonly isDirectory: boolean;
  readonly isSymbolicLink: boolean;
}

async function listDirectory(directory: string): Promise<Entry[]> {
  let dirents: Dirent[];
  try {
    dirents = await readdir(directory, { withFileTypes: true });
  } catch {
    return []; // unreadable or vanished: like a shell, a glob just does not match there
  }
  const entries: Entry[] = [];
  for (const dirent of dirents) {
    const isSymbolicLink = dirent.isSymbolicLink();
    // A link is matched as what it points to, but `**` never descends through it.
    const isDirectory = isSymbolicLink
      ? await stat(path.join(directory, dirent.name)).then((s) => s.isDirectory(), () => false)
      : dirent.isDirectory();
    entries.push({ name: dirent.name, isDirectory, isSymbolicLink });
  }
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Expands `pattern` relative to `cwd`. Returns the matching paths as display names (written like the pattern:
 * relative when it is relative), sorted. Matches may be files or directories.
 */
export async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const normalised = path.sep === '\\' ? pattern.replace(/\\/g, '/') : pattern;
  const absolute = normalised.startsWith('/');
  const segments = normalised.split('/').filter((s, i) => s !== '' && (s !== '.' || i === 0));
  // The literal prefix is the base directory; matching starts at the first segment with a wildcard.
  let firstMagic = segments.findIndex(hasGlobMagic);
  if (firstMagic < 0) firstMagic = segments.length;
  const baseSegments = segments.slice(0, firstMagic);
  const baseDisplay = (absolute ? '/' : '') + baseSegments.join('/');
  const baseAbsolute = path.resolve(cwd, baseDisplay || '.');
  const rest = segments.slice(firstMagic);

  const results = new Set<string>();
  const join = (display: string, name: string): string =>
    display === '' ? name : display.endsWith('/') ? `${display}${name}` : `${display}/${name}`;

  async function match(directory: string, display: string, index: number): Promise<void> {
    if (index === rest.length) {
      results.add(display || '.');
      return;
    }
    const segment = rest[index]!;
    if (segment === '**') {
      if (index === rest.length - 1) {
        // Trailing `**`: everything below; the caller walks the directory.
        results.add(display || '.');
        return;
      }
      await match(directory, display, index + 1);
      for (const entry of await listDirectory(directory)) {
        if (!entry.isDirectory || entry.isSymbolicLink || entry.name.startsWith('.')) continue;
        await match(path.join(directory, entry.name), join(display, entry.name), index);
      }
      return;
    }
    const matches = segmentMatcher(segment);
    const last = index === rest.length - 1;
    for (const entry of await listDirectory(directory)) {
      if (!matches(entry.name)) continue;
      if (last) results.add(join(display, entry.name));
      else if (entry.isDirectory) await match(path.join(directory, entry.name), join(display, entry.name), index + 1);
    }
  }

  await match(baseAbsolute, baseDisplay, 0);
  return [...results].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

