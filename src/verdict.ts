import type { ResponseCode } from './codes.js';
import type { DuisRequest, UnvalidatedBody } from './duis/model.js';
import type { Finding } from './findings.js';
import type { ServiceBody } from './services/index.js';

/** How much of a request was checked: `full` for an SRV validated in depth, `generic` for every other. */
export type Coverage = 'full' | 'generic';

/** A request as the verdict carries it: its body typed by its service, or unvalidated (`body.kind`). */
export type ValidatedRequest = DuisRequest<ServiceBody | UnvalidatedBody>;

interface VerdictCommon {
  /** Errors and warnings in check order. */
  readonly findings: readonly Finding[];
  /** Whether the XML signature was verified (only with `signers` configured), and by whom it was made. */
  readonly signature?: SignatureCheck;
}

/** The DCC would accept the request (`I0`): every check that ran passed. */
export interface AcceptedVerdict extends VerdictCommon {
  readonly accepted: true;
  readonly responseCode: 'I0';
  /** The Service Reference Variant of the request, e.g. `6.21`. */
  readonly service: string;
  readonly coverage: Coverage;
  readonly request: ValidatedRequest;
}

/** The request fails a check: `responseCode` is the first failing check's, in check order. */
export interface RejectedVerdict extends VerdictCommon {
  readonly accepted: false;
  /** A DUIS code, a library code, or the code configured for a provisional rule. */
  readonly responseCode: Exclude<ResponseCode, 'I0'>;
  /** Present once the Header was read. */
  readonly service?: string;
  readonly coverage?: Coverage;
  /** Present once the request was read. */
  readonly request?: ValidatedRequest;
}

/** The answer for one request, discriminated on `accepted`. */
export type Verdict = AcceptedVerdict | RejectedVerdict;

/** Whether the XML signature was verified, and by whom it was made. */
export type SignatureCheck =
  | {
      readonly verified: true;
      /** The certificate that made the signature: its Entity ID is the RequestID originator. */
      readonly signer: { readonly entityId: string; readonly role: string; readonly issuer: string; readonly serialNumber: string };
    }
  | { readonly verified: false; readonly reason: string };
