// Any SignatureMethod but ecdsa-sha256 (RSA, other hashes, DSA): algorithm substitution is refused before any key
// is touched.
import { describe, it } from 'vitest';
import { ALGORITHMS } from '../../../src/signature/index.js';
import { expectCode, party, resign, signedNoByNo, verifyXml } from '../../signature/support.js';

describe('attack: other SignatureMethods -> SIGNATURE_PROFILE', () => {
  it.each([
    'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
    'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1',
    'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1',
    'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384',
    'http://www.w3.org/2009/xmldsig11#dsa-sha256',
    'http://www.w3.org/2001/04/xmldsig-more#ECDSA-SHA256',
    '',
  ])('%s', (algorithm) => {
    const signed = signedNoByNo().replace(`Algorithm="${ALGORITHMS.ecdsaSha256}"`, `Algorithm="${algorithm}"`);
    expectCode(verifyXml(resign(signed, party('network-operator-a').privateKey)), 'SIGNATURE_PROFILE');
  });

  it('no Algorithm attribute', () => {
    const signed = signedNoByNo().replace(`<ds:SignatureMethod Algorithm="${ALGORITHMS.ecdsaSha256}"/>`, '<ds:SignatureMethod/>');
    expectCode(verifyXml(signed), 'SIGNATURE_PROFILE');
  });
});
