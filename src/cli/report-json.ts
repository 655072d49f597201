import type { Verdict } from '../verdict.js';
import type { Reporter } from './reporter.js';
import type { Summary } from './summary.js';
import type { Output } from './terminal.js';

const bigintFree = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

/**
 * One JSON object per line: `{"file","accepted","responseCode","service","coverage","findings"}`; `service` and
 * `coverage` are `null` when the request could not be read far enough to know them.
 */
export function formatJsonResult(name: string, verdict: Verdict): string {
  const record = {
    file: name,
    accepted: verdict.accepted,
    responseCode: verdict.responseCode,
    service: verdict.service ?? null,
    coverage: verdict.coverage ?? null,
    findings: verdict.findings,
  };
  return `${JSON.stringify(record, bigintFree)}\n`;
}

/** JSON lines on stdout; the summary goes to stderr so stdout stays machine-readable. */
export function createJsonReporter(output: Output): Reporter {
  return {
    result(name, verdict) {
      output.out(formatJsonResult(name, verdict));
    },
    unreadable() {},
    finish(summary: Summary) {
      output.err(`${summary.format()}\n`);
    },
  };
}
