/**
 * The prose of the audit, in one place: every report format (text, CSV, HTML) says a reason or an action the same
 * way, and the audit itself stays data.
 */
import type { DeviceAudit, NotCheckedReason, RemediationAction } from './model.js';

const REASONS: Readonly<Record<NotCheckedReason, string>> = {
  'unknown-device': 'the device is not in the context',
  'device-type-not-covered': 'its Device Type has no Network Operator check',
  'no-mpan': 'no MPAN is known for it',
  'invalid-mpan': 'its MPAN is not a valid MPAN core',
  'unknown-distributor': 'no Network Operator is known for its distributor',
  'no-registration-data': 'no registration data names its gas transporter',
  'no-network-operator-rows': 'the response shows no Network Operator slot',
  'response-unsuccessful': 'the device reported the read as unsuccessful',
};

/** Why a device was not checked, as a clause: `no MPAN is known for it`. */
export function describeReason(reason: NotCheckedReason): string {
  return REASONS[reason];
}

/**
 * What must be done: `90-B3-D5-1F-30-03-00-00 sends 6.15.1 replacing its DigitalSigning, KeyAgreement
 * certificates with 90-B3-D5-1F-30-02-00-00's`.
 */
export function describeAction(action: RemediationAction): string {
  const slots = action.slots.join(', ');
  const expected = action.replaceWith.join(' or ');
  if (action.kind === 'replace-by-holder') return `${action.by} sends 6.15.1 replacing its ${slots} certificates with ${expected}'s`;
  const supplier = action.by ?? 'the Supplier of the device (none shown in the response)';
  return `${supplier} sends 6.21 handing the ${slots} slots over from the ACB to ${expected}`;
}

/** Where the expected parties came from: `MPAN 1200000000011, distributor 12 London` or `registration data`. */
export function describeExpectation(device: DeviceAudit): string {
  if (device.status !== 'not-checked' && device.expectedSource === 'registration-data') return 'registration data';
  const parts = [
    ...(device.mpan ? [`MPAN ${device.mpan}`] : []),
    ...(device.distributorId ? [`distributor ${device.distributorId}${device.distributorName ? ` ${device.distributorName}` : ''}`] : []),
  ];
  return parts.join(', ');
}
