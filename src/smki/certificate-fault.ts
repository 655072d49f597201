import type { Code } from '../codes.js';
import type { Scalar } from '../finding-params.js';
import { finding, type Finding } from '../findings.js';

/** Details of a certificate fault: where in the DER, what was expected and found. */
export type FaultDetails = Readonly<Record<string, Scalar | readonly string[]>>;

/** The codes a certificate decoding can end with. */
export type CertificateCode = Extract<Code, 'CERTIFICATE_MALFORMED' | 'CERTIFICATE_PROFILE' | 'CERTIFICATE_NOT_ORGANISATION'>;

/**
 * Thrown inside the decoder, caught once at its entry point: the readers sit several calls deep, and unwinding
 * to the one place that turns the first problem into a finding keeps every reader free of result plumbing.
 * It never escapes `decodeCertificate`.
 */
export class CertificateFault extends Error {
  constructor(
    readonly code: CertificateCode,
    readonly detail: string,
    readonly params?: FaultDetails,
  ) {
    super(detail);
    this.name = 'CertificateFault';
  }

  toFinding(): Finding {
    return finding(this.code, { ...this.params, reason: this.detail });
  }
}

export function malformed(detail: string, params?: FaultDetails): never {
  throw new CertificateFault('CERTIFICATE_MALFORMED', detail, params);
}

export function profile(detail: string, params?: FaultDetails): never {
  throw new CertificateFault('CERTIFICATE_PROFILE', detail, params);
}

export function notOrganisation(detail: string, params?: FaultDetails): never {
  throw new CertificateFault('CERTIFICATE_NOT_ORGANISATION', detail, params);
}
