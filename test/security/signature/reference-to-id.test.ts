// A Reference to an element by ID instead of the whole document: the signature then covers that element only,
// and everything outside it (the Header, with the RequestID, or a second Body) can be changed at will.
import { describe, it } from 'vitest';
import { expectCode, party, resign, signedNoByNo, verifyXml } from '../../signature/support.js';

const key = () => party('network-operator-a').privateKey;

describe('attack: Reference by ID / non-empty URI -> SIGNATURE_PROFILE', () => {
  it.each(['#body', '#xpointer(/)', '#xpointer(id(\'body\'))', 'http://attacker.example/request.xml', ' ', 'body'])('URI="%s"', (uri) => {
    const signed = signedNoByNo().replace('<sr:Body>', '<sr:Body Id="body">').replace('<ds:Reference URI="">', `<ds:Reference URI="${uri}">`);
    expectCode(verifyXml(resign(signed, key())), 'SIGNATURE_PROFILE');
  });

  it('no URI attribute at all (the application would have to know what is signed)', () => {
    const signed = signedNoByNo().replace('<ds:Reference URI="">', '<ds:Reference>');
    expectCode(verifyXml(resign(signed, key())), 'SIGNATURE_PROFILE');
  });
});
