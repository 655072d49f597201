import type { DeviceRecord, UserRecord } from '../context.js';
import type { ServiceVariant } from '../duis/catalogue.js';
import type { CertificateSlot, CredentialsBody, DuisRequest, EmbeddedCertificate, Eui64 } from '../duis/model.js';
import type { DeviceType, UserRole } from '../duis/roles.js';
import type { Finding, FindingCode } from '../findings.js';
import type { CertificatePartyDeviceTypes } from '../policy/validate.js';
import type { DecodeResult } from '../smki/index.js';

/** What every rule may look at: the request, what the caller knows about it, and what its service allows. */
export interface RequestFacts {
  readonly request: DuisRequest<unknown>;
  /** The catalogue entry of the request's Service Reference Variant. */
  readonly service: ServiceVariant;
  /** The sending User, when the caller knows it. */
  readonly user?: UserRecord;
  /** The target Device, when the caller knows it. */
  readonly device?: DeviceRecord;
  /** User Roles that may send the request (**E2**): the service's policy, else the SRV catalogue. */
  readonly eligibleUserRoles: readonly UserRole[];
  /** Device Types the request may target (**E11**); absent where DUIS does not publish them. */
  readonly eligibleDeviceTypes?: readonly DeviceType[];
  /** Registry: Distributor ID -> allowed Network Operator Entity IDs. */
  readonly networkOperatorsFor: (distributorId: string) => readonly Eui64[] | undefined;
  /** The instant for time-based checks; absent when they are off. */
  readonly validityTime?: Date;
}

/** A certificate of the request with its decoding, done once per validation. */
export interface DecodedCertificate {
  readonly path: string;
  readonly result: DecodeResult;
  /** The certificate as the request carries it (its DER, for readers other than the strict decoder). */
  readonly embedded: EmbeddedCertificate;
}

/** A replacement certificate with its decoding and its slot. */
export interface DecodedReplacement extends DecodedCertificate {
  readonly slot: CertificateSlot;
}

/** What the shared certificate checks read of a service's policy. */
export interface CredentialsPolicy {
  readonly certificateSlotsByDeviceType: Readonly<Partial<Record<DeviceType, readonly CertificateSlot[]>>>;
  readonly certificateSlotsByRole: Readonly<Partial<Record<string, readonly CertificateSlot[]>>>;
  readonly certificatePartyDeviceTypes: CertificatePartyDeviceTypes;
}

/** The facts of a request that places certificates: its body, its service's policy, and its certificates decoded. */
export interface CredentialFacts<B extends CredentialsBody = CredentialsBody, P extends CredentialsPolicy = CredentialsPolicy> extends RequestFacts {
  readonly request: DuisRequest<B>;
  readonly body: B;
  readonly policy: P;
  readonly replacements: readonly DecodedReplacement[];
  readonly certificationPath: readonly DecodedCertificate[];
}

/** What a rule reads from the caller's knowledge: the async validator looks up exactly this, and no more. */
export interface RuleNeeds<F> {
  readonly user?: true;
  /** `true`, or whether this request needs its target looked up as a Device. */
  readonly device?: true | ((facts: F) => boolean);
  /** The Distributor ID whose registry entry the rule reads for this request, if any. */
  readonly registry?: (facts: F) => string | undefined;
}

/**
 * One check: `check` returns findings (errors carry the rule's `code`; a rule may also return warnings that explain
 * why it could not decide). Rules never throw and never write prose: findings carry params, `messages.ts` renders.
 */
export interface Rule<F extends RequestFacts = RequestFacts> {
  /** Stable name, e.g. `E061505` or `certificate-role`. */
  readonly name: string;
  /** The code the rule reports when the request fails it. */
  readonly code: FindingCode;
  readonly needs?: RuleNeeds<F>;
  readonly check: (facts: F) => readonly Finding[];
}

export const PASS: readonly Finding[] = Object.freeze([]);
