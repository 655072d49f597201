import { describe, expect, it } from 'vitest';
import { updateSecurityCredentialsKrp } from './index.js';
import { DEFAULT_POLICY } from './policy.js';

describe('the 6.15.1 service', () => {
  it('reads UpdateSecurityCredentialsKRP, with E061510 as its Certificate Party code and its default policy', () => {
    expect(updateSecurityCredentialsKrp).toMatchObject({ srv: '6.15.1', bodyElement: 'UpdateSecurityCredentialsKRP', certificatePartyCode: 'E061510' });
    expect(updateSecurityCredentialsKrp.defaultPolicy).toBe(DEFAULT_POLICY);
  });

  it('runs in the decided order: generic codes, the 6.15.1 codes, the Certificate Party rule, the library checks', () => {
    expect(updateSecurityCredentialsKrp.rules.map((rule) => rule.name)).toEqual([
      'E1', 'E2', 'E12', 'E19', 'E11', 'E061501', 'E061504', 'E061505', 'E061506', 'E061507',
      'certificate-party (E061510)', 'no-replacement-certificates', 'execution-date-time-timezone', 'certificate-decodes',
      'certificate-role', 'certificate-key-usage', 'certificate-entity', 'certificate-path', 'certificate-validity',
    ]);
  });

  it('each rule reports the code it is named after (the shared checks under their library codes)', () => {
    expect(updateSecurityCredentialsKrp.rules.map((rule) => rule.code)).toEqual([
      'E1', 'E2', 'E12', 'E19', 'E11', 'E061501', 'E061504', 'E061505', 'E061506', 'E061507', 'E061510',
      'NO_REPLACEMENT_CERTIFICATES', 'EXECUTION_DATETIME_NO_TIMEZONE', 'CERTIFICATE_MALFORMED', 'CERTIFICATE_ROLE_MISMATCH',
      'CERTIFICATE_KEY_USAGE_MISMATCH', 'CERTIFICATE_ENTITY_INCONSISTENT', 'CERTIFICATE_PATH_MISMATCH', 'CERTIFICATE_NOT_VALID_NOW',
    ]);
  });

  it('definePolicy validates a caller policy', () => {
    expect(updateSecurityCredentialsKrp.definePolicy({ futureDatingRoles: ['Supplier'] }).futureDatingRoles).toEqual(['Supplier']);
    expect(() => updateSecurityCredentialsKrp.definePolicy({ colour: 'red' })).toThrow(TypeError);
  });
});
