import type { UpdateSecurityCredentialsKRPRequest } from './duis/model.js';
import type { Finding } from './findings.js';

/** The answer for one request. */
export interface Verdict {
  /** True only when no error finding remains. */
  readonly accepted: boolean;
  /** `I0` when accepted, else the code of the first failing check in check order. */
  readonly responseCode: string;
  /** Errors and warnings in check order. */
  readonly findings: readonly Finding[];
  /** The parsed request, when the document was structurally valid. */
  readonly request?: UpdateSecurityCredentialsKRPRequest;
}
