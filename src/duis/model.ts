import type { XmlElement } from '../xml/tree.js';

/** DUIS XSD V5.4 `RemotePartyRole` enumeration. */
export const REMOTE_PARTY_ROLES = [
  'ACB',
  'NetworkOperator',
  'Recovery',
  'Root',
  'Supplier',
  'TransCoS',
  'LoadController',
] as const;
/** The party whose certificates the request replaces (DUIS XSD V5.4 `RemotePartyRole`). */
export type RemotePartyRole = (typeof REMOTE_PARTY_ROLES)[number];

/**
 * The slot a replacement certificate sits in ("Certificate Type"): the element names of DUIS XSD V5.4
 * `SupplierOrNetworkOperatorCertificatesKRP` and `ReplacementCertificatesDCCHandover`, without `Certificate`.
 */
export const CERTIFICATE_SLOTS = ['DigitalSigning', 'KeyAgreement', 'KeyAgreementTopUp'] as const;
/** The "Certificate Type" of DUIS: which slot a replacement certificate sits in. */
export type CertificateSlot = (typeof CERTIFICATE_SLOTS)[number];

/** An EUI-64, normalised to upper case and hyphen separated: `90-B3-D5-1F-30-01-00-00`. */
export type Eui64 = string;

/** A parsed RequestID: `Originator:Target:Counter`. */
export interface RequestId {
  /** The sending User's ID. */
  readonly originator: Eui64;
  /** The Device ID (or, for a Non-Device Request, the DCC or User ID the request is for). */
  readonly target: Eui64;
  /** 0..2^64-1. */
  readonly counter: bigint;
  /** As written in the document. */
  readonly text: string;
}

/** The DUIS request Header. */
export interface RequestHeader {
  readonly requestId: RequestId;
  readonly firstInSequence?: boolean;
  readonly precedingRequestId?: RequestId;
  /** 1..9 (DUIS XSD `CommandVariant`). */
  readonly commandVariant: number;
  readonly serviceReference: string;
  readonly serviceReferenceVariant: string;
}

/** A certificate carried in the request as base64 DER. */
export interface EmbeddedCertificate {
  /** DER bytes, decoded from the base64 text on first use. */
  readonly der: Uint8Array;
  /** The base64 text with whitespace removed: a cheap, exact cache key. */
  readonly base64: string;
  /** Location in the document. */
  readonly path: string;
}

/** A replacement certificate with its slot. */
export interface ReplacementCertificate extends EmbeddedCertificate {
  readonly slot: CertificateSlot;
}

/** The `ExecutionDateTime` of a future-dated request. */
export interface ExecutionDateTime {
  /** As written. */
  readonly text: string;
  /** The instant, or `undefined` when the value carries no timezone (xs:dateTime allows that). */
  readonly instant?: Date;
  readonly hasTimezone: boolean;
}

/**
 * The body of a request that places certificates on a device: DUIS XSD V5.4 bodies extending
 * `FutureDatedAbstractType` with a Remote Party Role, floor numbers, replacement and certification path
 * certificates (6.15.1 `UpdateSecurityCredentialsKRP`, 6.21 `RequestHandoverOfDCCControlledDevice`). The shared
 * certificate checks and the Certificate Party rule read this shape and no SRV by name.
 */
export interface CredentialsBody {
  /** The body element's local name. */
  readonly kind: string;
  /** Where the body element is, e.g. `/Request/Body/UpdateSecurityCredentialsKRP`. */
  readonly path: string;
  readonly executionDateTime?: ExecutionDateTime;
  readonly remotePartyRole: RemotePartyRole;
  /** 0..2^63-1. */
  readonly remotePartyFloorSeqNumber?: bigint;
  readonly remotePartyPrepaymentTopUpFloorSeqNumber?: bigint;
  /** In document order (DigitalSigning, KeyAgreement, KeyAgreementTopUp), each at most once. */
  readonly replacementCertificates: readonly ReplacementCertificate[];
  /** 1..3. */
  readonly certificationPathCertificates: readonly EmbeddedCertificate[];
  readonly applyTimeBasedCpvChecks: boolean;
}

/** The body of a request the library does not validate in depth: which element it is, nothing more. */
export interface UnvalidatedBody {
  readonly kind: 'unvalidated';
  /** The body element's local name, e.g. `ReadInventory`. */
  readonly element: string;
  readonly path: string;
}

/** A structurally valid DUIS request: the envelope every request shares, and its body. */
export interface DuisRequest<Body> {
  readonly schemaVersion: string;
  readonly header: RequestHeader;
  readonly body: Body;
  /** The `ds:Signature` element, when present, kept for verification. */
  readonly signature?: XmlElement;
}
