import { describe, expect, it } from 'vitest';
import { ACB, NO_A, NO_B, SUPPLIER } from '../../test/support/build-response.js';
import type { DeviceRecord } from '../context.js';
import { DEFAULT_HANDOVER_POLICY } from '../services/handover-6.21/policy.js';
import { judgeDevice, type DeviceKnowledge } from './judge-device.js';
import type { CredentialsResponse, RemotePartyDetail } from './model.js';

const DEVICE = '00-DB-12-34-56-78-91-01';
// MPAN cores with valid check digits: distributor 12 (London, in the registry), 20 (Southern, not in it).
const MPAN_12 = '1200000000011';
const MPAN_20 = '2000000000015';

const response = (parties: readonly RemotePartyDetail[], extra: Partial<CredentialsResponse> = {}): CredentialsResponse => ({
  deviceId: DEVICE,
  targetId: SUPPLIER,
  counter: 100n,
  parties,
  ...extra,
});

const knowledge = (device: DeviceRecord | undefined): DeviceKnowledge => ({
  device,
  registry: (id) => (id === '12' ? [NO_A] : undefined),
  deviceTypes: DEFAULT_HANDOVER_POLICY.certificatePartyDeviceTypes,
  acb: [],
});

const noRows = (ds: string, ka = ds): RemotePartyDetail[] => [
  { role: 'NetworkOperator', usage: 'DigitalSigning', holder: ds, status: 'success' },
  { role: 'NetworkOperator', usage: 'KeyAgreement', holder: ka, status: 'success' },
];

const common = {
  deviceId: DEVICE,
  source: 'a.xml',
  counter: '100',
};

describe('judgeDevice', () => {
  it('a row without a status counts as read; near miss: a status other than success does not', () => {
    const parties: RemotePartyDetail[] = [
      { role: 'NetworkOperator', usage: 'DigitalSigning', holder: NO_A },
      { role: 'NetworkOperator', usage: 'KeyAgreement', holder: NO_A },
    ];
    expect(judgeDevice(response(parties), 'a.xml', knowledge({ type: 'ESME', mpan: MPAN_12 }))).toStrictEqual({
      ...common,
      deviceType: 'ESME',
      mpan: MPAN_12,
      distributorId: '12',
      distributorName: 'London',
      holder: { DigitalSigning: NO_A, KeyAgreement: NO_A },
      status: 'correct',
      expected: [NO_A],
      expectedSource: 'registry',
      slots: [
        { slot: 'DigitalSigning', holder: NO_A, holderIs: 'expected' },
        { slot: 'KeyAgreement', holder: NO_A, holderIs: 'expected' },
      ],
      actions: [],
    });
    const unread = parties.map((p) => ({ ...p, status: 'trustAnchorNotFound' }));
    expect(judgeDevice(response(unread), 'a.xml', knowledge({ type: 'ESME', mpan: MPAN_12 }))).toMatchObject({
      status: 'not-checked',
      reason: 'no-network-operator-rows',
      holder: {},
    });
  });

  it('a Network Operator row naming no holder is passed over for the next row of that slot', () => {
    const parties: RemotePartyDetail[] = [
      { role: 'NetworkOperator', usage: 'DigitalSigning', status: 'success' },
      { role: 'NetworkOperator', usage: 'DigitalSigning', holder: NO_B, status: 'success' },
      { role: 'NetworkOperator', usage: 'KeyAgreement', status: 'success' },
    ];
    const audit = judgeDevice(response(parties), 'a.xml', knowledge({ type: 'ESME', mpan: MPAN_12 }));
    expect(audit.holder).toStrictEqual({ DigitalSigning: NO_B });
    expect(audit.slots).toStrictEqual([{ slot: 'DigitalSigning', holder: NO_B, holderIs: 'other' }]);
    expect(audit.actions).toStrictEqual([{ kind: 'replace-by-holder', srv: '6.15.1', by: NO_B, slots: ['DigitalSigning'], replaceWith: [NO_A] }]);
  });

  it('slots holding the ACB: the Supplier is the first Supplier row naming a holder, and the action lists both slots', () => {
    const parties: RemotePartyDetail[] = [
      { role: 'Supplier', usage: 'DigitalSigning', status: 'success' },
      { role: 'Supplier', usage: 'KeyAgreement', holder: SUPPLIER, status: 'success' },
      ...noRows(ACB),
      { role: 'ACB', usage: 'DigitalSigning', holder: ACB, status: 'success' },
    ];
    expect(judgeDevice(response(parties), 'a.xml', knowledge({ type: 'ESME', mpan: MPAN_12 })).actions).toStrictEqual([
      { kind: 'handover-by-supplier', srv: '6.21', by: SUPPLIER, slots: ['DigitalSigning', 'KeyAgreement'], replaceWith: [NO_A] },
    ]);
    // Near miss: a Supplier row the device could not read names no one.
    const unread = parties.map((p) => (p.role === 'Supplier' ? { ...p, status: 'trustAnchorNotFound' } : p));
    expect(judgeDevice(response(unread), 'a.xml', knowledge({ type: 'ESME', mpan: MPAN_12 })).actions).toMatchObject([{ kind: 'handover-by-supplier', by: null }]);
  });

  it('a device type the rule does not cover is not checked, with the holder still reported', () => {
    expect(judgeDevice(response(noRows(NO_A)), 'a.xml', knowledge({ type: 'CHF' }))).toStrictEqual({
      ...common,
      deviceType: 'CHF',
      mpan: null,
      distributorId: null,
      distributorName: null,
      holder: { DigitalSigning: NO_A, KeyAgreement: NO_A },
      status: 'not-checked',
      reason: 'device-type-not-covered',
      expected: [],
      slots: [],
      actions: [],
    });
  });

  it('an unknown distributor is named; near miss: an invalid MPAN names no distributor', () => {
    const unchecked = { ...common, deviceType: 'ESME', holder: { DigitalSigning: NO_A, KeyAgreement: NO_A }, status: 'not-checked', expected: [], slots: [], actions: [] };
    expect(judgeDevice(response(noRows(NO_A)), 'a.xml', knowledge({ type: 'ESME', mpan: MPAN_20 }))).toStrictEqual({
      ...unchecked,
      mpan: MPAN_20,
      distributorId: '20',
      distributorName: 'Southern',
      reason: 'unknown-distributor',
    });
    expect(judgeDevice(response(noRows(NO_A)), 'a.xml', knowledge({ type: 'ESME', mpan: '1200000000012' }))).toStrictEqual({
      ...unchecked,
      mpan: '1200000000012',
      distributorId: null,
      distributorName: null,
      reason: 'invalid-mpan',
    });
    expect(judgeDevice(response(noRows(NO_A)), 'a.xml', knowledge({ type: 'GSME' }))).toStrictEqual({
      ...unchecked,
      deviceType: 'GSME',
      mpan: null,
      distributorId: null,
      distributorName: null,
      reason: 'no-registration-data',
    });
  });
});
