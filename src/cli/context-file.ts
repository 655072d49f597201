import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describeCode } from '../codes.js';
import { jsonErrorPosition } from './json-position.js';
import { resolveContext, type ResolvedContext, type ValidationContext } from '../context.js';

export type LoadContextResult =
  | {
      readonly ok: true;
      /** The parsed JSON: pass this same object to every validation (contexts are indexed once per object). */
      readonly context: ValidationContext;
      readonly resolved: ResolvedContext;
    }
  | { readonly ok: false; readonly messages: readonly string[] };

/**
 * Reads a `--context FILE`: JSON in the `ValidationContext` shape. Every problem is reported with its JSON path.
 */
export async function loadContextFile(file: string, cwd: string): Promise<LoadContextResult> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    return { ok: false, messages: [`context file ${file}: cannot read: ${reason}`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const at = jsonErrorPosition(text.replace(/^\uFEFF/, ''));
    const where = at ? ` at line ${at.line}, column ${at.column}` : '';
    // V8's message quotes the whole text for some errors: keep only its first line.
    const reason = (error as Error).message.split('\n')[0]!;
    return { ok: false, messages: [`context file ${file} is not valid JSON${where}: ${reason}`] };
  }
  const resolved = resolveContext(json as ValidationContext);
  if (!resolved.ok) {
    const problems = resolved.findings.map((f) => {
      // Messages read "<code description>: <path>: <detail>"; the header line already says the context is invalid.
      const description = describeCode(f.code);
      const text = description && f.message.startsWith(`${description}: `) ? f.message.slice(description.length + 2) : f.message;
      return `  ${text}`;
    });
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    return { ok: false, messages: [`context file ${file} is invalid (${count}):`, ...problems] };
  }
  return { ok: true, context: json as ValidationContext, resolved: resolved.context };
}
