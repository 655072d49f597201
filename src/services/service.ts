import type { CertificatePartyCode } from '../codes.js';
import type { CredentialsBody } from '../duis/model.js';
import type { DeviceType, UserRole } from '../duis/roles.js';
import type { Finding } from '../findings.js';
import type { CredentialFacts, CredentialsPolicy, Rule } from '../rules/index.js';
import type { XmlElement } from '../xml/tree.js';

/** What a service's policy always says: who may send it and what it may target (E2, E11). */
export interface ServicePolicy extends CredentialsPolicy {
  readonly eligibleUserRoles: readonly UserRole[];
  readonly eligibleDeviceTypes: readonly DeviceType[];
}

/**
 * One Service Reference Variant validated in depth: everything about it lives in its folder, and the shared
 * layers (envelope, catalogue, certificates, signature, generic rules) know it only through this shape. Adding a
 * service is a new folder exporting one of these and one line in `src/services/index.ts`.
 */
export interface Service<B extends CredentialsBody = CredentialsBody, P extends ServicePolicy = ServicePolicy> {
  /** The Service Reference Variant, as the catalogue and the Header spell it. */
  readonly srv: string;
  /** The body element it reads (`Body/<bodyElement>`); any other body of the SRV passes as generic. */
  readonly bodyElement: B['kind'];
  /** The body, everything the DUIS XSD V5.4 checks of it, or `undefined` with findings. */
  readonly readBody: (element: XmlElement, path: string, findings: Finding[]) => B | undefined;
  /** The decisions of this service where DUIS is not public, as data. */
  readonly defaultPolicy: P;
  /** Validates (and freezes) a caller's policy for this service, or throws a TypeError naming the path. */
  readonly definePolicy: (policy: unknown) => P;
  /** The code the Certificate Party rule reports on this SRV (provisional, configurable). */
  readonly certificatePartyCode: CertificatePartyCode;
  /** The checks after structure and signature, in order. */
  readonly rules: readonly Rule<CredentialFacts<B, P>>[];
}
