/**
 * The small estate the audit's tests and the HTML report's tests share: one device per status and reason (right NO,
 * wrong NO, another distributor's NO, a wrong KeyAgreement slot only, the ACB, a GPF by registration data, no MPAN,
 * unknown device, no NO rows, unknown distributor, invalid MPAN, a GSME, a CHF), and an older response that loses.
 */
import type { AuditInput } from '../../src/audit/audit.js';
import type { ValidationContext } from '../../src/context.js';
import { ACB, buildResponse, GAS_TRANSPORTER, meterRows, NO_A, NO_B, SUPPLIER } from './build-response.js';
import type { MutableContext } from './fixtures.js';

// MPAN cores with valid check digits: distributor 12 (registry NO A), 14 (registry NO B), 20 (not in the registry).
export const MPAN_12 = '1200000000011';
export const MPAN_14 = '1400000000010';
export const MPAN_20 = '2000000000015';

export const device = (n: number) => `00-DB-12-34-56-78-91-${String(n).padStart(2, '0')}`;

// Typed loosely (MutableContext) so tests can change records in place.
export function smallEstateContext(): MutableContext & ValidationContext {
  const c: MutableContext = {
    users: { [SUPPLIER]: { role: 'IS' } },
    devices: {
      [device(1)]: { type: 'ESME', mpan: MPAN_12 },
      [device(2)]: { type: 'ESME', mpan: MPAN_12 },
      [device(3)]: { type: 'ESME', mpan: MPAN_14 },
      [device(4)]: { type: 'ESME', mpan: MPAN_12 },
      [device(5)]: { type: 'ESME', mpan: MPAN_12 },
      [device(6)]: { type: 'GPF', networkOperator: [GAS_TRANSPORTER] },
      [device(7)]: { type: 'ESME' },
      [device(9)]: { type: 'ESME', mpan: MPAN_12 },
      [device(10)]: { type: 'ESME', mpan: MPAN_20 },
      [device(11)]: { type: 'ESME', mpan: '1200000000012' },
      [device(12)]: { type: 'GSME' },
      [device(13)]: { type: 'CHF' },
    },
    networkOperators: { '12': [NO_A], '14': [NO_B] },
  };
  return c as MutableContext & ValidationContext;
}

export const smallEstate = (): AuditInput[] => [
  { source: 'right.xml', xml: buildResponse({ device: device(1) }) },
  { source: 'wrong.xml', xml: buildResponse({ device: device(2), rows: meterRows(NO_B), counter: '200' }) },
  { source: 'other-distributor.xml', xml: buildResponse({ device: device(3), rows: meterRows(NO_A) }) },
  { source: 'ka-only.xml', xml: buildResponse({ device: device(4), rows: meterRows({ ds: NO_A, ka: NO_B }) }) },
  { source: 'acb.xml', xml: buildResponse({ device: device(5), rows: meterRows(ACB) }) },
  { source: 'gpf.xml', xml: buildResponse({ device: device(6), rows: meterRows(GAS_TRANSPORTER) }) },
  { source: 'no-mpan.xml', xml: buildResponse({ device: device(7) }) },
  { source: 'unknown.xml', xml: buildResponse({ device: device(8) }) },
  { source: 'no-rows.xml', xml: buildResponse({ device: device(9), rows: meterRows().filter((r) => r.role !== 'NetworkOperator') }) },
  { source: 'unknown-distributor.xml', xml: buildResponse({ device: device(10) }) },
  { source: 'invalid-mpan.xml', xml: buildResponse({ device: device(11) }) },
  { source: 'gsme.xml', xml: buildResponse({ device: device(12), rows: meterRows(GAS_TRANSPORTER) }) },
  { source: 'chf.xml', xml: buildResponse({ device: device(13) }) },
  // An older response of the wrong device, read after the newer one: the latest counter still wins.
  { source: 'wrong-older.xml', xml: buildResponse({ device: device(2), rows: meterRows(NO_A), counter: '150' }) },
];
