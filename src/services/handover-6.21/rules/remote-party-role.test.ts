// REMOTE_PARTY_ROLE_NOT_ALLOWED: a handover places only the Remote Party Roles of policy `remotePartyRoles`.
import { describe, expect, it } from 'vitest';
import { buildHandover } from '../../../../test/support/build-request.js';
import { certificate, exampleContext, ISSUING_CA } from '../../../../test/support/fixtures.js';
import { check, exactFinding, findingsOf, HANDOVER_BODY, networkOperatorHandover } from '../../../../test/support/requests.js';
import { defineHandoverPolicy } from '../policy.js';

const loadControllerHandover = () =>
  buildHandover({
    remotePartyRole: 'LoadController',
    topUpFloor: undefined,
    digitalSigning: certificate('load-controller-ds'),
    keyAgreement: certificate('load-controller-ka'),
    keyAgreementTopUp: undefined,
    pathCertificates: [ISSUING_CA],
  });

describe('REMOTE_PARTY_ROLE_NOT_ALLOWED', () => {
  it('fires for a Load Controller handover, at RemotePartyRole, naming the allowed roles', () => {
    const verdict = check(loadControllerHandover());
    expect(verdict.responseCode).toBe('REMOTE_PARTY_ROLE_NOT_ALLOWED');
    expect(verdict.findings).toEqual([
      exactFinding({
        code: 'REMOTE_PARTY_ROLE_NOT_ALLOWED',
        path: `${HANDOVER_BODY}/RemotePartyRole`,
        params: { srv: '6.21', remotePartyRole: 'LoadController', allowed: ['NetworkOperator', 'Supplier'] },
      }),
    ]);
  });

  it('near miss: a Network Operator handover', () => {
    expect(check(networkOperatorHandover('network-operator-a'))).toMatchObject({ responseCode: 'I0', findings: [] });
  });

  it('follows the policy: LoadController allowed passes, NetworkOperator left out is refused', () => {
    const policy = defineHandoverPolicy({ remotePartyRoles: ['LoadController'] });
    const options = { services: { '6.21': { policy } } };
    expect(findingsOf('REMOTE_PARTY_ROLE_NOT_ALLOWED', loadControllerHandover(), exampleContext(), options)).toEqual([]);
    expect(findingsOf('REMOTE_PARTY_ROLE_NOT_ALLOWED', networkOperatorHandover('network-operator-a'), exampleContext(), options)).toEqual([
      exactFinding({
        code: 'REMOTE_PARTY_ROLE_NOT_ALLOWED',
        path: `${HANDOVER_BODY}/RemotePartyRole`,
        params: { srv: '6.21', remotePartyRole: 'NetworkOperator', allowed: ['LoadController'] },
      }),
    ]);
  });
});
