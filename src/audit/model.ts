/**
 * What the estate audit reads and what it answers. A parsed 6.24.1 response (MMC XSD V5.4 `GBCSResponse` with a
 * `RetrieveDeviceSecurityCredentialsKRPRsp`) lists, per trust-anchor slot of a device, the Entity ID of the party
 * whose certificate sits there: enough to judge the Network Operator slots without any certificate bytes.
 */
import type { Eui64, RemotePartyRole } from '../duis/model.js';
import type { DeviceType } from '../duis/roles.js';
import type { Finding } from '../findings.js';

/** MMC XSD V5.4 `RemotePartyDetails/CertificateUsage`. */
export type CertificateUsage = 'DigitalSigning' | 'KeyAgreement' | 'KeyAgreementTopUp' | 'KeyCertSign';

/** One `RemotePartyDetails` row: one slot of the device, and whose certificate is in it. */
export interface RemotePartyDetail {
  readonly role?: RemotePartyRole;
  /** `ASN1Status` of the row's `StatusCode`: `success` when the device read the slot. */
  readonly status?: string;
  readonly floorSeqNumber?: bigint;
  readonly usage?: CertificateUsage;
  /** `ExistingRemotePartyID`: the Entity ID of the certificate in the slot. */
  readonly holder?: Eui64;
  /** `ExistingCertificateHash` (SHA-1, base64). */
  readonly certificateHash?: string;
}

/** A parsed 6.24.1 response, as far as the audit reads it. */
export interface CredentialsResponse {
  /** `Header/BusinessOriginatorID`: the device that answered. */
  readonly deviceId: Eui64;
  /** `Header/BusinessTargetID`: the User (or the DCC) it answered. */
  readonly targetId: Eui64;
  /** `Header/OriginatorCounter`: orders several responses of one device; the highest is the latest. */
  readonly counter: bigint;
  /** `Header/Timestamp`, as written. */
  readonly timestamp?: string;
  /** The `MessageSuccess` attribute of the 6.24.1 body, when present. */
  readonly messageSuccess?: boolean;
  readonly parties: readonly RemotePartyDetail[];
}

/** The Network Operator slots the audit judges: where a Network Operator's trust anchors sit. */
export type NetworkOperatorSlot = 'DigitalSigning' | 'KeyAgreement';

/** Whose certificate is in a Network Operator slot, against who should be there. */
export interface SlotAudit {
  readonly slot: NetworkOperatorSlot;
  readonly holder: Eui64;
  /** `expected`: an allowed Network Operator; `acb`: still the DCC's ACB (never handed over); `other`: anyone else. */
  readonly holderIs: 'expected' | 'acb' | 'other';
}

/** Why a device could not be judged. */
export type NotCheckedReason =
  /** The device is not in the context (or the lookup returned nothing). */
  | 'unknown-device'
  /** Its Device Type is not one the Certificate Party rule covers. */
  | 'device-type-not-covered'
  | 'no-mpan'
  | 'invalid-mpan'
  /** No registry entry for the MPAN's distributor. */
  | 'unknown-distributor'
  /** A gas device without registration data naming its transporter. */
  | 'no-registration-data'
  /** The response names no Network Operator DigitalSigning or KeyAgreement slot it read successfully. */
  | 'no-network-operator-rows'
  /** The response reports `MessageSuccess="false"`. */
  | 'response-unsuccessful';

/** What must be done for a device, and by whom. */
export type RemediationAction =
  | {
      /** The party whose certificate is in the slots replaces it with the expected Network Operator's. */
      readonly kind: 'replace-by-holder';
      readonly srv: '6.15.1';
      readonly by: Eui64;
      readonly slots: readonly NetworkOperatorSlot[];
      readonly replaceWith: readonly Eui64[];
    }
  | {
      /** The slots still hold the DCC's ACB certificates: the device's Supplier requests the handover. */
      readonly kind: 'handover-by-supplier';
      readonly srv: '6.21';
      /** The Supplier whose certificate the response shows in the Supplier slots; `null` when it shows none. */
      readonly by: Eui64 | null;
      readonly slots: readonly NetworkOperatorSlot[];
      readonly replaceWith: readonly Eui64[];
    };

interface DeviceAuditCommon {
  readonly deviceId: Eui64;
  /** The input the judged (latest) response came from. */
  readonly source: string;
  /** Its OriginatorCounter, as a decimal string. */
  readonly counter: string;
  readonly deviceType: DeviceType | null;
  readonly mpan: string | null;
  readonly distributorId: string | null;
  readonly distributorName: string | null;
  /** Per Network Operator slot, the Entity ID the response names; absent slots are not listed. */
  readonly holder: Readonly<Partial<Record<NetworkOperatorSlot, Eui64>>>;
}

/** A device whose Network Operator slots were judged. */
export interface CheckedDeviceAudit extends DeviceAuditCommon {
  readonly status: 'correct' | 'wrong-network-operator';
  /** The Entity IDs allowed in the Network Operator slots, and where that list came from. */
  readonly expected: readonly Eui64[];
  readonly expectedSource: 'registration-data' | 'registry';
  readonly slots: readonly SlotAudit[];
  /** Empty when correct. */
  readonly actions: readonly RemediationAction[];
}

/** A device that could not be judged, and why. */
export interface UncheckedDeviceAudit extends DeviceAuditCommon {
  readonly status: 'not-checked';
  readonly reason: NotCheckedReason;
  readonly expected: readonly Eui64[];
  readonly slots: readonly SlotAudit[];
  readonly actions: readonly [];
}

/** The audit of one device, from its latest response. */
export type DeviceAudit = CheckedDeviceAudit | UncheckedDeviceAudit;

/** An input that could not be read as a 6.24.1 response (the audit goes on without it). */
export interface AuditProblem {
  readonly source: string;
  readonly findings: readonly Finding[];
}

/** Counts of one audit. */
export interface AuditSummary {
  /** Inputs seen, read or not. */
  readonly responses: number;
  readonly devices: number;
  readonly byStatus: Readonly<Record<DeviceAudit['status'], number>>;
  readonly byReason: Readonly<Partial<Record<NotCheckedReason, number>>>;
  /** Wrong devices per party holding a wrong certificate (the ACB included), most first. */
  readonly wrongByHolder: readonly { readonly holder: Eui64; readonly devices: number }[];
  /** Checked devices per distributor (`registration-data` for devices judged by registration data). */
  readonly byDistributor: readonly { readonly distributor: string; readonly correct: number; readonly wrong: number }[];
  readonly problems: number;
}

/** The answer of `auditCredentials`: every device once, in the order first seen, and the unreadable inputs. */
export interface AuditReport {
  readonly devices: readonly DeviceAudit[];
  readonly problems: readonly AuditProblem[];
  readonly summary: AuditSummary;
}
