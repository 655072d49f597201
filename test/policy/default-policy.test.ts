import { describe, expect, it } from 'vitest';
import { CERTIFICATE_SLOTS, REMOTE_PARTY_ROLES, type RemotePartyRole } from '../../src/duis/model.js';
import {
  DEFAULT_POLICY,
  DEVICE_TYPES,
  USER_ROLES,
  allowedSlotsForDevice,
  allowedSlotsForRole,
  isCombinationAllowed,
  isDeviceTypeEligible,
  isFutureDatingAllowed,
  isTopUpFloorApplicable,
  isUserRoleEligible,
  mpanRuleFuel,
  type DeviceType,
  type UserRole,
} from '../../src/policy/index.js';

const P = DEFAULT_POLICY;

function allowedTriples(): string[] {
  const out: string[] = [];
  for (const u of USER_ROLES)
    for (const r of REMOTE_PARTY_ROLES)
      for (const d of DEVICE_TYPES) if (isCombinationAllowed(P, u, r, d)) out.push(`${u}/${r}/${d}`);
  return out;
}

describe('DEFAULT_POLICY (DOMAIN.md section 4)', () => {
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

  it('MPAN rule device types: ESME electricity; GSME, GPF gas', () => {
    expect(P.mpanRuleDeviceTypes).toEqual({ electricity: ['ESME'], gas: ['GSME', 'GPF'] });
    expect(mpanRuleFuel(P, 'ESME')).toBe('electricity');
    expect(mpanRuleFuel(P, 'GSME')).toBe('gas');
    expect(mpanRuleFuel(P, 'GPF')).toBe('gas');
    expect(mpanRuleFuel(P, 'CHF')).toBeUndefined();
  });

  it('only uses known names', () => {
    for (const slots of Object.values(P.certificateSlotsByRole))
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
