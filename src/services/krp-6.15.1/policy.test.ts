import { describe, expect, it } from 'vitest';
import { CERTIFICATE_SLOTS, REMOTE_PARTY_ROLES, type RemotePartyRole } from '../../duis/model.js';
import { DEVICE_TYPES, USER_ROLES, type DeviceType, type UserRole } from '../../duis/roles.js';
import { fuelOf } from '../../rules/index.js';
import {
  DEFAULT_POLICY,
  POLICY_KEYS,
  definePolicy,
  isCombinationAllowed,
  isFutureDatingAllowed,
  isTopUpFloorApplicable,
  type PolicyOverrides,
} from './policy.js';

const isUserRoleEligible = (p: typeof DEFAULT_POLICY, u: UserRole) => p.eligibleUserRoles.includes(u);
const isDeviceTypeEligible = (p: typeof DEFAULT_POLICY, d: DeviceType) => p.eligibleDeviceTypes.includes(d);
const allowedSlotsForDevice = (p: typeof DEFAULT_POLICY, d: DeviceType) => p.certificateSlotsByDeviceType[d] ?? [];
const allowedSlotsForRole = (p: typeof DEFAULT_POLICY, r: RemotePartyRole) => p.certificateSlotsByRole[r];

const P = DEFAULT_POLICY;

function allowedTriples(): string[] {
  const out: string[] = [];
  for (const u of USER_ROLES)
    for (const r of REMOTE_PARTY_ROLES)
      for (const d of DEVICE_TYPES) if (isCombinationAllowed(P, u, r, d)) out.push(`${u}/${r}/${d}`);
  return out;
}

describe('DEFAULT_POLICY (docs/domain.md)', () => {
  it('E2: eligible user roles are IS, GS, ED, GT', () => {
    expect(USER_ROLES.filter((u) => isUserRoleEligible(P, u))).toEqual(['IS', 'GS', 'ED', 'GT']);
  });

  it('E11: eligible device types are ESME, GSME, GPF', () => {
    expect(DEVICE_TYPES.filter((d) => isDeviceTypeEligible(P, d))).toEqual(['ESME', 'GSME', 'GPF']);
  });

  describe('E061501 combinations', () => {
    it('allows exactly the listed triples', () => {
      expect(allowedTriples().sort()).toEqual(
        [
          'IS/Supplier/ESME',
          'IS/NetworkOperator/ESME',
          'IS/LoadController/ESME',
          'GS/Supplier/GSME',
          'GS/Supplier/GPF',
          'GS/NetworkOperator/GSME',
          'GS/NetworkOperator/GPF',
          'ED/NetworkOperator/ESME',
          'GT/NetworkOperator/GSME',
          'GT/NetworkOperator/GPF',
        ].sort(),
      );
    });

    it.each<[UserRole, RemotePartyRole, DeviceType, boolean]>([
      ['IS', 'Supplier', 'ESME', true],
      ['IS', 'Supplier', 'GSME', false],
      ['IS', 'NetworkOperator', 'GPF', false],
      ['IS', 'LoadController', 'ESME', true],
      ['GS', 'NetworkOperator', 'GPF', true],
      ['GS', 'LoadController', 'GSME', false],
      ['ED', 'NetworkOperator', 'ESME', true],
      ['ED', 'NetworkOperator', 'GSME', false],
      ['ED', 'Supplier', 'ESME', false],
      ['GT', 'NetworkOperator', 'GSME', true],
      ['GT', 'NetworkOperator', 'ESME', false],
      ['ES', 'Supplier', 'ESME', false],
      ['RSA', 'Supplier', 'ESME', false],
      ['OU', 'NetworkOperator', 'ESME', false],
    ])('%s / %s / %s -> %s', (u, r, d, allowed) => {
      expect(isCombinationAllowed(P, u, r, d)).toBe(allowed);
    });

    it.each<RemotePartyRole>(['Root', 'Recovery', 'ACB', 'TransCoS'])('nobody may send %s', (r) => {
      for (const u of USER_ROLES) for (const d of DEVICE_TYPES) expect(isCombinationAllowed(P, u, r, d)).toBe(false);
    });
  });

  it('E061505 slots per device type', () => {
    expect(allowedSlotsForDevice(P, 'ESME')).toEqual(['DigitalSigning', 'KeyAgreement', 'KeyAgreementTopUp']);
    expect(allowedSlotsForDevice(P, 'GSME')).toEqual(['DigitalSigning', 'KeyAgreement', 'KeyAgreementTopUp']);
    expect(allowedSlotsForDevice(P, 'GPF')).toEqual(['DigitalSigning', 'KeyAgreement']);
    expect(allowedSlotsForDevice(P, 'GPF')).not.toContain('KeyAgreementTopUp');
    expect(allowedSlotsForDevice(P, 'IHD')).toEqual([]);
  });

  it('E061507 slots per remote party role', () => {
    const table = Object.fromEntries(REMOTE_PARTY_ROLES.map((r) => [r, allowedSlotsForRole(P, r)]));
    expect(table).toEqual({
      Supplier: ['DigitalSigning', 'KeyAgreement', 'KeyAgreementTopUp'],
      NetworkOperator: ['DigitalSigning', 'KeyAgreement'],
      LoadController: ['DigitalSigning', 'KeyAgreement'],
      Root: ['DigitalSigning'],
      Recovery: ['DigitalSigning'],
      TransCoS: ['DigitalSigning'],
      ACB: ['KeyAgreement'],
    });
  });

  it('E061504: top-up floor only for Supplier on ESME or GSME', () => {
    const applicable: string[] = [];
    for (const r of REMOTE_PARTY_ROLES)
      for (const d of DEVICE_TYPES) if (isTopUpFloorApplicable(P, r, d)) applicable.push(`${r}/${d}`);
    expect(applicable).toEqual(['Supplier/ESME', 'Supplier/GSME']);
    expect(isTopUpFloorApplicable(P, 'Supplier', 'GPF')).toBe(false);
    expect(isTopUpFloorApplicable(P, 'NetworkOperator', 'ESME')).toBe(false);
  });

  it('E061506: future dating for Supplier and LoadController only', () => {
    expect(REMOTE_PARTY_ROLES.filter((r) => isFutureDatingAllowed(P, r))).toEqual(['Supplier', 'LoadController']);
  });

  it('Certificate Party rule device types: ESME electricity; GSME, GPF gas', () => {
    expect(P.certificatePartyDeviceTypes).toEqual({ electricity: ['ESME'], gas: ['GSME', 'GPF'] });
    expect(fuelOf(P.certificatePartyDeviceTypes, 'ESME')).toBe('electricity');
    expect(fuelOf(P.certificatePartyDeviceTypes, 'GSME')).toBe('gas');
    expect(fuelOf(P.certificatePartyDeviceTypes, 'GPF')).toBe('gas');
    expect(fuelOf(P.certificatePartyDeviceTypes, 'CHF')).toBeUndefined();
  });

  it('only uses known names', () => {
    for (const slots of Object.values(P.certificateSlotsByRole) as (readonly string[])[])
      for (const s of slots) expect(CERTIFICATE_SLOTS).toContain(s);
  });

  it('is deep-frozen', () => {
    const seen: unknown[] = [];
    const walk = (v: unknown): void => {
      if (v === null || typeof v !== 'object') return;
      expect(Object.isFrozen(v)).toBe(true);
      seen.push(v);
      for (const child of Object.values(v)) walk(child);
    };
    walk(P);
    expect(seen.length).toBeGreaterThan(20);
    expect(() => {
      (P.eligibleUserRoles as UserRole[]).push('ES');
    }).toThrow(TypeError);
    expect(() => {
      (P.allowedCombinations.IS?.Supplier as DeviceType[])[0] = 'GSME';
    }).toThrow(TypeError);
    expect(P.allowedCombinations.IS?.Supplier).toEqual(['ESME']);
  });

  it('is plain serialisable data', () => {
    expect(JSON.parse(JSON.stringify(P))).toEqual(P);
  });
});



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
    ['bad certificate party device', { certificatePartyDeviceTypes: { electricity: ['ESME'], gas: ['Gas'] } }, 'policy.certificatePartyDeviceTypes.gas[0]: unknown device type "Gas"'],
    ['missing certificate party fuel', { certificatePartyDeviceTypes: { electricity: ['ESME'] } }, 'policy.certificatePartyDeviceTypes: missing key "gas"'],
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

  it.each<[string, unknown, string]>([
    [
      'unknown top-level key',
      { eligibleRoles: ['IS'] },
      'definePolicy: overrides.eligibleRoles: unknown policy key "eligibleRoles" (expected one of eligibleUserRoles, eligibleDeviceTypes, allowedCombinations, certificateSlotsByDeviceType, certificateSlotsByRole, topUpFloorApplicable, futureDatingRoles, certificatePartyDeviceTypes)',
    ],
    ['top-up table not an array', { topUpFloorApplicable: { role: 'Supplier', deviceTypes: ['ESME'] } }, 'definePolicy: policy.topUpFloorApplicable: expected an array of { role, deviceTypes }'],
    ['top-up table a string', { topUpFloorApplicable: 'Supplier' }, 'definePolicy: policy.topUpFloorApplicable: expected an array of { role, deviceTypes }'],
    ['top-up row not an object', { topUpFloorApplicable: [['Supplier']] }, 'definePolicy: policy.topUpFloorApplicable[0]: expected a plain object, got an array'],
    [
      'bad top-up device type',
      { topUpFloorApplicable: [{ role: 'Supplier', deviceTypes: ['ESME'] }, { role: 'Supplier', deviceTypes: ['GSME', 'Gas'] }] },
      'definePolicy: policy.topUpFloorApplicable[1].deviceTypes[1]: unknown device type "Gas" (expected one of ESME, GSME, GPF, CHF, HCALCS, PPMID, IHD, CAD)',
    ],
    ['combination row not an object', { allowedCombinations: { IS: ['Supplier'] } }, 'definePolicy: policy.allowedCombinations.IS: expected a plain object, got an array'],
    ['combination row a class instance', { allowedCombinations: { IS: new Map() } }, 'definePolicy: policy.allowedCombinations.IS: expected a plain object, got an object'],
    [
      'bad electricity device type',
      { certificatePartyDeviceTypes: { electricity: ['Elec'], gas: [] } },
      'definePolicy: policy.certificatePartyDeviceTypes.electricity[0]: unknown device type "Elec" (expected one of ESME, GSME, GPF, CHF, HCALCS, PPMID, IHD, CAD)',
    ],
  ])('names the bad key exactly: %s', (_name, overrides, message) => {
    let error: unknown;
    try {
      definePolicy(overrides as PolicyOverrides);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe(message);
  });

  it('refuses overrides that are an instance of a class, even an empty one', () => {
    expect(() => definePolicy(new Map() as unknown as PolicyOverrides)).toThrow(
      new TypeError('definePolicy: overrides: expected a plain object, got an object'),
    );
  });

  it('accepts overrides and tables without a prototype', () => {
    const overrides = Object.assign(Object.create(null) as object, {
      futureDatingRoles: ['Supplier'],
      allowedCombinations: Object.assign(Object.create(null) as object, { ED: { NetworkOperator: ['ESME'] } }),
    }) as PolicyOverrides;
    const p = definePolicy(overrides);
    expect(p.futureDatingRoles).toEqual(['Supplier']);
    expect(p.allowedCombinations).toEqual({ ED: { NetworkOperator: ['ESME'] } });
  });

  it('reads the top-up table row by row, as fresh frozen rows', () => {
    const rows = [
      { role: 'NetworkOperator', deviceTypes: ['ESME'] },
      { role: 'Supplier', deviceTypes: [] },
    ] as const;
    const p = definePolicy({ topUpFloorApplicable: rows as unknown as PolicyOverrides['topUpFloorApplicable'] });
    expect(p.topUpFloorApplicable).toEqual([
      { role: 'NetworkOperator', deviceTypes: ['ESME'] },
      { role: 'Supplier', deviceTypes: [] },
    ]);
    expect(p.topUpFloorApplicable[0]).not.toBe(rows[0]);
    expect(Object.isFrozen(p.topUpFloorApplicable[0]!.deviceTypes)).toBe(true);
    expect(isTopUpFloorApplicable(p, 'NetworkOperator', 'ESME')).toBe(true);
    expect(isTopUpFloorApplicable(p, 'Supplier', 'ESME')).toBe(false);
    expect(definePolicy({ topUpFloorApplicable: [] }).topUpFloorApplicable).toEqual([]);
  });

  it('accepts a policy round-tripped through JSON', () => {
    const p = definePolicy(JSON.parse(JSON.stringify(DEFAULT_POLICY)) as PolicyOverrides);
    expect(p).toEqual(DEFAULT_POLICY);
  });
});
