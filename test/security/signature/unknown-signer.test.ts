// The signer store decides who may sign: an X509IssuerSerial that names no configured certificate is refused,
// whatever the signature.
import { describe, it } from 'vitest';
import { createSignerStore } from '../../../src/signature/index.js';
import { expectCode, party, signedNoByNo, verifyXml } from '../../signature/support.js';

describe('attack: unknown signer -> SIGNER_UNKNOWN', () => {
  it('a signer the store does not hold', () => {
    expectCode(verifyXml(signedNoByNo(), { store: createSignerStore([party('supplier').certificate]) }), 'SIGNER_UNKNOWN');
  });

  it('an unknown serial number', () => {
    const signed = signedNoByNo().replace(/<ds:X509SerialNumber>\d+</, '<ds:X509SerialNumber>123456789<');
    expectCode(verifyXml(signed), 'SIGNER_UNKNOWN');
  });

  it('a known serial number under another issuer, or an issuer that is not a DN', () => {
    expectCode(verifyXml(signedNoByNo().replace('CN=Z1-TEST,OU=07', 'CN=Z1,OU=07')), 'SIGNER_UNKNOWN');
    expectCode(verifyXml(signedNoByNo().replace('CN=Z1-TEST,OU=07', 'Z1-TEST')), 'SIGNER_UNKNOWN');
  });

  it('a serial number that is not a decimal integer', () => {
    expectCode(verifyXml(signedNoByNo().replace(/<ds:X509SerialNumber>\d+</, '<ds:X509SerialNumber>0x7BB6<')), 'SIGNER_UNKNOWN');
  });
});
