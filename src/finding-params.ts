/**
 * The params of every finding, by code: what a check found, as data. Checks never write prose; `messages.ts`
 * renders each code's message from these (after zod's split of issues and messages), and callers read the values
 * involved without parsing text.
 */
import type { CertificatePartyCode } from './codes.js';
import type { CertificateSlot, Eui64, RemotePartyRole } from './duis/model.js';
import type { DeviceType, UserRole } from './duis/roles.js';

/** A value that may appear in a finding's params. */
export type Scalar = string | number | boolean | null;

/** Where the XML parser stopped. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** What a structural check found wrong, for `SCHEMA_VIOLATION`. */
export type SchemaProblem =
  /** The root is not `Request` in the DUIS namespace. */
  | 'root'
  /** A required attribute is missing (`expected` names it). */
  | 'missing-attribute'
  /** An attribute the schema does not declare (`received` names it). */
  | 'attribute'
  /** A required element is missing, or another stands where it belongs. */
  | 'missing-element'
  /** An element the content model does not allow at that place. */
  | 'unexpected-element'
  /** Character data in element-only content. */
  | 'character-data'
  /** An element inside a simple-typed value. */
  | 'child-element'
  /** A value outside its datatype (`expected` names the type). */
  | 'value';

/** The Certificate Party rule's findings (E061510 on 6.15.1, E062106 on 6.21). */
export interface CertificatePartyParams {
  readonly srv: string;
  readonly certificateType: CertificateSlot;
  readonly deviceId: Eui64;
  readonly deviceType: DeviceType;
  /** The Entity ID on the certificate, as the DCC would read it; `null` when no single one can be read. */
  readonly entityId: Eui64 | null;
  /** Why no single Entity ID could be read (`entityId` is then `null`). */
  readonly unreadable?: 'not-a-certificate' | 'no-entity-id' | 'several-entity-ids' | 'entity-id-not-64-bits';
  /** The Entity IDs that could be read when there were several. */
  readonly candidates?: readonly Eui64[];
  /** The Entity IDs allowed for the device. */
  readonly allowed: readonly Eui64[];
  /** Where `allowed` came from: the device's registration data, or the registry for its MPAN's distributor. */
  readonly source: 'registration-data' | 'registry';
  readonly mpan: string | null;
  readonly distributorId: string | null;
  readonly distributorName: string | null;
}

/** A certificate the strict decoder refused: why, and where in its DER when that is known. */
export interface CertificateFaultParams {
  /** What is wrong with the certificate, e.g. `non-minimal length: leading zero length octet`. */
  readonly reason: string;
  readonly [detail: string]: Scalar | readonly string[] | undefined;
}

/** Params of each code (`I0` has no findings); every Certificate Party code has `CertificatePartyParams`. */
export type FindingParamsByCode = OwnFindingParams & { readonly [C in CertificatePartyCode]: CertificatePartyParams };

interface OwnFindingParams {
  readonly E1: { readonly userId: Eui64 };
  readonly E2: { readonly userId: Eui64; readonly userRole: UserRole; readonly srv: string; readonly eligible: readonly UserRole[] };
  readonly E11: { readonly deviceId: Eui64; readonly deviceType: DeviceType; readonly srv: string; readonly eligible: readonly DeviceType[] };
  readonly E12: { readonly srv: string; readonly body: string; readonly commandVariant: number; readonly expected: number };
  readonly E19: { readonly deviceId: Eui64 };
  readonly E061501: { readonly userRole: UserRole; readonly remotePartyRole: RemotePartyRole; readonly deviceType: DeviceType };
  readonly E061504: { readonly remotePartyRole: RemotePartyRole; readonly deviceType: DeviceType; readonly floor: string };
  readonly E061505: { readonly certificateType: CertificateSlot; readonly deviceType: DeviceType; readonly allowed: readonly CertificateSlot[] };
  readonly E061506: { readonly remotePartyRole: RemotePartyRole; readonly executionDateTime: string; readonly allowed: readonly RemotePartyRole[] };
  readonly E061507: { readonly certificateType: CertificateSlot; readonly remotePartyRole: RemotePartyRole; readonly allowed: readonly CertificateSlot[] };

  readonly INPUT_INVALID: { readonly reason: string };
  readonly XML_TOO_LARGE: { readonly limit: number; readonly received: number | null };
  readonly XML_TOO_DEEP: Position & { readonly limit: number; readonly element: string };
  readonly XML_TOO_MANY_ATTRIBUTES: Position & { readonly limit: number };
  readonly XML_TOO_MANY_NODES: Position & { readonly limit: number };
  readonly XML_DTD_FORBIDDEN: Position;
  /** `reason` is the parser's, e.g. `unbound namespace prefix: "p"`. */
  readonly XML_MALFORMED: Position & { readonly reason: string };
  readonly SCHEMA_VIOLATION: {
    readonly problem: SchemaProblem;
    readonly expected: string | null;
    readonly received: string | null;
  };
  readonly SERVICE_NOT_SUPPORTED: { readonly serviceReference: string; readonly serviceReferenceVariant: string };
  readonly SERVICE_NOT_VALIDATED: { readonly srv: string; readonly name: string; readonly body: string };
  readonly EXECUTION_DATETIME_NO_TIMEZONE: { readonly executionDateTime: string };
  readonly NO_REPLACEMENT_CERTIFICATES: { readonly srv: string };
  readonly REMOTE_PARTY_ROLE_NOT_ALLOWED: { readonly srv: string; readonly remotePartyRole: RemotePartyRole; readonly allowed: readonly RemotePartyRole[] };
  readonly CERTIFICATE_TYPE_NOT_FOR_DEVICE: {
    readonly srv: string;
    readonly certificateType: CertificateSlot;
    readonly deviceType: DeviceType;
    readonly allowed: readonly CertificateSlot[];
  };
  readonly CERTIFICATE_TYPE_NOT_FOR_ROLE: {
    readonly srv: string;
    readonly certificateType: CertificateSlot;
    readonly remotePartyRole: RemotePartyRole;
    readonly allowed: readonly CertificateSlot[];
  };

  readonly CERTIFICATE_MALFORMED: CertificateFaultParams;
  readonly CERTIFICATE_PROFILE: CertificateFaultParams;
  readonly CERTIFICATE_NOT_ORGANISATION: CertificateFaultParams;
  readonly CERTIFICATE_ROLE_MISMATCH: {
    readonly certificateType: CertificateSlot;
    readonly entityId: Eui64;
    readonly expected: RemotePartyRole;
    readonly received: string;
    readonly ou: string;
  };
  readonly CERTIFICATE_KEY_USAGE_MISMATCH: { readonly certificateType: CertificateSlot; readonly expected: string; readonly received: string };
  readonly CERTIFICATE_ENTITY_INCONSISTENT: {
    readonly certificateType: CertificateSlot;
    readonly expected: Eui64;
    readonly received: Eui64;
    readonly firstCertificateType: CertificateSlot;
  };
  readonly CERTIFICATE_PATH_MISMATCH: { readonly certificateType: CertificateSlot; readonly received: string | null; readonly expected: readonly string[] };
  readonly CERTIFICATE_NOT_VALID_NOW: {
    /** The certificate's Entity ID, or its subject DN when it has none (a CA). */
    readonly subject: string;
    readonly notBefore: string;
    readonly notAfter: string;
    readonly at: string;
  };

  readonly MPAN_UNKNOWN: { readonly srv: string; readonly deviceId: Eui64 };
  readonly MPAN_INVALID: { readonly srv: string; readonly deviceId: Eui64; readonly mpan: string; readonly reason: string };
  readonly NETWORK_OPERATOR_UNKNOWN: {
    readonly srv: string;
    readonly deviceId: Eui64;
    readonly mpan: string;
    readonly distributorId: string;
    readonly distributorName: string | null;
  };
  readonly GAS_TRANSPORTER_UNKNOWN: { readonly srv: string; readonly deviceId: Eui64; readonly deviceType: DeviceType };

  readonly SIGNATURE_MISSING: Record<string, never>;
  /** `reason` says what departs from the DUIS profile. */
  readonly SIGNATURE_PROFILE: { readonly reason: string; readonly expected: Scalar | readonly string[]; readonly received: Scalar | readonly string[] };
  readonly SIGNATURE_INVALID:
    | { readonly reason: 'signature-length'; readonly expected: number; readonly received: number; readonly derEncoded: boolean }
    | { readonly reason: 'digest'; readonly expected: string; readonly received: string }
    | { readonly reason: 'signature'; readonly issuer: string; readonly serialNumber: string };
  readonly SIGNER_UNKNOWN: { readonly issuer: string; readonly serialNumber: string };
  readonly SIGNER_NOT_ORIGINATOR: { readonly expected: string; readonly received: string };
  readonly SIGNER_NOT_VALID_NOW: {
    readonly entityId: Eui64;
    readonly serialNumber: string;
    readonly notBefore: string;
    readonly notAfter: string;
    readonly at: string;
  };
  readonly SIGNER_ROLE:
    | { readonly reason: 'role'; readonly expected: readonly string[]; readonly received: string; readonly entityId: Eui64 }
    | { readonly reason: 'key-usage'; readonly expected: 'digitalSignature'; readonly received: string; readonly entityId: Eui64 };

  /** `reason` says what is wrong at the JSON path `jsonPath` (also the finding's `path`). */
  /** `received`: the Header's Service Reference Variant, or the element found where the 6.24.1 body belongs. */
  readonly RESPONSE_WRONG_SERVICE: { readonly deviceId: Eui64 | null; readonly received: string };
  readonly RESPONSE_NO_REMOTE_PARTY_DETAILS: { readonly deviceId: Eui64; readonly counter: string };
  readonly CONTEXT_INVALID: { readonly jsonPath: string; readonly reason: string; readonly paths?: readonly string[] };
  readonly LOOKUP_FAILED: { readonly lookup: 'user' | 'device' | 'networkOperators' | 'signer'; readonly key: string; readonly error: string };
}
