// EXECUTION_DATETIME_NO_TIMEZONE: xs:dateTime allows a value without a timezone; a future-dated execution must name an instant.
import { describe, expect, it } from 'vitest';
import {
  check,
  exactFinding,
  HANDOVER_BODY,
  KRP_BODY,
  networkOperatorHandover,
  supplierRequest,
} from '../../test/support/requests.js';

describe('EXECUTION_DATETIME_NO_TIMEZONE', () => {
  it('fires for an ExecutionDateTime without a timezone, at that element, quoting it', () => {
    const verdict = check(supplierRequest({ executionDateTime: '2030-01-15T00:00:00' }));
    expect(verdict.responseCode).toBe('EXECUTION_DATETIME_NO_TIMEZONE');
    expect(verdict.findings).toEqual([
      exactFinding({
        code: 'EXECUTION_DATETIME_NO_TIMEZONE',
        path: `${KRP_BODY}/ExecutionDateTime`,
        params: { executionDateTime: '2030-01-15T00:00:00' },
      }),
    ]);
  });

  it('fires on 6.21 too, and stays an error in profile dcc', () => {
    const verdict = check(networkOperatorHandover('network-operator-a', { executionDateTime: '2030-01-15T00:00:00.5' }), undefined, { profile: 'dcc' });
    expect(verdict.findings).toEqual([
      exactFinding({
        code: 'EXECUTION_DATETIME_NO_TIMEZONE',
        path: `${HANDOVER_BODY}/ExecutionDateTime`,
        params: { executionDateTime: '2030-01-15T00:00:00.5' },
      }),
    ]);
  });

  it.each(['2030-01-15T00:00:00Z', '2030-01-15T00:00:00+01:00', '2030-01-15T00:00:00-00:00'])('near miss: %s names an instant', (value) => {
    expect(check(supplierRequest({ executionDateTime: value }))).toMatchObject({ responseCode: 'I0', findings: [] });
  });

  it('near miss: no ExecutionDateTime at all', () => {
    expect(check(supplierRequest({ executionDateTime: undefined }))).toMatchObject({ responseCode: 'I0', findings: [] });
  });
});
