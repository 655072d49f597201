import type { Finding } from '../findings.js';
import { escapeXmlAttribute, escapeXmlText } from '../response/xml-text.js';
import type { Verdict } from '../verdict.js';
import { decisiveFinding, type Reporter } from './reporter.js';
import type { Summary } from './summary.js';
import { PROGRAM } from './usage.js';
import type { Output } from './terminal.js';

const findingText = (f: Finding): string => [f.severity, f.code, ...(f.path ? [f.path] : []), f.message].join(' ');

/** One `<testcase>` for a validated request. */
export function formatJunitTestcase(name: string, verdict: Verdict): string {
  const lines = [`    <testcase classname="${PROGRAM}" name="${escapeXmlAttribute(name)}">`];
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
export function createJunitReporter(output: Output): Reporter {
  const testcases: string[] = [];
  let errors = 0;
  return {
    result(name, verdict) {
      testcases.push(formatJunitTestcase(name, verdict));
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
          `  <testsuite name="${PROGRAM}" ${counts} skipped="0">`,
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
