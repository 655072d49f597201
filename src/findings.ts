import { isWarningCode, type Code } from './codes.js';
import type { FindingParamsByCode } from './finding-params.js';
import { renderMessage } from './messages.js';

/** `error` rejects the request; `warning` explains something without rejecting it. */
export type Severity = 'error' | 'warning';

/** A code a finding can carry: every code of the table but `I0`. */
export type FindingCode = Exclude<Code, 'I0'>;

/** The params of a finding of code `C` (see `finding-params.ts`). */
export type FindingParams<C extends FindingCode = FindingCode> = FindingParamsByCode[C];

/**
 * One outcome of one check, discriminated on `code`: `params` holds the values involved, typed per code, and
 * `message` is rendered from the code's description and those params (checks never write prose).
 */
export type Finding = { readonly [C in FindingCode]: FindingOf<C> }[FindingCode];

/** A finding of one code. */
export interface FindingOf<C extends FindingCode> {
  readonly code: C;
  readonly severity: Severity;
  readonly message: string;
  /** XPath-like location in the request (`/Request/Body/.../RemotePartyRole`) or JSON path in the context. */
  readonly path?: string;
  readonly params: FindingParamsByCode[C];
}

/** Builds a finding: its severity defaults to the code's (`warning` codes are warnings), its message is rendered. */
export function finding<C extends FindingCode>(
  code: C,
  params: FindingParamsByCode[C],
  init: { readonly path?: string; readonly severity?: Severity } = {},
): FindingOf<C> {
  return {
    code,
    severity: init.severity ?? (isWarningCode(code) ? 'warning' : 'error'),
    message: renderMessage(code, params, init.path),
    ...(init.path === undefined ? {} : { path: init.path }),
    params,
  };
}
