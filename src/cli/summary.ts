import type { Verdict } from '../verdict.js';

/** Counts of one run. */
export class Summary {
  total = 0;
  accepted = 0;
  /** Accepted after the generic checks only (an SRV not validated in depth). */
  acceptedGeneric = 0;
  rejected = 0;
  unreadable = 0;
  /** Error and warning findings over every request. */
  errors = 0;
  warnings = 0;
  /** Rejections per response code, in order of first occurrence. */
  readonly byCode = new Map<string, number>();

  add(verdict: Verdict): void {
    this.total += 1;
    for (const f of verdict.findings) {
      if (f.severity === 'error') this.errors += 1;
      else this.warnings += 1;
    }
    if (verdict.accepted) {
      this.accepted += 1;
      if (verdict.coverage === 'generic') this.acceptedGeneric += 1;
      return;
    }
    this.rejected += 1;
    this.byCode.set(verdict.responseCode, (this.byCode.get(verdict.responseCode) ?? 0) + 1);
  }

  addUnreadable(): void {
    this.unreadable += 1;
  }

  /**
   * `3 requests: 1 accepted, 2 rejected (E061510: 1, E1: 1), 0 warnings`; `4 accepted (1 on generic checks only)`
   * when some were. Warnings are always counted: a warning may say a rule could not run.
   */
  format(): string {
    const codes = [...this.byCode].map(([code, count]) => `${code}: ${count}`).join(', ');
    const requests = this.total === 1 ? '1 request' : `${this.total} requests`;
    const generic = this.acceptedGeneric > 0 ? ` (${this.acceptedGeneric} on generic checks only)` : '';
    const rejected = `${this.rejected} rejected${codes ? ` (${codes})` : ''}`;
    const warnings = this.warnings === 1 ? '1 warning' : `${this.warnings} warnings`;
    const unreadable = this.unreadable > 0 ? `, ${this.unreadable} unreadable` : '';
    return `${requests}: ${this.accepted} accepted${generic}, ${rejected}, ${warnings}${unreadable}`;
  }
}
