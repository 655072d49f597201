import { describe, expect, it } from 'vitest';
import { requestHandover } from './index.js';
import { DEFAULT_HANDOVER_POLICY } from './policy.js';

describe('the 6.21 service', () => {
  it('reads RequestHandoverOfDCCControlledDevice, with E062106 as its Certificate Party code and its default policy', () => {
    expect(requestHandover).toMatchObject({ srv: '6.21', bodyElement: 'RequestHandoverOfDCCControlledDevice', certificatePartyCode: 'E062106' });
    expect(requestHandover.defaultPolicy).toBe(DEFAULT_HANDOVER_POLICY);
  });

  it('runs the same shape as 6.15.1, with library codes where the 6.21 codes are not public', () => {
    expect(requestHandover.rules.map((rule) => rule.name)).toEqual([
      'E1', 'E2', 'E19', 'E11', 'remote-party-role', 'CERTIFICATE_TYPE_NOT_FOR_DEVICE', 'CERTIFICATE_TYPE_NOT_FOR_ROLE',
      'certificate-party (E062106)', 'execution-date-time-timezone', 'certificate-decodes',
      'certificate-role', 'certificate-key-usage', 'certificate-entity', 'certificate-path', 'certificate-validity',
    ]);
    expect(requestHandover.rules.map((rule) => rule.code).slice(4, 8)).toEqual([
      'REMOTE_PARTY_ROLE_NOT_ALLOWED', 'CERTIFICATE_TYPE_NOT_FOR_DEVICE', 'CERTIFICATE_TYPE_NOT_FOR_ROLE', 'E062106',
    ]);
  });

  it('definePolicy validates a caller policy', () => {
    expect(requestHandover.definePolicy({ eligibleUserRoles: ['GS'] }).eligibleUserRoles).toEqual(['GS']);
    expect(() => requestHandover.definePolicy({ colour: 'red' })).toThrow(TypeError);
  });
});
