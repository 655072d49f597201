/**
 * The DUIS Service Reference Variant catalogue: every Service Request a User can send, with the facts the
 * checks common to all requests need (docs/domain.md).
 *
 * Source: DUIS (SEC Appendix AD), the Service Request definitions, as transcribed by DCC's open-source
 * duis-parser SRV matrix. DUIS V5.4 defines 129 Service Reference Variants. This table is the project's own
 * transcription of those facts, not a copy of the matrix file; `test/duis/catalogue.test.ts` compares the two
 * entry for entry when the matrix is available, and lists every place the table departs from it.
 */
import type { UserRole } from './roles.js';

/** One Service Reference Variant (SRV) of DUIS V5.4. */
export interface ServiceVariant {
  /** The Service Reference Variant, e.g. `'6.15.1'`; unique in the catalogue. */
  readonly srv: string;
  /** The Service Reference the variant belongs to, e.g. `'6.15'` (equal to `srv` for single-variant requests). */
  readonly serviceReference: string;
  /** The DUIS Service Request Name. */
  readonly name: string;
  /** User Roles that may send this SRV; any other role gets **E2**. Empty: no User may send it. */
  readonly eligibleUserRoles: readonly UserRole[];
  /** A Non-Device Request: it targets a DCC or User ID, not a Device, so there is no **E19** for it. */
  readonly nonDevice: boolean;
  /** A Critical Service Request. */
  readonly critical: boolean;
}

interface Flags {
  readonly critical?: boolean;
  readonly nonDevice?: boolean;
}

function row(srv: string, serviceReference: string, name: string, roles: readonly UserRole[], flags: Flags = {}): ServiceVariant {
  return Object.freeze({
    srv,
    serviceReference,
    name,
    eligibleUserRoles: Object.freeze([...roles]),
    nonDevice: flags.nonDevice ?? false,
    critical: flags.critical ?? false,
  });
}

const CRITICAL: Flags = { critical: true };
const NON_DEVICE: Flags = { nonDevice: true };

// Spelled out rather than taken from USER_ROLES: a role added to the policy must not silently become eligible
// for these SRVs.
const EVERY_ROLE: readonly UserRole[] = ['IS', 'GS', 'ED', 'GT', 'ES', 'RSA', 'OU'];

/** All 129 Service Reference Variants of DUIS V5.4, in DUIS order. Frozen, rows included. */
export const SERVICE_CATALOGUE: readonly ServiceVariant[] = Object.freeze([
  // Tariff and price (1.x).
  row('1.1.1', '1.1', 'Update Import Tariff (Primary Element)', ['IS', 'GS'], CRITICAL),
  row('1.1.2', '1.1', 'Update Import Tariff (Secondary Element)', ['IS'], CRITICAL),
  row('1.2.1', '1.2', 'Update Price (Primary Element)', ['IS', 'GS'], CRITICAL),
  row('1.2.2', '1.2', 'Update Price (Secondary Element)', ['IS'], CRITICAL),
  row('1.5', '1.5', 'Update Meter Balance', ['IS', 'GS'], CRITICAL),
  row('1.6', '1.6', 'Update Payment Mode', ['IS', 'GS'], CRITICAL),
  row('1.7', '1.7', 'Reset Tariff Block Counter Matrix', ['IS'], CRITICAL),

  // Prepayment (2.x).
  row('2.1', '2.1', 'Update Prepay Configuration', ['IS', 'GS'], CRITICAL),
  row('2.2', '2.2', 'Top Up Device', ['IS', 'GS']),
  row('2.3', '2.3', 'Update Debt', ['IS', 'GS'], CRITICAL),
  row('2.5', '2.5', 'Activate Emergency Credit', ['IS', 'GS'], CRITICAL),

  // Consumer display and Supplier housekeeping (3.x).
  row('3.1', '3.1', 'Display Message', ['IS', 'GS']),
  row('3.2', '3.2', 'Restrict Access For Change Of Tenancy', ['IS', 'GS']),
  row('3.3', '3.3', 'Clear Event Log', ['IS', 'GS']),
  row('3.4', '3.4', 'Update Supplier Name', ['IS', 'GS']),
  row('3.5', '3.5', 'Disable Privacy PIN', ['IS', 'GS']),

  // Reads and logs (4.x).
  row('4.1.1', '4.1', 'Read Instantaneous Import Registers', ['IS', 'GS', 'ED', 'GT']),
  row('4.1.2', '4.1', 'Read Instantaneous Import TOU Matrices', ['IS', 'GS', 'ED', 'GT']),
  row('4.1.3', '4.1', 'Read Instantaneous Import TOU With Blocks Matrices', ['IS', 'ED']),
  row('4.1.4', '4.1', 'Read Instantaneous Import Block Counters', ['GS']),
  row('4.2', '4.2', 'Read Instantaneous Export Registers', ['ED', 'ES']),
  row('4.3', '4.3', 'Read Instantaneous Prepay Values', ['IS', 'GS']),
  row('4.4.2', '4.4', 'Retrieve Change Of Mode / Tariff Triggered Billing Data Log', ['IS', 'GS']),
  row('4.4.3', '4.4', 'Retrieve Billing Calendar Triggered Billing Data Log', ['IS', 'GS']),
  row('4.4.4', '4.4', 'Retrieve Billing Data Log (Payment Based Debt Payments)', ['IS', 'GS']),
  row('4.4.5', '4.4', 'Retrieve Billing Data Log (Prepayment Credits)', ['IS', 'GS']),
  row('4.6.1', '4.6', 'Retrieve Import Daily Read Log', ['IS', 'GS']),
  row('4.6.2', '4.6', 'Retrieve Export Daily Read Log', ['ES']),
  row('4.8.1', '4.8', 'Read Active Import Profile Data', ['IS', 'GS', 'ED', 'GT', 'OU']),
  row('4.8.2', '4.8', 'Read Reactive Import Profile Data', ['IS', 'ED', 'OU']),
  row('4.8.3', '4.8', 'Read Export Profile Data', ['ED', 'ES', 'OU']),
  row('4.10', '4.10', 'Read Network Data', ['IS', 'GS', 'ED', 'GT']),
  row('4.11.1', '4.11', 'Read Tariff (Primary Element)', ['IS', 'GS', 'OU']),
  row('4.11.2', '4.11', 'Read Tariff (Secondary Element)', ['IS', 'OU']),
  row('4.12.1', '4.12', 'Read Maximum Demand Import Registers', ['IS', 'ED']),
  row('4.12.2', '4.12', 'Read Maximum Demand Export Registers', ['ED', 'ES']),
  row('4.13', '4.13', 'Read Prepayment Configuration', ['IS', 'GS']),
  row('4.14', '4.14', 'Read Prepayment Daily Read Log', ['IS', 'GS']),
  row('4.15', '4.15', 'Read Load Limit Data', ['IS', 'ED']),
  row('4.16', '4.16', 'Read Active Power Import', ['IS', 'ED']),
  row('4.17', '4.17', 'Retrieve Daily Consumption Log', ['IS', 'GS', 'ED', 'GT', 'OU']),
  row('4.18', '4.18', 'Read Meter Balance', ['IS', 'GS']),

  // DCC schedules (5.x).
  row('5.1', '5.1', 'Create Schedule', ['IS', 'GS', 'ED', 'GT', 'ES', 'OU'], NON_DEVICE),
  row('5.2', '5.2', 'Read Schedule', ['IS', 'GS', 'ED', 'GT', 'ES', 'OU'], NON_DEVICE),
  row('5.3', '5.3', 'Delete Schedule', ['IS', 'GS', 'ED', 'GT', 'ES', 'OU'], NON_DEVICE),

  // Device configuration and security credentials (6.x).
  row('6.2.1', '6.2', 'Read Device Configuration (Voltage)', ['IS', 'ED', 'RSA']),
  row('6.2.2', '6.2', 'Read Device Configuration (Randomisation)', ['IS', 'ED', 'RSA']),
  row('6.2.3', '6.2', 'Read Device Configuration (Billing Calendar)', ['IS', 'GS', 'RSA']),
  row('6.2.4', '6.2', 'Read Device Configuration (Identity Exc MPxN)', EVERY_ROLE),
  row('6.2.5', '6.2', 'Read Device Configuration (Instantaneous Power Thresholds)', ['IS', 'RSA']),
  row('6.2.7', '6.2', 'Read Device Configuration (MPxN)', EVERY_ROLE),
  row('6.2.8', '6.2', 'Read Device Configuration (Gas)', ['GS', 'GT', 'RSA']),
  row('6.2.9', '6.2', 'Read Device Configuration (Payment Mode)', ['IS', 'GS', 'RSA']),
  row('6.2.10', '6.2', 'Read Device Configuration (Event and Alert Behaviours)', ['IS', 'GS', 'ED']),
  row('6.4.1', '6.4', 'Update Device Configuration (Load Limiting General Settings)', ['IS'], CRITICAL),
  row('6.4.2', '6.4', 'Update Device Configuration (Load Limiting Counter Reset)', ['IS']),
  row('6.5', '6.5', 'Update Device Configuration (Voltage)', ['ED']),
  row('6.6', '6.6', 'Update Device Configuration (Gas Conversion)', ['GS'], CRITICAL),
  row('6.7', '6.7', 'Update Device Configuration (Gas Flow)', ['GS'], CRITICAL),
  row('6.8', '6.8', 'Update Device Configuration (Billing Calendar)', ['IS', 'GS'], CRITICAL),
  row('6.11', '6.11', 'Synchronise Clock', ['IS', 'GS'], CRITICAL),
  row('6.12', '6.12', 'Update Device Configuration (Instantaneous Power Threshold)', ['IS']),
  row('6.13', '6.13', 'Read Event Or Security Log', ['IS', 'GS', 'ED', 'GT', 'RSA']),
  row('6.14.1', '6.14', 'Update Device Configuration (Auxiliary Load Control Description)', ['IS'], CRITICAL),
  row('6.14.2', '6.14', 'Update Device Configuration (Auxiliary Load Control Scheduler)', ['IS'], CRITICAL),
  row('6.14.3', '6.14', 'Update Device Configuration (Auxiliary Controller Scheduler)', ['IS'], CRITICAL),
  row('6.15.1', '6.15', 'Update Security Credentials (KRP)', ['IS', 'GS', 'ED', 'GT'], CRITICAL),
  row('6.15.2', '6.15', 'Update Security Credentials (Device)', ['IS', 'GS'], CRITICAL),
  row('6.17', '6.17', 'Issue Security Credentials', ['IS', 'GS'], CRITICAL),
  row('6.18.1', '6.18', 'Set Maximum Demand Configurable Time Period', ['ED']),
  row('6.18.2', '6.18', 'Reset Maximum Demand Registers', ['ED']),
  // '6.20', not the matrix's '6.2': the DUIS XSD ServiceReference enumeration and the RTDS 6.20.x requests carry 6.20
  // (the matrix value reads like 6.20 read as a number), and a real 6.20.1 request must be found by findServiceVariant.
  row('6.20.1', '6.20', 'Set Device Configuration (Import MPxN)', ['IS', 'GS']),
  row('6.20.2', '6.20', 'Set Device Configuration (Export MPAN)', ['ES']),
  row('6.21', '6.21', 'Request Handover Of DCC Controlled Device', ['IS', 'GS']),
  row('6.22', '6.22', 'Configure Alert Behaviour', ['IS', 'GS', 'ED']),
  row('6.23', '6.23', 'Update Security Credentials (CoS)', ['IS', 'GS']),
  row('6.24.1', '6.24', 'Retrieve Device Security Credentials (KRP)', ['IS', 'GS', 'ED', 'GT']),
  row('6.24.2', '6.24', 'Retrieve Device Security Credentials (Device)', ['IS', 'GS'], CRITICAL),
  row('6.25', '6.25', 'Set Electricity Supply Tamper State', ['IS'], CRITICAL),
  row('6.26', '6.26', 'Update Device Configuration (daily resetting of Tariff Block Counter Matrix)', ['IS'], CRITICAL),
  row('6.27', '6.27', 'Update Device Configuration (RMS Voltage Counter Reset)', ['ED']),
  row('6.28', '6.28', 'Set CHF Sub GHz Configuration', ['IS', 'GS']),
  row('6.29', '6.29', 'Request CHF Sub GHz Channel Scan', ['IS', 'GS']),
  row('6.30', '6.30', 'Read CHF Sub GHz Configuration', ['IS', 'GS', 'RSA']),
  row('6.31', '6.31', 'Read CHF Sub GHz Channel', ['IS', 'GS', 'RSA']),
  row('6.32', '6.32', 'Read CHF Sub GHz Channel Log', ['IS', 'GS', 'RSA']),

  // Supply and load control (7.x).
  row('7.1', '7.1', 'Enable Supply', ['IS'], CRITICAL),
  row('7.2', '7.2', 'Disable Supply', ['IS', 'GS'], CRITICAL),
  row('7.3', '7.3', 'Arm Supply', ['IS', 'GS'], CRITICAL),
  row('7.4', '7.4', 'Read Supply Status', ['IS', 'GS', 'ED', 'GT', 'ES', 'RSA']),
  row('7.5', '7.5', 'Activate Auxiliary Load', ['IS'], CRITICAL),
  row('7.6', '7.6', 'Deactivate Auxiliary Load', ['IS'], CRITICAL),
  row('7.7', '7.7', 'Read Auxiliary Load Switch Data', ['IS', 'ED', 'OU']),
  row('7.8', '7.8', 'Reset Auxiliary Load', ['IS'], CRITICAL),
  row('7.9', '7.9', 'Add Auxiliary Load To Boost Button', ['IS']),
  row('7.10', '7.10', 'Remove Auxiliary Load From Boost Button', ['IS']),
  row('7.11', '7.11', 'Read Boost Button Details', ['IS', 'OU']),
  row('7.12', '7.12', 'Set Randomised Offset Limit', ['IS'], CRITICAL),
  row('7.13', '7.13', 'Set Auxiliary Controller State', ['IS'], CRITICAL),
  row('7.14', '7.14', 'Read Auxiliary Controller Configuration Data', ['IS', 'ED', 'OU']),
  row('7.15', '7.15', 'Read Auxiliary Controller Operational Data', ['IS', 'ED', 'OU']),
  // The matrix names no eligible User Role for 7.16, 8.5 and 8.6: kept empty (every User gets E2), not guessed.
  row('7.16', '7.16', 'Limit APC Level', [], CRITICAL),

  // Commissioning, inventory and HAN membership (8.x).
  row('8.1.1', '8.1', 'Commission Device', ['IS', 'GS'], CRITICAL),
  // Names are the matrix text verbatim, embedded note and stray punctuation included (8.2, 8.14.x): unlike 6.20
  // there is no normative text at hand to correct them against.
  row('8.2', '8.2', 'Read Inventory', EVERY_ROLE, NON_DEVICE),
  row('8.3', '8.3', 'Decommission Device', ['IS', 'GS'], NON_DEVICE),
  row('8.4', '8.4', 'Update Inventory', EVERY_ROLE, NON_DEVICE),
  row('8.5', '8.5', 'Service Opt Out', []),
  row('8.6', '8.6', 'Service Opt In', [], NON_DEVICE),
  row('8.7.1', '8.7', 'Join Service (Critical)', ['IS', 'GS'], CRITICAL),
  row('8.7.2', '8.7', 'Join Service (Non-Critical)', ['IS', 'GS', 'OU']),
  row('8.8.1', '8.8', 'Unjoin Service (Critical)', ['IS', 'GS'], CRITICAL),
  row('8.8.2', '8.8', 'Unjoin Service (Non-Critical)', ['IS', 'GS', 'OU']),
  row('8.9', '8.9', 'Read Device Log', ['IS', 'GS', 'OU']),
  row('8.11', '8.11', 'Update HAN Device Log', ['IS', 'GS', 'OU']),
  row('8.12.1', '8.12', 'Restore HAN Device Log', ['IS', 'GS']),
  row('8.12.2', '8.12', 'Restore Gas Proxy Function Device Log', ['IS', 'GS']),
  row('8.13', '8.13', 'Return Local Command Response', ['IS', 'GS'], NON_DEVICE),
  row('8.14.1', '8.14', 'Communications Hub Status Update - Install Success', ['IS', 'GS'], NON_DEVICE),
  row('8.14.2', '8.14', 'Communications Hub Status Update - Install No SM WAN', ['IS', 'GS'], NON_DEVICE),
  row('8.14.3', '8.14', 'Communications Hub Status Update - Fault Return', ['IS', 'GS'], NON_DEVICE),
  row('8.14.4', '8.14', 'Communications Hub Status Update - No Fault Return', ['IS', 'GS'], NON_DEVICE),

  // Customer Identification Number (9.x).
  row('9.1', '9.1', 'Request Customer Identification Number', ['OU']),

  // Firmware (11.x).
  row('11.1', '11.1', 'Update Firmware', ['IS', 'GS'], NON_DEVICE),
  row('11.2', '11.2', 'Read Firmware Version', EVERY_ROLE),
  row('11.3', '11.3', 'Activate Firmware', ['IS', 'GS'], CRITICAL),
  row('11.4', '11.4', 'Update PPMID Firmware', ['IS', 'GS'], NON_DEVICE),

  // WAN coverage and device pre-notification (12.x).
  row('12.1', '12.1', 'Request WAN Matrix', EVERY_ROLE, NON_DEVICE),
  row('12.2', '12.2', 'Device Pre-notification', EVERY_ROLE, NON_DEVICE),

  // Network data (14.x).
  row('14.1', '14.1', 'Record Network Data (GAS)', ['GT']),
]);

const BY_SRV: ReadonlyMap<string, ServiceVariant> = new Map(SERVICE_CATALOGUE.map((variant) => [variant.srv, variant]));

/**
 * The variant a request names, or `undefined` when the ServiceReference / ServiceReferenceVariant pair is not
 * one DUIS defines. Exact string match on both: `'6.15'` with `'6.15.1'` is found; `'6.15'` with `'6.21'`,
 * or `' 6.15'`, is not.
 */
export function findServiceVariant(serviceReference: string, srv: string): ServiceVariant | undefined {
  const variant = BY_SRV.get(srv);
  return variant?.serviceReference === serviceReference ? variant : undefined;
}

/** The variant with this Service Reference Variant (exact string match), whatever Service Reference it is sent with. */
export function serviceVariantById(srv: string): ServiceVariant | undefined {
  return BY_SRV.get(srv);
}
