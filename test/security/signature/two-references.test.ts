// Two References: a verifier that validates "a" reference, or the first, while the application reads what
// another one covers. DUIS signs one thing, the whole document, with one Reference.
import { describe, it } from 'vitest';
import { expectCode, party, replaceOnce, resign, signatureOf, signedNoByNo, verifyXml } from '../../signature/support.js';

const key = () => party('network-operator-a').privateKey;

describe('attack: two References -> SIGNATURE_PROFILE', () => {
  it('the genuine Reference twice (signature recomputed, so only the profile can object)', () => {
    const signed = signedNoByNo();
    const reference = /<ds:Reference URI="">.*<\/ds:Reference>/.exec(signatureOf(signed))![0];
    expectCode(verifyXml(resign(replaceOnce(signed, reference, `${reference}${reference}`), key())), 'SIGNATURE_PROFILE');
  });

  it('a second Reference to an element by ID', () => {
    const signed = signedNoByNo().replace('<sr:Body>', '<sr:Body Id="body">');
    const reference = /<ds:Reference URI="">.*<\/ds:Reference>/.exec(signatureOf(signed))![0];
    const extra = reference.replace('URI=""', 'URI="#body"');
    expectCode(verifyXml(resign(replaceOnce(signed, reference, `${reference}${extra}`), key())), 'SIGNATURE_PROFILE');
  });
});
