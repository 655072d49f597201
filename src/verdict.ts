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
  /** Whether the XML signature was verified (only with `signers` configured), and by whom it was made. */
  readonly signature?: SignatureCheck;
}

/** Whether the XML signature was verified, and by whom it was made. */
export type SignatureCheck =
  | {
      readonly verified: true;
      /** The certificate that made the signature: its Entity ID is the RequestID originator. */
      readonly signer: { readonly entityId: string; readonly role: string; readonly issuer: string; readonly serialNumber: string };
    }
  | { readonly verified: false; readonly reason: string };
