import type { Mode } from '../options.js';
import type { Finding } from '../findings.js';
import type { Verdict } from '../verdict.js';
import { decisiveFinding, genericNote, type Reporter } from './reporter.js';
import type { Summary } from './summary.js';
import { printable, type Output } from './terminal.js';

function findingLine(f: Finding, withPath: boolean): string {
  const parts = [f.severity, f.code, ...(withPath && f.path ? [f.path] : []), f.message];
  return `  ${printable(parts.join(' '))}`;
}

/**
 * `<file>: ACCEPTED I0`, `<file>: PASSED (generic checks; 4.17 body not validated)` or
 * `<file>: REJECTED <code> <message>`, warnings indented below. With `--mode all` every finding is listed below
 * the line, which then names only the code (the first finding is not said twice).
 */
export function formatTextResult(name: string, verdict: Verdict, mode: Mode): string {
  const decisive = mode === 'all' ? '' : ` ${decisiveFinding(verdict)?.message ?? ''}`;
  const head = verdict.accepted
    ? verdict.coverage === 'generic'
      ? `${printable(name)}: PASSED (${genericNote(verdict.service)})`
      : `${printable(name)}: ACCEPTED ${verdict.responseCode}`
    : `${printable(name)}: REJECTED ${printable(`${verdict.responseCode}${decisive}`.trimEnd())}`;
  const details =
    mode === 'all'
      ? verdict.findings.map((f) => findingLine(f, true))
      : verdict.findings.filter((f) => f.severity === 'warning').map((f) => findingLine(f, false));
  return [head, ...details].join('\n') + '\n';
}

export function createTextReporter(output: Output, mode: Mode): Reporter {
  return {
    result(name, verdict) {
      output.out(formatTextResult(name, verdict, mode));
    },
    unreadable() {},
    finish(summary: Summary) {
      output.out(`${summary.format()}\n`);
    },
  };
}
