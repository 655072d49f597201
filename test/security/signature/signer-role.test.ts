// A certificate that may be in the store for other reasons (an organisation's Digital Signing certificate, a
// response-signing one) must not sign requests: only the configured XML-signing roles (OU 87 by default).
import { describe, expect, it } from 'vitest';
import { createSignerStore } from '../../../src/signature/index.js';
import { expectCode, expectVerified, fixtureStore, readFixture, signedNoByNo, verifyXml } from '../../signature/support.js';

describe('attack: signer certificate of another role -> SIGNER_ROLE', () => {
  it('an OU 87 signer when only OU 89 is configured', () => {
    const result = verifyXml(signedNoByNo(), { xmlSigningRoles: ['89'] });
    expectCode(result, 'SIGNER_ROLE');
    if (!result.ok) expect(result.finding.params).toMatchObject({ expected: ['89'], received: '87' });
    expectVerified(verifyXml(signedNoByNo(), { xmlSigningRoles: ['89', '87'] }));
  });

  it('is only reported after the signature verified: a forged one naming an OU 02 certificate is SIGNATURE_INVALID', () => {
    const store = createSignerStore([...fixtureStore().signers.map((s) => s.certificate.der), readFixture('pki/supplier-ds.pem')]);
    const supplierDs = store.signers.find((s) => s.role === '02')!;
    const signed = signedNoByNo().replace(/<ds:X509SerialNumber>\d+</, `<ds:X509SerialNumber>${supplierDs.serialNumber}<`);
    expectCode(verifyXml(signed, { store }), 'SIGNATURE_INVALID');
  });
});
