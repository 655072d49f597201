// A genuine signature by a known User, on a request that claims another User as originator: authentic, but not
// the originator's. The signer's Entity ID must be the RequestID originator.
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../../src/signature/index.js';
import { expectCode, expectVerified, party, readFixture, signedNoByNo, verifyXml } from '../../signature/support.js';

describe('attack: signer from another originator -> SIGNER_NOT_ORIGINATOR', () => {
  it('no-by-no (originator network-operator-a) signed by supplier', () => {
    const result = verifyXml(signRequest(readFixture('requests/no-by-no.xml'), party('supplier')));
    expectCode(result, 'SIGNER_NOT_ORIGINATOR');
    if (!result.ok) expect(result.finding.params).toMatchObject({ expected: '90-B3-D5-1F-30-02-00-00', received: '90-B3-D5-1F-30-01-00-00' });
  });

  it('no-by-no signed by another network operator', () => {
    expectCode(verifyXml(signRequest(readFixture('requests/no-by-no.xml'), party('network-operator-b'))), 'SIGNER_NOT_ORIGINATOR');
  });

  it('the originator is compared as an EUI-64 (case, hyphens), and must be one', () => {
    expectVerified(verifyXml(signedNoByNo(), { originator: '90b3d51f30020000' }));
    expectCode(verifyXml(signedNoByNo(), { originator: '' }), 'SIGNER_NOT_ORIGINATOR');
  });
});
