// Two ds:Signature elements: a verifier that checks one and lets the application read the other's content (or
// key) is the root of most XML signature wrapping attacks. DUIS allows exactly one, the root's last child.
import { describe, it } from 'vitest';
import { expectCode, party, readFixture, replaceOnce, signatureOf, signedNoByNo, verifyXml } from '../../signature/support.js';
import { signRequest } from '../../../src/signature/index.js';

describe('attack: two Signatures -> SIGNATURE_PROFILE', () => {
  it('the valid Signature repeated', () => {
    const signed = signedNoByNo();
    const signature = signatureOf(signed);
    expectCode(verifyXml(replaceOnce(signed, signature, `${signature}${signature}`)), 'SIGNATURE_PROFILE');
  });

  it('an attacker Signature inside the Body, the genuine one where it belongs', () => {
    const signed = signedNoByNo();
    const attacker = signatureOf(signRequest(readFixture('requests/no-by-no.xml'), party('supplier-b')));
    expectCode(verifyXml(replaceOnce(signed, '<sr:Body>', `<sr:Body>${attacker}`)), 'SIGNATURE_PROFILE');
  });

  it('a Signature nested in the Signature (inside an Object)', () => {
    const signed = signedNoByNo();
    const signature = signatureOf(signed);
    const nested = signature.replace('</ds:KeyInfo>', `</ds:KeyInfo><ds:Object>${signature}</ds:Object>`);
    expectCode(verifyXml(replaceOnce(signed, signature, nested)), 'SIGNATURE_PROFILE');
  });
});
