// E061506: only the Remote Party Roles of policy `futureDatingRoles` may be replaced future dated.
import { describe, expect, it } from 'vitest';
import { exampleContext } from '../../../../test/support/fixtures.js';
import {
  check,
  exactFinding,
  findingsOf,
  KRP_BODY,
  loadControllerRequest,
  networkOperatorRequest,
  supplierRequest,
} from '../../../../test/support/requests.js';
import { definePolicy } from '../policy.js';

describe('E061506 future dating', () => {
  it('fires for a future-dated Network Operator replacement, at ExecutionDateTime', () => {
    const verdict = check(networkOperatorRequest('network-operator-a', { executionDateTime: '2030-01-15T00:00:00Z' }));
    expect(verdict.responseCode).toBe('E061506');
    expect(verdict.findings).toEqual([
      exactFinding({
        code: 'E061506',
        path: `${KRP_BODY}/ExecutionDateTime`,
        params: { remotePartyRole: 'NetworkOperator', executionDateTime: '2030-01-15T00:00:00Z', allowed: ['Supplier', 'LoadController'] },
      }),
    ]);
  });

  it('near miss: the same without ExecutionDateTime, and a future-dated Supplier replacement', () => {
    expect(check(networkOperatorRequest('network-operator-a'))).toMatchObject({ responseCode: 'I0', findings: [] });
    expect(check(supplierRequest({ executionDateTime: '2030-01-15T00:00:00+01:00' }))).toMatchObject({ responseCode: 'I0', findings: [] });
  });

  it('near miss: a future-dated Load Controller replacement (the DCC RTDS shows one succeeding)', () => {
    expect(findingsOf('E061506', loadControllerRequest({ executionDateTime: '3000-12-31T00:00:00Z' }))).toEqual([]);
  });

  it('a policy can restrict future dating to Supplier as the seed-era text says', () => {
    const policy = definePolicy({ futureDatingRoles: ['Supplier'] });
    const verdict = check(loadControllerRequest({ executionDateTime: '2030-01-15T00:00:00Z' }), exampleContext(), { policy });
    expect(verdict.findings).toEqual([
      exactFinding({
        code: 'E061506',
        path: `${KRP_BODY}/ExecutionDateTime`,
        params: { remotePartyRole: 'LoadController', executionDateTime: '2030-01-15T00:00:00Z', allowed: ['Supplier'] },
      }),
    ]);
  });
});
