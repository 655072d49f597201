import { describe, expect, it } from 'vitest';
import { ACB, NO_A, NO_B } from '../../test/support/build-response.js';
import type { DeviceAudit, SlotAudit } from './model.js';
import { summarise } from './summary.js';

const base = { source: 's', counter: '1', deviceType: 'ESME', mpan: null, distributorName: null, holder: {} } as const;

function checked(n: number, distributorId: string | null, slots: readonly SlotAudit[]): DeviceAudit {
  const wrong = slots.some((s) => s.holderIs !== 'expected');
  return {
    ...base,
    deviceId: `00-DB-12-34-56-78-91-${String(n).padStart(2, '0')}`,
    distributorId,
    status: wrong ? 'wrong-network-operator' : 'correct',
    expected: [NO_A],
    expectedSource: distributorId === null ? 'registration-data' : 'registry',
    slots,
    actions: [],
  };
}

const right: SlotAudit[] = [
  { slot: 'DigitalSigning', holder: NO_A, holderIs: 'expected' },
  { slot: 'KeyAgreement', holder: NO_A, holderIs: 'expected' },
];
const byB: SlotAudit[] = [
  { slot: 'DigitalSigning', holder: NO_B, holderIs: 'other' },
  { slot: 'KeyAgreement', holder: NO_B, holderIs: 'other' },
];
const byBAndAcb: SlotAudit[] = [
  { slot: 'DigitalSigning', holder: ACB, holderIs: 'acb' },
  { slot: 'KeyAgreement', holder: NO_B, holderIs: 'other' },
];

describe('summarise', () => {
  it('counts checked devices per distributor, sorted by distributor, and wrong devices per holder, most first', () => {
    const devices: DeviceAudit[] = [
      checked(1, '14', right),
      checked(2, '12', byB),
      checked(3, '14', byBAndAcb),
      checked(4, '12', right),
      checked(5, '14', right),
      checked(6, null, byB),
      {
        ...base,
        deviceId: '00-DB-12-34-56-78-91-07',
        distributorId: '20',
        status: 'not-checked',
        reason: 'unknown-distributor',
        expected: [],
        slots: [],
        actions: [],
      },
    ];
    expect(summarise(devices, 9, 2)).toStrictEqual({
      responses: 9,
      devices: 7,
      byStatus: { correct: 3, 'wrong-network-operator': 3, 'not-checked': 1 },
      byReason: { 'unknown-distributor': 1 },
      // NO B holds a wrong slot on three devices (counted once per device), the ACB on one.
      wrongByHolder: [
        { holder: NO_B, devices: 3 },
        { holder: ACB, devices: 1 },
      ],
      byDistributor: [
        { distributor: '12', correct: 1, wrong: 1 },
        { distributor: '14', correct: 2, wrong: 1 },
        { distributor: 'registration-data', correct: 0, wrong: 1 },
      ],
      problems: 2,
    });
  });

  it('holders with as many devices are in Entity ID order; no devices is all zeros', () => {
    expect(summarise([checked(1, '12', [{ slot: 'KeyAgreement', holder: NO_B, holderIs: 'other' }]), checked(2, '12', [{ slot: 'KeyAgreement', holder: ACB, holderIs: 'acb' }])], 2, 0).wrongByHolder).toStrictEqual([
      { holder: NO_B, devices: 1 },
      { holder: ACB, devices: 1 },
    ]);
    expect(summarise([], 0, 0)).toStrictEqual({
      responses: 0,
      devices: 0,
      byStatus: { correct: 0, 'wrong-network-operator': 0, 'not-checked': 0 },
      byReason: {},
      wrongByHolder: [],
      byDistributor: [],
      problems: 0,
    });
  });
});
