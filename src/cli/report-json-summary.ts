import type { Verdict } from '../verdict.js';
import type { Reporter } from './reporter.js';
import type { Summary } from './summary.js';
import type { Output } from './terminal.js';

interface FileCounts {
  readonly file: string;
  readonly accepted: boolean | null;
  readonly responseCode: string | null;
  readonly service: string | null;
  readonly coverage: string | null;
  readonly errorCount: number;
  readonly warningCount: number;
  /** Why the file could not be validated at all (it was not read). */
  readonly unreadable?: string;
}

/**
 * `--format json-summary`: one JSON document at the end, ESLint-style counts per file and in total:
 * `{ "files": [{ "file", "accepted", "responseCode", "service", "coverage", "errorCount", "warningCount" }],
 *    "total": { "files", "accepted", "rejected", "unreadable", "errorCount", "warningCount", "byCode" } }`.
 */
export function createJsonSummaryReporter(output: Output): Reporter {
  const files: FileCounts[] = [];
  return {
    result(name, verdict: Verdict) {
      files.push({
        file: name,
        accepted: verdict.accepted,
        responseCode: verdict.responseCode,
        service: verdict.service ?? null,
        coverage: verdict.coverage ?? null,
        errorCount: verdict.findings.filter((f) => f.severity === 'error').length,
        warningCount: verdict.findings.filter((f) => f.severity === 'warning').length,
      });
    },
    unreadable(name, message) {
      files.push({ file: name, accepted: null, responseCode: null, service: null, coverage: null, errorCount: 0, warningCount: 0, unreadable: message });
    },
    finish(summary: Summary) {
      const total = {
        files: files.length,
        accepted: summary.accepted,
        acceptedOnGenericChecks: summary.acceptedGeneric,
        rejected: summary.rejected,
        unreadable: summary.unreadable,
        errorCount: summary.errors,
        warningCount: summary.warnings,
        byCode: Object.fromEntries(summary.byCode),
      };
      output.out(`${JSON.stringify({ files, total }, null, 2)}\n`);
      output.err(`${summary.format()}\n`);
    },
  };
}
