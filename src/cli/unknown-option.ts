import { nearest } from '../options.js';

/**
 * node:util parseArgs' error, with the nearest known flag suggested for an unknown one:
 * `Unknown option '--contxt'. Did you mean --context?`.
 */
export function describeArgsError(error: unknown, known: readonly string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const flag = /^Unknown option '(--?[^']+)'/.exec(message)?.[1];
  if (!flag?.startsWith('--')) return message;
  const suggestion = nearest(flag.slice(2).split('=')[0]!, known);
  const first = message.split('. ')[0]!;
  return suggestion ? `${first}. Did you mean --${suggestion}?` : `${first}. Try --help for the options.`;
}
