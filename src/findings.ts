import { CODES, type Code } from './codes.js';

/** `error` rejects the request; `warning` explains something without rejecting it. */
export type Severity = 'error' | 'warning';

/** A value involved in a finding: what was expected, what was received, which Entity ID... */
export type FindingParams = Readonly<Record<string, string | number | boolean | readonly string[] | null>>;

/**
 * One outcome of one check. `code` comes from `src/codes.ts` (or is the caller's configured MPAN-rule code);
 * `message` is rendered from the code's description and `detail`, so checks never write prose about codes.
 */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** XPath-like location in the request, e.g. `/Request/Body/UpdateSecurityCredentialsKRP/RemotePartyRole`. */
  readonly path?: string;
  readonly params?: FindingParams;
}

export interface FindingInit {
  readonly severity?: Severity;
  /** The specific reason, naming the values involved. */
  readonly detail?: string;
  readonly path?: string;
  readonly params?: FindingParams;
}

export function finding(code: Code, init: FindingInit = {}): Finding {
  const message = init.detail ? `${CODES[code].description}: ${init.detail}` : CODES[code].description;
  return {
    code,
    severity: init.severity ?? 'error',
    message,
    ...(init.path === undefined ? {} : { path: init.path }),
    ...(init.params === undefined ? {} : { params: init.params }),
  };
}
