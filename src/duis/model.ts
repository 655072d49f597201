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
 * `SupplierOrNetworkOperatorCertificatesKRP`, without the `Certificate` suffix.
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
  /** The Device ID. */
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
  /** DER bytes, decoded from the base64 text. */
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

/** The `UpdateSecurityCredentialsKRP` body, every element of DUIS XSD V5.4 typed. */
export interface UpdateSecurityCredentialsKRPBody {
  readonly kind: 'UpdateSecurityCredentialsKRP';
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

/** A structurally valid 6.15.1 Update Security Credentials (KRP) request. */
export interface UpdateSecurityCredentialsKRPRequest {
  readonly schemaVersion: string;
  readonly header: RequestHeader;
  readonly body: UpdateSecurityCredentialsKRPBody;
  /** The `ds:Signature` element, when present, kept for verification. */
  readonly signature?: XmlElement;
}
