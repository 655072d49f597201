// decideAllowedParties: who may own a device's Network Operator certificates (the Certificate Party rule and the
// estate audit both ask it), read directly rather than through a request.
import { describe, expect, it } from 'vitest';
import type { DeviceRecord } from '../../context.js';
import type { CertificatePartyDeviceTypes } from '../../policy/validate.js';
import { GAS_TRANSPORTER, NO_A, NO_B } from '../../../test/support/fixtures.js';
import { decideAllowedParties, fuelOf, registryKeyFor } from './allowed-parties.js';

const DEFAULT_TYPES: CertificatePartyDeviceTypes = { electricity: ['ESME'], gas: ['GSME', 'GPF'] };
const OFF: CertificatePartyDeviceTypes = { electricity: [], gas: [] };

/** A registry answering distributor 12 with NO_A, and recording what it was asked. */
function registry(entries: Record<string, readonly string[]> = { '12': [NO_A] }) {
  const asked: string[] = [];
  const lookup = (distributorId: string) => {
    asked.push(distributorId);
    return entries[distributorId];
  };
  return { lookup, asked };
}

const decide = (device: DeviceRecord, types = DEFAULT_TYPES, entries?: Record<string, readonly string[]>) => {
  const r = registry(entries);
  return { decision: decideAllowedParties(device, types, r.lookup), asked: r.asked };
};

describe('decideAllowedParties', () => {
  it('the registry for the MPAN distributor decides an ESME without registration data', () => {
    expect(decide({ type: 'ESME', mpan: '1200000000011' })).toEqual({
      decision: { kind: 'decided', allowed: [NO_A], source: 'registry', mpan: '1200000000011', distributorId: '12', distributorName: 'London' },
      asked: ['12'],
    });
  });

  it('registration data wins over the registry, which is not even asked', () => {
    expect(decide({ type: 'ESME', mpan: '1200000000011', networkOperator: [NO_B] })).toEqual({
      decision: { kind: 'decided', allowed: [NO_B], source: 'registration-data', mpan: '1200000000011', distributorId: null, distributorName: null },
      asked: [],
    });
  });

  it('registration data without an MPAN: mpan null', () => {
    expect(decide({ type: 'ESME', networkOperator: [NO_B] }).decision).toMatchObject({ kind: 'decided', source: 'registration-data', mpan: null });
  });

  it('an empty registration-data list names no one: it falls back to the registry as if absent', () => {
    expect(decide({ type: 'ESME', mpan: '1200000000011', networkOperator: [] }).decision).toMatchObject({
      kind: 'decided',
      source: 'registry',
      allowed: [NO_A],
    });
  });

  it('a gas device: registration data decides; without it, GAS_TRANSPORTER_UNKNOWN (an MPRN names no transporter)', () => {
    expect(decide({ type: 'GSME', networkOperator: [GAS_TRANSPORTER] }).decision).toMatchObject({ kind: 'decided', allowed: [GAS_TRANSPORTER] });
    expect(decide({ type: 'GPF', mpan: '1200000000011' })).toEqual({ decision: { kind: 'undecided', code: 'GAS_TRANSPORTER_UNKNOWN' }, asked: [] });
  });

  it('an ESME without an MPAN: MPAN_UNKNOWN', () => {
    expect(decide({ type: 'ESME' })).toEqual({ decision: { kind: 'undecided', code: 'MPAN_UNKNOWN' }, asked: [] });
  });

  it('an MPAN failing its check digit: MPAN_INVALID, with the parser reason', () => {
    expect(decide({ type: 'ESME', mpan: '1200000000012' })).toEqual({
      decision: { kind: 'undecided', code: 'MPAN_INVALID', mpan: '1200000000012', reason: 'MPAN core 1200000000012: check digit is 2, expected 1' },
      asked: [],
    });
  });

  it('a distributor the registry does not know: NETWORK_OPERATOR_UNKNOWN', () => {
    expect(decide({ type: 'ESME', mpan: '2499999999991' })).toEqual({
      decision: { kind: 'undecided', code: 'NETWORK_OPERATOR_UNKNOWN', mpan: '2499999999991', distributorId: '24', distributorName: 'IPNL' },
      asked: ['24'],
    });
  });

  it('a Distributor ID outside the distributor table (99) has distributorName null, undecided or decided', () => {
    // 99 1234 5678 90, check digit 6
    expect(decide({ type: 'ESME', mpan: '9912345678906' })).toEqual({
      decision: { kind: 'undecided', code: 'NETWORK_OPERATOR_UNKNOWN', mpan: '9912345678906', distributorId: '99', distributorName: null },
      asked: ['99'],
    });
    expect(decide({ type: 'ESME', mpan: '99 1234 5678 906' }, DEFAULT_TYPES, { '99': [NO_B] })).toEqual({
      decision: { kind: 'decided', allowed: [NO_B], source: 'registry', mpan: '9912345678906', distributorId: '99', distributorName: null },
      asked: ['99'],
    });
  });

  it('an empty registry entry is treated as an unknown one: NETWORK_OPERATOR_UNKNOWN, never "nobody is allowed"', () => {
    expect(decide({ type: 'ESME', mpan: '1200000000011' }, DEFAULT_TYPES, { '12': [] })).toEqual({
      decision: { kind: 'undecided', code: 'NETWORK_OPERATOR_UNKNOWN', mpan: '1200000000011', distributorId: '12', distributorName: 'London' },
      asked: ['12'],
    });
  });

  it('near miss of the empty entry: one Entity ID decides', () => {
    expect(decide({ type: 'ESME', mpan: '1200000000011' }, DEFAULT_TYPES, { '12': [NO_B] }).decision).toMatchObject({ kind: 'decided', allowed: [NO_B] });
  });

  it('a device type the policy does not list is not-applicable, whatever is known about it', () => {
    expect(decide({ type: 'IHD', mpan: '1200000000011' })).toEqual({ decision: { kind: 'not-applicable' }, asked: [] });
    expect(decide({ type: 'ESME', mpan: '1200000000011', networkOperator: [NO_B] }, OFF)).toEqual({ decision: { kind: 'not-applicable' }, asked: [] });
    expect(decide({ type: 'GPF', networkOperator: [GAS_TRANSPORTER] }, OFF).decision).toEqual({ kind: 'not-applicable' });
    expect(decide({ type: 'ESME' }, OFF).decision).toEqual({ kind: 'not-applicable' });
  });

  it('a type listed under gas only is judged as gas (no MPAN fallback)', () => {
    expect(decide({ type: 'ESME', mpan: '1200000000011' }, { electricity: [], gas: ['ESME'] }).decision).toEqual({
      kind: 'undecided',
      code: 'GAS_TRANSPORTER_UNKNOWN',
    });
  });
});

describe('fuelOf', () => {
  it('electricity, gas, or neither; electricity wins if a policy lists a type under both', () => {
    expect(fuelOf(DEFAULT_TYPES, 'ESME')).toBe('electricity');
    expect(fuelOf(DEFAULT_TYPES, 'GPF')).toBe('gas');
    expect(fuelOf(DEFAULT_TYPES, 'IHD')).toBeUndefined();
    expect(fuelOf({ electricity: ['GPF'], gas: ['GPF'] }, 'GPF')).toBe('electricity');
    expect(fuelOf(OFF, 'ESME')).toBeUndefined();
  });
});

describe('registryKeyFor', () => {
  it('the Distributor ID of an electricity device MPAN, the entry decideAllowedParties will read', () => {
    expect(registryKeyFor({ type: 'ESME', mpan: '1200000000011' }, DEFAULT_TYPES)).toBe('12');
    expect(registryKeyFor({ type: 'ESME', mpan: '2499999999991' }, DEFAULT_TYPES)).toBe('24');
  });

  it('none when the registry will not be read: registration data, gas, off, no MPAN, an invalid MPAN', () => {
    expect(registryKeyFor({ type: 'ESME', mpan: '1200000000011', networkOperator: [NO_B] }, DEFAULT_TYPES)).toBeUndefined();
    expect(registryKeyFor({ type: 'GSME', mpan: '1200000000011' }, DEFAULT_TYPES)).toBeUndefined();
    expect(registryKeyFor({ type: 'ESME', mpan: '1200000000011' }, OFF)).toBeUndefined();
    expect(registryKeyFor({ type: 'ESME' }, DEFAULT_TYPES)).toBeUndefined();
    expect(registryKeyFor({ type: 'ESME', mpan: '1200000000012' }, DEFAULT_TYPES)).toBeUndefined();
  });

  it('an empty registration-data list still reads the registry', () => {
    expect(registryKeyFor({ type: 'ESME', mpan: '1200000000011', networkOperator: [] }, DEFAULT_TYPES)).toBe('12');
  });
});
