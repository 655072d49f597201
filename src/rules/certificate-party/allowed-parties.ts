/**
 * Who may own the Network Operator certificates of a device: the one decision behind the Certificate Party rule
 * (6.15.1 E061510, 6.21 E062106) and the estate audit, so a request and a meter are judged alike.
 *
 * DCC's proposed solution to SECMP0063 checks the certificate against the Network Operator that Registration Data
 * records for the device's MPAN or MPRN; the proposal itself used the MPAN's first two digits. So registration
 * data naming the device's Network Operator (or gas transporter) wins; for electricity the distributor registry
 * for the MPAN is the fallback; where neither decides, the DCC "reverts to default functionality" and so does this.
 */
import type { DeviceRecord } from '../../context.js';
import type { Eui64 } from '../../duis/model.js';
import type { DeviceType } from '../../duis/roles.js';
import { parseMpanCore } from '../../mpan/index.js';
import type { CertificatePartyDeviceTypes } from '../../policy/validate.js';

/** Why the decision could not be made: the code of the warning that says so. */
export type Undecided =
  | { readonly kind: 'undecided'; readonly code: 'MPAN_UNKNOWN' }
  | { readonly kind: 'undecided'; readonly code: 'MPAN_INVALID'; readonly mpan: string; readonly reason: string }
  | {
      readonly kind: 'undecided';
      readonly code: 'NETWORK_OPERATOR_UNKNOWN';
      readonly mpan: string;
      readonly distributorId: string;
      readonly distributorName: string | null;
    }
  | { readonly kind: 'undecided'; readonly code: 'GAS_TRANSPORTER_UNKNOWN' };

/** The Entity IDs that may own the device's Network Operator certificates, and where that list came from. */
export interface Decided {
  readonly kind: 'decided';
  readonly allowed: readonly Eui64[];
  readonly source: 'registration-data' | 'registry';
  readonly mpan: string | null;
  readonly distributorId: string | null;
  readonly distributorName: string | null;
}

/**
 * Which parties may own a device's Network Operator certificates: the rule does not apply to the device type, it
 * cannot decide (and says why), or it decided from registration data or the registry.
 */
export type PartyDecision = { readonly kind: 'not-applicable' } | Undecided | Decided;

/** Which fuel's check applies to a device type, if any. Electricity wins if a policy lists a type under both. */
export function fuelOf(deviceTypes: CertificatePartyDeviceTypes, type: DeviceType): 'electricity' | 'gas' | undefined {
  if (deviceTypes.electricity.includes(type)) return 'electricity';
  if (deviceTypes.gas.includes(type)) return 'gas';
  return undefined;
}

/** The Distributor ID whose registry entry the decision for `device` reads, if it reads one at all. */
export function registryKeyFor(device: DeviceRecord, deviceTypes: CertificatePartyDeviceTypes): string | undefined {
  if (device.networkOperator?.length || fuelOf(deviceTypes, device.type) !== 'electricity' || device.mpan === undefined) return undefined;
  const mpan = parseMpanCore(device.mpan);
  return mpan.ok ? mpan.mpan.distributorId : undefined;
}

/** The decision for one device. `registry` answers a Distributor ID with its allowed Entity IDs. */
export function decideAllowedParties(
  device: DeviceRecord,
  deviceTypes: CertificatePartyDeviceTypes,
  registry: (distributorId: string) => readonly Eui64[] | undefined,
): PartyDecision {
  const fuel = fuelOf(deviceTypes, device.type);
  if (!fuel) return { kind: 'not-applicable' };
  // An empty registration-data list names no one: it falls back as if absent.
  if (device.networkOperator?.length) {
    return { kind: 'decided', allowed: device.networkOperator, source: 'registration-data', mpan: device.mpan ?? null, distributorId: null, distributorName: null };
  }
  if (fuel === 'gas') return { kind: 'undecided', code: 'GAS_TRANSPORTER_UNKNOWN' };
  if (device.mpan === undefined) return { kind: 'undecided', code: 'MPAN_UNKNOWN' };
  const parsed = parseMpanCore(device.mpan);
  if (!parsed.ok) return { kind: 'undecided', code: 'MPAN_INVALID', mpan: device.mpan, reason: parsed.message };
  const { core, distributorId, distributor } = parsed.mpan;
  const distributorName = distributor?.name ?? null;
  const allowed = registry(distributorId);
  // An empty registry entry is treated as an unknown one: nothing to compare against, so the rule cannot decide.
  if (!allowed || allowed.length === 0) return { kind: 'undecided', code: 'NETWORK_OPERATOR_UNKNOWN', mpan: core, distributorId, distributorName };
  return { kind: 'decided', allowed, source: 'registry', mpan: core, distributorId, distributorName };
}
