import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  POLICY_KEYS,
  definePolicy,
  isCombinationAllowed,
  isFutureDatingAllowed,
  type PolicyOverrides,
} from '../../src/policy/index.js';

describe('definePolicy', () => {
  it('with no overrides equals the default, as a fresh frozen copy', () => {
    const p = definePolicy();
    expect(p).toEqual(DEFAULT_POLICY);
    expect(p).not.toBe(DEFAULT_POLICY);
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.allowedCombinations.IS)).toBe(true);
    expect(definePolicy({})).toEqual(DEFAULT_POLICY);
  });

  it('replaces one top-level key and leaves the rest', () => {
    const p = definePolicy({ futureDatingRoles: ['Supplier'] });
    expect(p.futureDatingRoles).toEqual(['Supplier']);
    expect(isFutureDatingAllowed(p, 'LoadController')).toBe(false);
    for (const key of POLICY_KEYS) {
      if (key !== 'futureDatingRoles') expect(p[key]).toEqual(DEFAULT_POLICY[key]);
    }
  });

  it('does not deep-merge: a replaced table is the whole table', () => {
    const p = definePolicy({ allowedCombinations: { ED: { NetworkOperator: ['ESME'] } } });
    expect(isCombinationAllowed(p, 'ED', 'NetworkOperator', 'ESME')).toBe(true);
    expect(isCombinationAllowed(p, 'IS', 'Supplier', 'ESME')).toBe(false);
  });

  it('extends a table by spreading the default', () => {
    const p = definePolicy({
      allowedCombinations: { ...DEFAULT_POLICY.allowedCombinations, ES: { Supplier: ['ESME'] } },
    });
    expect(isCombinationAllowed(p, 'ES', 'Supplier', 'ESME')).toBe(true);
    expect(isCombinationAllowed(p, 'IS', 'Supplier', 'ESME')).toBe(true);
  });

  it('ignores keys whose value is undefined', () => {
    expect(definePolicy({ futureDatingRoles: undefined })).toEqual(DEFAULT_POLICY);
  });

  it('copies: later mutation of the overrides does not leak in', () => {
    const roles: ('Supplier' | 'LoadController')[] = ['Supplier'];
    const p = definePolicy({ futureDatingRoles: roles });
    roles.push('LoadController');
    expect(p.futureDatingRoles).toEqual(['Supplier']);
    expect(Object.isFrozen(roles)).toBe(false);
  });

  it.each<[string, unknown, string]>([
    ['unknown top-level key', { eligibleRoles: ['IS'] }, 'definePolicy: overrides.eligibleRoles: unknown policy key "eligibleRoles"'],
    ['unknown user role', { eligibleUserRoles: ['IS', 'XX'] }, 'definePolicy: policy.eligibleUserRoles[1]: unknown user role "XX" (expected one of IS, GS, ED, GT, ES, RSA, OU)'],
    ['unknown device type', { eligibleDeviceTypes: ['ESME', 'SMETS1'] }, 'policy.eligibleDeviceTypes[1]: unknown device type "SMETS1"'],
    ['duplicate', { eligibleDeviceTypes: ['ESME', 'ESME'] }, 'policy.eligibleDeviceTypes[1]: duplicate device type "ESME"'],
    ['not an array', { futureDatingRoles: 'Supplier' }, 'policy.futureDatingRoles: expected an array of remote party roles, got the string "Supplier"'],
    ['unknown user role key', { allowedCombinations: { XX: {} } }, 'policy.allowedCombinations.XX: unknown user role "XX"'],
    ['unknown remote party role key', { allowedCombinations: { IS: { DNO: ['ESME'] } } }, 'policy.allowedCombinations.IS.DNO: unknown remote party role "DNO"'],
    ['unknown device in combination', { allowedCombinations: { IS: { Supplier: ['XYZ'] } } }, 'policy.allowedCombinations.IS.Supplier[0]: unknown device type "XYZ"'],
    ['null table', { allowedCombinations: null }, 'policy.allowedCombinations: expected a plain object, got null'],
    ['unknown slot', { certificateSlotsByDeviceType: { ESME: ['TopUp'] } }, 'policy.certificateSlotsByDeviceType.ESME[0]: unknown certificate slot "TopUp" (expected one of DigitalSigning, KeyAgreement, KeyAgreementTopUp)'],
    ['unknown device key', { certificateSlotsByDeviceType: { Meter: [] } }, 'policy.certificateSlotsByDeviceType.Meter: unknown device type "Meter"'],
    ['missing role', { certificateSlotsByRole: { ...DEFAULT_POLICY.certificateSlotsByRole, ACB: undefined } }, 'policy.certificateSlotsByRole.ACB: expected an array of certificate slots, got undefined'],
    ['absent role', { certificateSlotsByRole: { Supplier: ['DigitalSigning'] } }, 'policy.certificateSlotsByRole: missing remote party role "ACB"'],
    ['bad top-up role', { topUpFloorApplicable: [{ role: 'Supp', deviceTypes: ['ESME'] }] }, 'policy.topUpFloorApplicable[0].role: unknown remote party role "Supp"'],
    ['extra top-up key', { topUpFloorApplicable: [{ role: 'Supplier', deviceTypes: [], x: 1 }] }, 'policy.topUpFloorApplicable[0].x: unknown key "x"'],
    ['missing top-up key', { topUpFloorApplicable: [{ role: 'Supplier' }] }, 'policy.topUpFloorApplicable[0]: missing key "deviceTypes"'],
    ['bad mpan device', { mpanRuleDeviceTypes: { electricity: ['ESME'], gas: ['Gas'] } }, 'policy.mpanRuleDeviceTypes.gas[0]: unknown device type "Gas"'],
    ['missing mpan fuel', { mpanRuleDeviceTypes: { electricity: ['ESME'] } }, 'policy.mpanRuleDeviceTypes: missing key "gas"'],
    ['number in list', { eligibleUserRoles: [1] }, 'policy.eligibleUserRoles[0]: unknown user role number 1'],
  ])('throws TypeError on %s', (_name, overrides, message) => {
    expect(() => definePolicy(overrides as PolicyOverrides)).toThrow(TypeError);
    expect(() => definePolicy(overrides as PolicyOverrides)).toThrow(message);
  });

  it('throws TypeError when the overrides are not a plain object', () => {
    expect(() => definePolicy([] as unknown as PolicyOverrides)).toThrow(
      'definePolicy: overrides: expected a plain object, got an array',
    );
    expect(() => definePolicy(null as unknown as PolicyOverrides)).toThrow(TypeError);
  });

  it('accepts a policy round-tripped through JSON', () => {
    const p = definePolicy(JSON.parse(JSON.stringify(DEFAULT_POLICY)) as PolicyOverrides);
    expect(p).toEqual(DEFAULT_POLICY);
  });
});
