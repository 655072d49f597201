// E11: the Device Type must be one the SRV may target (the service's policy).
import { describe, expect, it } from 'vitest';
import { definePolicy } from '../services/krp-6.15.1/policy.js';
import { ESME, exampleContext } from '../../test/support/fixtures.js';
import { check, exactFinding, findingsOf, REQUEST_ID_PATH, supplierRequest } from '../../test/support/requests.js';

describe('E11 Device Type', () => {
  it('fires for an IHD, naming the Device, its type, the SRV and the eligible types', () => {
    const context = exampleContext();
    context.devices[ESME].type = 'IHD';
    const verdict = check(supplierRequest(), context);
    expect(verdict.responseCode).toBe('E11');
    expect(verdict.findings).toEqual([
      exactFinding({ code: 'E11', path: REQUEST_ID_PATH, params: { deviceId: ESME, deviceType: 'IHD', srv: '6.15.1', eligible: ['ESME', 'GSME', 'GPF'] } }),
    ]);
  });

  it('near miss: a GPF is eligible (and then fails only on the combination for an IS User)', () => {
    const context = exampleContext();
    context.devices[ESME].type = 'GPF';
    expect(findingsOf('E11', supplierRequest(), context)).toEqual([]);
    expect(check(supplierRequest(), context).responseCode).toBe('E061501');
  });

  it('follows the policy: an ESME left out of eligibleDeviceTypes gets E11', () => {
    const policy = definePolicy({ eligibleDeviceTypes: ['GSME', 'GPF'] });
    const verdict = check(supplierRequest(), exampleContext(), { policy });
    expect(verdict.findings).toEqual([
      exactFinding({ code: 'E11', path: REQUEST_ID_PATH, params: { deviceId: ESME, deviceType: 'ESME', srv: '6.15.1', eligible: ['GSME', 'GPF'] } }),
    ]);
  });
});
