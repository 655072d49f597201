import { describe, expect, it } from 'vitest';
import { DEVICE_TYPES, USER_ROLES, isDeviceType, isUserRole } from './roles.js';

describe('type guards', () => {
  it('isUserRole', () => {
    for (const r of USER_ROLES) expect(isUserRole(r)).toBe(true);
    for (const x of ['is', 'Supplier', '', 'ESME', 1, null, undefined, ['IS']]) expect(isUserRole(x)).toBe(false);
  });

  it('isDeviceType', () => {
    for (const d of DEVICE_TYPES) expect(isDeviceType(d)).toBe(true);
    for (const x of ['esme', 'IS', '', 'SMETS2', 0, null, {}]) expect(isDeviceType(x)).toBe(false);
  });
});
