import type { Finding } from '../findings.js';
import { escapeXmlAttribute, escapeXmlText } from '../response/xml-text.js';
import type { Verdict } from '../verdict.js';
import { decisiveFinding, genericNote, type Reporter } from './reporter.js';
import type { Summary } from './summary.js';
import { PROGRAM } from './usage.js';
import type { Output } from './terminal.js';

const findingText = (f: Finding): string => [f.severity, f.code, ...(f.path ? [f.path] : []), f.message].join(' ');

/** How a JUnit report shows a request that only got the generic checks. */
export interface JunitOptions {
  /** `<skipped>` instead of a passed test case: the body was not validated. */
  readonly skipGeneric: boolean;
}

/** One `<testcase>` for a validated request. */
export function formatJunitTestcase(name: string, verdict: Verdict, options: JunitOptions = { skipGeneric: false }): string {
  const lines = [`    <testcase classname="${PROGRAM}" name="${escapeXmlAttribute(name)}">`];
  if (verdict.accepted && verdict.coverage === 'generic' && options.skipGeneric) {
    lines.push(`      <skipped message="${escapeXmlAttribute(genericNote(verdict.service))}"/>`);
  }
  if (!verdict.accepted) {
    const message = decisiveFinding(verdict)?.message ?? '';
    const errors = verdict.findings.filter((f) => f.severity === 'error').map(findingText);
    lines.push(
      `      <failure type="${escapeXmlAttribute(verdict.responseCode)}" message="${escapeXmlAttribute(message)}">` +
        `${escapeXmlText(errors.join('\n'))}</failure>`,
    );
  }
  const warnings = verdict.findings.filter((f) => f.severity === 'warning').map(findingText);
  if (warnings.length > 0) lines.push(`      <system-out>${escapeXmlText(warnings.join('\n'))}</system-out>`);
  if (lines.length === 1) return lines[0]!.replace(/>$/, '/>');
  lines.push('    </testcase>');
  return lines.join('\n');
}

/**
 * A JUnit XML document on stdout, written at the end (the suite element carries the counts). Unreadable inputs
 * are `<error>` test cases. The summary goes to stderr.
 */
export function createJunitReporter(output: Output, options: JunitOptions): Reporter {
  const testcases: string[] = [];
  let errors = 0;
  let skipped = 0;
  return {
    result(name, verdict) {
      if (options.skipGeneric && verdict.accepted && verdict.coverage === 'generic') skipped += 1;
      testcases.push(formatJunitTestcase(name, verdict, options));
    },
    unreadable(name, message) {
      errors += 1;
      testcases.push(
        [
          `    <testcase classname="${PROGRAM}" name="${escapeXmlAttribute(name)}">`,
          `      <error type="unreadable" message="${escapeXmlAttribute(message)}"/>`,
          '    </testcase>',
        ].join('\n'),
      );
    },
    finish(summary: Summary) {
      const counts = `tests="${summary.total + errors}" failures="${summary.rejected}" errors="${errors}"`;
      output.out(
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          `<testsuites name="${PROGRAM}" ${counts}>`,
          `  <testsuite name="${PROGRAM}" ${counts} skipped="${skipped}">`,
          ...testcases,
          '  </testsuite>',
          '</testsuites>',
          '',
        ].join('\n'),
      );
      output.err(`${summary.format()}\n`);
    },
  };
}
