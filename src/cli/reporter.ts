import type { Finding } from '../findings.js';
import type { Verdict } from '../verdict.js';
import type { Summary } from './summary.js';

/** Receives the outcome of every input, in input order, then the summary. */
export interface Reporter {
  result(name: string, verdict: Verdict): void;
  /** An input that could not be read (already reported on stderr). */
  unreadable(name: string, message: string): void;
  finish(summary: Summary): void;
}

/** The finding that decided the response code. */
export function decisiveFinding(verdict: Verdict): Finding | undefined {
  const errors = verdict.findings.filter((f) => f.severity === 'error');
  return errors.find((f) => f.code === verdict.responseCode) ?? errors[0];
}

/** What a pass on the generic checks alone means, for every format: `generic checks; 4.17 body not validated`. */
export function genericNote(service: string): string {
  return `generic checks; ${service} body not validated`;
}
