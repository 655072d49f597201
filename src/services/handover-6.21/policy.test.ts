// The 6.21 policy: its defaults ([DECISION]s of this project) and defineHandoverPolicy's validation, each error a
// TypeError naming the bad key.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY as KRP_POLICY } from '../krp-6.15.1/policy.js';
import { DEFAULT_HANDOVER_POLICY, defineHandoverPolicy, HANDOVER_POLICY_KEYS, type HandoverPolicyOverrides } from './policy.js';

const DEVICES = 'ESME, GSME, GPF, CHF, HCALCS, PPMID, IHD, CAD';
const ROLES = 'ACB, NetworkOperator, Recovery, Root, Supplier, TransCoS, LoadController';
const SLOTS = 'DigitalSigning, KeyAgreement, KeyAgreementTopUp';

/** The exact message of the TypeError defineHandoverPolicy throws for `overrides`. */
function thrown(overrides: unknown): string {
  try {
    defineHandoverPolicy(overrides as HandoverPolicyOverrides);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as TypeError).message;
  }
  throw new Error('expected a TypeError, nothing was thrown');
}

describe('DEFAULT_HANDOVER_POLICY', () => {
  it('holds the documented decisions, sharing the 6.15.1 slot tables', () => {
    expect(DEFAULT_HANDOVER_POLICY).toEqual({
      eligibleUserRoles: ['IS', 'GS'],
      eligibleDeviceTypes: ['ESME', 'GSME', 'GPF'],
      remotePartyRoles: ['NetworkOperator', 'Supplier'],
      certificateSlotsByDeviceType: KRP_POLICY.certificateSlotsByDeviceType,
      certificateSlotsByRole: KRP_POLICY.certificateSlotsByRole,
      certificatePartyDeviceTypes: { electricity: ['ESME'], gas: ['GPF', 'GSME'] },
    });
    expect(Object.keys(DEFAULT_HANDOVER_POLICY)).toEqual([...HANDOVER_POLICY_KEYS]);
    expect(Object.isFrozen(DEFAULT_HANDOVER_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_HANDOVER_POLICY.certificatePartyDeviceTypes.gas)).toBe(true);
  });
});

describe('defineHandoverPolicy', () => {
  it('with no overrides equals the default, as a fresh deep-frozen copy', () => {
    const p = defineHandoverPolicy();
    expect(p).toEqual(DEFAULT_HANDOVER_POLICY);
    expect(p).not.toBe(DEFAULT_HANDOVER_POLICY);
    expect(p.eligibleUserRoles).not.toBe(DEFAULT_HANDOVER_POLICY.eligibleUserRoles);
    for (const v of [p, p.eligibleUserRoles, p.certificateSlotsByDeviceType, p.certificateSlotsByRole.Supplier, p.certificatePartyDeviceTypes.electricity])
      expect(Object.isFrozen(v)).toBe(true);
  });

  it('each given key replaces the default as a whole, the rest stay', () => {
    const p = defineHandoverPolicy({
      eligibleUserRoles: ['GS'],
      eligibleDeviceTypes: ['GPF'],
      remotePartyRoles: ['Supplier'],
      certificateSlotsByDeviceType: { GPF: ['KeyAgreement'] },
      certificatePartyDeviceTypes: { electricity: [], gas: ['GPF'] },
      certificateSlotsByRole: undefined,
    });
    expect(p).toEqual({
      eligibleUserRoles: ['GS'],
      eligibleDeviceTypes: ['GPF'],
      remotePartyRoles: ['Supplier'],
      certificateSlotsByDeviceType: { GPF: ['KeyAgreement'] },
      certificateSlotsByRole: KRP_POLICY.certificateSlotsByRole,
      certificatePartyDeviceTypes: { electricity: [], gas: ['GPF'] },
    });
  });

  it.each<[string, unknown, string]>([
    [
      'unknown top-level key',
      { colour: 'red' },
      'defineHandoverPolicy: overrides.colour: unknown policy key "colour" (expected one of eligibleUserRoles, eligibleDeviceTypes, remotePartyRoles, certificateSlotsByDeviceType, certificateSlotsByRole, certificatePartyDeviceTypes)',
    ],
    ['overrides not a plain object', [], 'defineHandoverPolicy: overrides: expected a plain object, got an array'],
    ['unknown user role', { eligibleUserRoles: ['IS', 'XX'] }, 'defineHandoverPolicy: policy.eligibleUserRoles[1]: unknown user role "XX" (expected one of IS, GS, ED, GT, ES, RSA, OU)'],
    ['unknown device type', { eligibleDeviceTypes: ['SMETS1'] }, `defineHandoverPolicy: policy.eligibleDeviceTypes[0]: unknown device type "SMETS1" (expected one of ${DEVICES})`],
    ['unknown remote party role', { remotePartyRoles: ['Supplier', 'Landlord'] }, `defineHandoverPolicy: policy.remotePartyRoles[1]: unknown remote party role "Landlord" (expected one of ${ROLES})`],
    ['duplicate remote party role', { remotePartyRoles: ['Supplier', 'Supplier'] }, 'defineHandoverPolicy: policy.remotePartyRoles[1]: duplicate remote party role "Supplier"'],
    ['unknown device slot', { certificateSlotsByDeviceType: { ESME: ['TopUp'] } }, `defineHandoverPolicy: policy.certificateSlotsByDeviceType.ESME[0]: unknown certificate slot "TopUp" (expected one of ${SLOTS})`],
    ['unknown device key', { certificateSlotsByDeviceType: { Meter: [] } }, `defineHandoverPolicy: policy.certificateSlotsByDeviceType.Meter: unknown device type "Meter" (expected one of ${DEVICES})`],
    ['unknown role slot', { certificateSlotsByRole: { ...KRP_POLICY.certificateSlotsByRole, ACB: ['X'] } }, `defineHandoverPolicy: policy.certificateSlotsByRole.ACB[0]: unknown certificate slot "X" (expected one of ${SLOTS})`],
    ['absent role', { certificateSlotsByRole: { Supplier: ['DigitalSigning'] } }, 'defineHandoverPolicy: policy.certificateSlotsByRole: missing remote party role "ACB"'],
    ['certificate party table null', { certificatePartyDeviceTypes: null }, 'defineHandoverPolicy: policy.certificatePartyDeviceTypes: expected a plain object, got null'],
    ['missing certificate party fuel', { certificatePartyDeviceTypes: { gas: [] } }, 'defineHandoverPolicy: policy.certificatePartyDeviceTypes: missing key "electricity"'],
    ['bad gas device type', { certificatePartyDeviceTypes: { electricity: [], gas: ['Gas'] } }, `defineHandoverPolicy: policy.certificatePartyDeviceTypes.gas[0]: unknown device type "Gas" (expected one of ${DEVICES})`],
  ])('names the bad key exactly: %s', (_name, overrides, message) => {
    expect(thrown(overrides)).toBe(message);
  });

  it('accepts a policy round-tripped through JSON', () => {
    expect(defineHandoverPolicy(JSON.parse(JSON.stringify(DEFAULT_HANDOVER_POLICY)) as HandoverPolicyOverrides)).toEqual(DEFAULT_HANDOVER_POLICY);
  });
});
