// No signature, or something that only looks like one.
import { describe, it } from 'vitest';
import { expectCode, readFixture, signatureOf, signedNoByNo, verifyXml } from '../../signature/support.js';

describe('attack: no ds:Signature -> SIGNATURE_MISSING', () => {
  it('an unsigned request', () => {
    expectCode(verifyXml(readFixture('requests/no-by-no.xml')), 'SIGNATURE_MISSING');
  });

  it('a Signature in another namespace', () => {
    const signed = signedNoByNo();
    const signature = signatureOf(signed);
    const foreign = signature.replace('xmlns:ds="http://www.w3.org/2000/09/xmldsig#"', 'xmlns:ds="http://www.w3.org/2000/09/xmldsig"');
    expectCode(verifyXml(signed.replace(signature, foreign)), 'SIGNATURE_MISSING');
  });
});
