// E12: an UpdateSecurityCredentialsKRP body must be sent with Command Variant 4.
import { describe, expect, it } from 'vitest';
import { check, COMMAND_VARIANT_PATH, exactFinding, findingsOf, supplierRequest } from '../../../../test/support/requests.js';

const e12 = (commandVariant: number) =>
  exactFinding({
    code: 'E12',
    path: COMMAND_VARIANT_PATH,
    params: { srv: '6.15.1', body: 'UpdateSecurityCredentialsKRP', commandVariant, expected: 4 },
  });

describe('E12 Command Variant', () => {
  it('fires for CV 5 with a KRP body (CV 5-7 carry a SignedPreCommand), and for CV 9', () => {
    expect(check(supplierRequest({ commandVariant: '5' })).findings).toEqual([e12(5)]);
    expect(check(supplierRequest({ commandVariant: '9' })).findings).toEqual([e12(9)]);
  });

  it('fires for CV 3, just below the KRP variant', () => {
    expect(check(supplierRequest({ commandVariant: '3' })).findings).toEqual([e12(3)]);
  });

  it('near miss: CV 4, also written with a leading zero', () => {
    expect(findingsOf('E12', supplierRequest({ commandVariant: '4' }))).toEqual([]);
    expect(check(supplierRequest({ commandVariant: '04' }))).toMatchObject({ accepted: true, responseCode: 'I0', findings: [] });
  });
});
