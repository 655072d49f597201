// The policy readers shared by every service's define*Policy: each bad value is a TypeError naming its path.
import { describe, expect, it } from 'vitest';
import { deepFreeze, policyReader } from './validate.js';

const DEVICES = 'ESME, GSME, GPF, CHF, HCALCS, PPMID, IHD, CAD';
const ROLES = 'ACB, NetworkOperator, Recovery, Root, Supplier, TransCoS, LoadController';
const SLOTS = 'DigitalSigning, KeyAgreement, KeyAgreementTopUp';

/** The TypeError `run` throws, as its exact message. */
function thrown(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as TypeError).message;
  }
  throw new Error('expected a TypeError, nothing was thrown');
}

const read = policyReader('who');

describe('policyReader: object', () => {
  it('accepts a plain object and one without a prototype, returning it as is', () => {
    const plain = { a: 1 };
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(read.object(plain, 'p')).toBe(plain);
    expect(read.object(bare, 'p')).toBe(bare);
  });

  it('refuses undefined, naming the path', () => {
    expect(thrown(() => read.object(undefined, 'p'))).toBe('who: p: expected a plain object, got undefined');
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'who: p: expected a plain object, got null'],
    ['an array', [], 'who: p: expected a plain object, got an array'],
    ['a string', 'x', 'who: p: expected a plain object, got the string "x"'],
    ['a number', 5, 'who: p: expected a plain object, got number 5'],
    ['a boolean', true, 'who: p: expected a plain object, got boolean true'],
    ['a Map', new Map(), 'who: p: expected a plain object, got an object'],
    ['a Date', new Date(0), 'who: p: expected a plain object, got an object'],
    ['a class instance', new (class Table {})(), 'who: p: expected a plain object, got an object'],
    ['an object inheriting from a plain one', Object.create({ a: 1 }) as object, 'who: p: expected a plain object, got an object'],
  ])('refuses %s', (_name, value, message) => {
    expect(thrown(() => read.object(value, 'p'))).toBe(message);
  });
});

describe('policyReader: names', () => {
  it('reads known names in order, as a fresh array', () => {
    const input = ['GPF', 'ESME'];
    const out = read.deviceTypes(input, 'p');
    expect(out).toEqual(['GPF', 'ESME']);
    expect(out).not.toBe(input);
  });

  it.each<[string, unknown, string]>([
    ['an unknown name', ['ESME', 'Meter'], `who: p[1]: unknown device type "Meter" (expected one of ${DEVICES})`],
    ['a number', [1], `who: p[0]: unknown device type number 1 (expected one of ${DEVICES})`],
    ['null', [null], `who: p[0]: unknown device type null (expected one of ${DEVICES})`],
    ['an object', [{}], `who: p[0]: unknown device type an object (expected one of ${DEVICES})`],
    ['a duplicate', ['ESME', 'GPF', 'ESME'], 'who: p[2]: duplicate device type "ESME"'],
    ['not an array', { 0: 'ESME' }, 'who: p: expected an array of device types, got an object'],
  ])('refuses %s', (_name, value, message) => {
    expect(thrown(() => read.deviceTypes(value, 'p'))).toBe(message);
  });

  it('names what each list holds', () => {
    expect(thrown(() => read.userRoles(['XX'], 'u'))).toBe('who: u[0]: unknown user role "XX" (expected one of IS, GS, ED, GT, ES, RSA, OU)');
    expect(thrown(() => read.slots(['TopUp'], 's'))).toBe(`who: s[0]: unknown certificate slot "TopUp" (expected one of ${SLOTS})`);
    expect(thrown(() => read.remotePartyRoles(['DNO'], 'r'))).toBe(`who: r[0]: unknown remote party role "DNO" (expected one of ${ROLES})`);
  });
});

describe('policyReader: keys', () => {
  it('an unknown key is named with the keys expected', () => {
    expect(thrown(() => read.keys({ a: 1, c: 2 }, ['a', 'b'], 'key', 'p', false))).toBe('who: p.c: unknown key "c" (expected one of a, b)');
  });

  it('missing keys only matter when required', () => {
    expect(read.keys({ a: 1 }, ['a', 'b'], 'key', 'p', false)).toBeUndefined();
    expect(thrown(() => read.keys({ a: 1 }, ['a', 'b'], 'key', 'p', true))).toBe('who: p: missing key "b"');
    expect(read.keys({ a: 1, b: undefined }, ['a', 'b'], 'key', 'p', true)).toBeUndefined();
  });
});

describe('policyReader: tables', () => {
  it('slotsByDeviceType keeps only the device types given', () => {
    expect(read.slotsByDeviceType({ GPF: ['KeyAgreement'] }, 't')).toEqual({ GPF: ['KeyAgreement'] });
    expect(thrown(() => read.slotsByDeviceType({ GPF: ['X'] }, 't'))).toBe(`who: t.GPF[0]: unknown certificate slot "X" (expected one of ${SLOTS})`);
  });

  it('certificatePartyDeviceTypes reads both fuels, each under its own path', () => {
    expect(read.certificatePartyDeviceTypes({ electricity: ['ESME'], gas: [] }, 'c')).toEqual({ electricity: ['ESME'], gas: [] });
    expect(thrown(() => read.certificatePartyDeviceTypes({ electricity: ['Elec'], gas: [] }, 'c'))).toBe(
      `who: c.electricity[0]: unknown device type "Elec" (expected one of ${DEVICES})`,
    );
    expect(thrown(() => read.certificatePartyDeviceTypes({ electricity: [], gas: ['Gas'] }, 'c'))).toBe(
      `who: c.gas[0]: unknown device type "Gas" (expected one of ${DEVICES})`,
    );
    expect(thrown(() => read.certificatePartyDeviceTypes({ electricity: [], gas: [], water: [] }, 'c'))).toBe(
      'who: c.water: unknown key "water" (expected one of electricity, gas)',
    );
  });
});

describe('policyReader: merge', () => {
  it('each given key replaces the default as a whole; undefined is ignored', () => {
    expect(read.merge({ a: [1], b: [2] }, { a: [3], b: undefined }, ['a', 'b'])).toEqual({ a: [3], b: [2] });
  });

  it('accepts overrides without a prototype', () => {
    const overrides = Object.assign(Object.create(null) as object, { a: [3] });
    expect(read.merge({ a: [1] }, overrides, ['a'])).toEqual({ a: [3] });
  });

  it('refuses overrides that are not a plain object, and unknown keys', () => {
    expect(thrown(() => read.merge({}, new Map([['a', 1]]), ['a']))).toBe('who: overrides: expected a plain object, got an object');
    expect(thrown(() => read.merge({}, { z: 1 }, ['a', 'b']))).toBe('who: overrides.z: unknown policy key "z" (expected one of a, b)');
  });
});

describe('deepFreeze', () => {
  it('freezes an object and everything in it, and returns it', () => {
    const policy = { list: ['a'], table: { inner: { deeper: [1] } } };
    expect(deepFreeze(policy)).toBe(policy);
    for (const v of [policy, policy.list, policy.table, policy.table.inner, policy.table.inner.deeper]) expect(Object.isFrozen(v)).toBe(true);
  });

  it('passes primitives and null through', () => {
    expect(deepFreeze('IS')).toBe('IS');
    expect(deepFreeze(3)).toBe(3);
    expect(deepFreeze(null)).toBeNull();
    expect(deepFreeze(undefined)).toBeUndefined();
    expect(deepFreeze({ a: null, b: 'x' })).toEqual({ a: null, b: 'x' });
  });
});
