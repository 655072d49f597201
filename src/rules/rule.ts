import type { DeviceRecord, UserRecord } from '../context.js';
import type { CertificateSlot, EmbeddedCertificate, Eui64, UpdateSecurityCredentialsKRPRequest } from '../duis/model.js';
import type { Finding } from '../findings.js';
import type { Policy } from '../policy/index.js';
import type { DecodeResult } from '../smki/index.js';

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

/** Everything the rules may look at: the request, what the caller knows about it, and the policy. */
export interface Facts {
  readonly request: UpdateSecurityCredentialsKRPRequest;
  /** The sending User, when the caller knows it. */
  readonly user?: UserRecord;
  /** The target Device, when the caller knows it. */
  readonly device?: DeviceRecord;
  /** Registry: Distributor ID -> allowed Network Operator Entity IDs. */
  readonly networkOperatorsFor: (distributorId: string) => readonly Eui64[] | undefined;
  readonly replacements: readonly DecodedReplacement[];
  readonly certificationPath: readonly DecodedCertificate[];
  readonly policy: Policy;
  /** The instant for time-based checks; absent when they are off. */
  readonly validityTime?: Date;
  /** The code the Certificate Party / MPAN rule reports (provisional, configurable). */
  readonly mpanRuleCode: string;
}

/**
 * One check: `check` returns findings (errors carry the rule's code; a rule may also return warnings that explain
 * why it could not decide). Rules never throw and never format codes.
 */
export interface Rule {
  /** Stable name, e.g. `E061505` or `certificate-role`. */
  readonly name: string;
  readonly check: (facts: Facts) => readonly Finding[];
}

export const PASS: readonly Finding[] = Object.freeze([]);
