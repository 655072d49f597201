// E2: the User Role must be eligible for the SRV (the service's policy, else the SRV catalogue).
import { describe, expect, it } from 'vitest';
import { definePolicy, DEFAULT_POLICY } from '../services/krp-6.15.1/policy.js';
import { exampleContext, NO_A, SUPPLIER } from '../../test/support/fixtures.js';
import { check, exactFinding, findingsOf, REQUEST_ID_PATH, supplierRequest } from '../../test/support/requests.js';

describe('E2 User Role not eligible', () => {
  it('fires for an Export Supplier, naming the User, its role, the SRV and the eligible roles', () => {
    const context = exampleContext();
    context.users[SUPPLIER] = { role: 'ES' };
    const verdict = check(supplierRequest(), context);
    expect(verdict.responseCode).toBe('E2');
    expect(verdict.findings).toEqual([
      exactFinding({
        code: 'E2',
        path: REQUEST_ID_PATH,
        params: { userId: SUPPLIER, userRole: 'ES', srv: '6.15.1', eligible: ['IS', 'GS', 'ED', 'GT'] },
      }),
    ]);
  });

  it('near miss: an Import Supplier', () => {
    expect(check(supplierRequest())).toMatchObject({ accepted: true, responseCode: 'I0', findings: [] });
  });

  it('follows the policy: ES made eligible gets no E2 (and then fails only E061501, the combination)', () => {
    const context = exampleContext();
    context.users[SUPPLIER] = { role: 'ES' };
    const policy = definePolicy({ eligibleUserRoles: [...DEFAULT_POLICY.eligibleUserRoles, 'ES'] });
    expect(findingsOf('E2', supplierRequest(), context, { policy })).toEqual([]);
    expect(check(supplierRequest(), context, { policy }).responseCode).toBe('E061501');
  });

  it('follows the policy: without ED in it, a Network Operator (ED) sender gets E2', () => {
    const policy = definePolicy({ eligibleUserRoles: ['IS', 'GS', 'GT'] });
    const verdict = check(supplierRequest({ originator: NO_A }), exampleContext(), { policy });
    expect(verdict.findings[0]).toEqual(
      exactFinding({ code: 'E2', path: REQUEST_ID_PATH, params: { userId: NO_A, userRole: 'ED', srv: '6.15.1', eligible: ['IS', 'GS', 'GT'] } }),
    );
  });
});
