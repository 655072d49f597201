import type { Finding } from '../findings.js';
import type { Verdict } from '../verdict.js';
import type { Reporter } from './reporter.js';
import type { Summary } from './summary.js';
import type { Output } from './terminal.js';

// GitHub Actions workflow commands: `%`, CR and LF are escaped in the message; in a property value `:` and `,` too.
const data = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (text: string): string => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

function annotation(name: string, f: Finding): string {
  const level = f.severity === 'error' ? 'error' : 'warning';
  const title = f.path ? `${f.code} at ${f.path}` : f.code;
  return `::${level} file=${property(name)},title=${property(title)}::${data(f.message)}\n`;
}

/**
 * `--format github`: one GitHub Actions annotation per finding (`::error file=…,title=E061510 at /Request/…::…`),
 * so a pull request shows each failing request where the job ran. The summary goes to stderr.
 */
export function createGithubReporter(output: Output): Reporter {
  return {
    result(name, verdict: Verdict) {
      for (const f of verdict.findings) output.out(annotation(name, f));
    },
    unreadable(name, message) {
      output.out(`::error file=${property(name)},title=unreadable::${data(message)}\n`);
    },
    finish(summary: Summary) {
      output.err(`${summary.format()}\n`);
    },
  };
}
