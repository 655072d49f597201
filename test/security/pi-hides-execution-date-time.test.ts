// Attack: the ExecutionDateTime of a future-dated Network Operator replacement between two PIs holding a quote.
// Hidden from the rules, the request looked immediate and E061506 escaped.
import { describe, it } from 'vitest';
import { piHiddenExecutionDateTime } from './attacks.js';
import { expectEveryVerdict } from './verdicts.js';

describe('attack: PIs holding a quote hide ExecutionDateTime', () => {
  it('E061506 in both profiles, unsigned and signed', () => {
    expectEveryVerdict(piHiddenExecutionDateTime(), {
      code: 'E061506',
      path: '/Request/Body/UpdateSecurityCredentialsKRP/ExecutionDateTime',
      params: { remotePartyRole: 'NetworkOperator' },
    });
  });
});
