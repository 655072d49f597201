/**
 * The built `duis-validate` binary, run as a user would: `node dist/cli.js ...` from the repository root.
 * `dist/cli.js` is rebuilt once (npm run build) when any source is newer than it.
 */
import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = path.join(ROOT, 'dist/cli.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from the repository root with `args` and `input` on stdin. */
export function cli(args: string[], input?: string): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: input ?? '',
    timeout: 20_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the package when a source is newer than `dist/cli.js`; returns the CLI's path. */
export function ensureBuilt(): string {
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'src')),
    statSync(path.join(ROOT, 'package.json')).mtimeMs,
    statSync(path.join(ROOT, 'tsup.config.ts')).mtimeMs,
  );
  let built = 0;
  try {
    built = statSync(CLI).mtimeMs;
  } catch {
    // not built yet
  }
  if (built >= sources) return CLI;
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', shell: process.platform === 'win32' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  return CLI;
}

/**
 * The same command in this process (`run` from src/cli/run.ts), for tests of behaviour rather than of the built
 * binary: a process start costs more than most of what is tested.
 */
export async function cliInProcess(args: string[], input?: string): Promise<CliResult> {
  const { run } = await import('../../src/cli/run.js');
  const sink = () => {
    const s = { text: '', write: (chunk: string) => ((s.text += chunk), true) };
    return s;
  };
  const stdout = sink();
  const stderr = sink();
  const status = await run(args, { stdin: Readable.from([input ?? '']), stdout, stderr, cwd: ROOT });
  return { status, stdout: stdout.text, stderr: stderr.text };
}
