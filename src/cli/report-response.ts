import { buildResponse, type BuildResponseOptions } from '../response/index.js';
import type { Verdict } from '../verdict.js';
import type { Reporter } from './reporter.js';
import type { Summary } from './summary.js';
import { printable, type Output } from './terminal.js';
import { PROGRAM } from './usage.js';

/** An XML comment naming the request a response answers (comments may not contain `--` or end with `-`). */
function sourceComment(name: string): string {
  const safe = printable(name).replace(/-(?=-)/g, '- ');
  return `<!-- ${PROGRAM}: response to ${safe} -->`;
}

/**
 * `--response`: the DUIS Response XML for each request rejected with a DUIS code on stdout; for the others, a note
 * on stderr saying why there is none. The summary goes to stderr.
 */
export function createResponseReporter(output: Output, options: BuildResponseOptions): Reporter {
  return {
    result(name: string, verdict: Verdict) {
      const built = buildResponse(verdict, options);
      if (built.ok) {
        const [declaration, ...rest] = built.xml.split('\n');
        output.out([declaration, sourceComment(name), ...rest].join('\n'));
      } else {
        const outcome = verdict.accepted ? 'ACCEPTED' : 'REJECTED';
        output.err(`${printable(name)}: ${outcome} ${verdict.responseCode}: no DUIS Response printed: ${printable(built.message)}\n`);
      }
    },
    unreadable() {},
    finish(summary: Summary) {
      output.err(`${summary.format()}\n`);
    },
  };
}
