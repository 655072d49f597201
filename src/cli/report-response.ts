import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

/**
 * `--response-dir DIR`: one DUIS Response document per request rejected with a DUIS code, written to
 * `DIR/<input file name>.response.xml` (`stdin.response.xml` for `-`; `-2`, `-3`... when two inputs share a name).
 * It runs beside a format reporter, which prints the results and the summary.
 */
export function createResponseDirReporter(dir: string, output: Output, options: BuildResponseOptions): Reporter {
  mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  let written = 0;
  const fileFor = (name: string): string => {
    const base = name === '-' ? 'stdin' : path.basename(name).replace(/\.xml$/i, '');
    let candidate = `${base}.response.xml`;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}-${n}.response.xml`;
    used.add(candidate);
    return candidate;
  };
  return {
    result(name: string, verdict: Verdict) {
      const built = buildResponse(verdict, options);
      if (!built.ok) return;
      writeFileSync(path.join(dir, fileFor(name)), built.xml);
      written += 1;
    },
    unreadable() {},
    finish() {
      output.err(`${written} DUIS Response document${written === 1 ? '' : 's'} written to ${printable(dir)}\n`);
    },
  };
}
