// Signature wrapping: the signed Body is kept somewhere the verifier still finds it, and an unsigned Body is put
// where the application reads it. Signing the whole document (URI="") and refusing ds:Object defeat it; the
// validator then reads signedText, never the original.
import { describe, expect, it } from 'vitest';
import { expectCode, replaceOnce, signatureOf, signedNoByNo, verifyXml } from '../../signature/support.js';

const body = (xml: string) => /<sr:Body>[\s\S]*<\/sr:Body>/.exec(xml)![0];
const evilBody = (xml: string) => body(xml).replace('<sr:RemotePartyRole>NetworkOperator<', '<sr:RemotePartyRole>Root<');

describe('attack: wrapped / duplicated Body', () => {
  it('signed Body moved into a ds:Object of the Signature, attacker Body in its place -> SIGNATURE_PROFILE', () => {
    const signed = signedNoByNo();
    const signature = signatureOf(signed);
    const wrapped = signature.replace('</ds:KeyInfo>', `</ds:KeyInfo><ds:Object>${body(signed)}</ds:Object>`);
    const forged = replaceOnce(replaceOnce(signed, body(signed), evilBody(signed)), signature, wrapped);
    expect(forged).toContain('<sr:RemotePartyRole>Root<');
    expectCode(verifyXml(forged), 'SIGNATURE_PROFILE');
  });

  it('attacker Body before the signed one -> SIGNATURE_INVALID', () => {
    const signed = signedNoByNo();
    expectCode(verifyXml(replaceOnce(signed, body(signed), `${evilBody(signed)}\n  ${body(signed)}`)), 'SIGNATURE_INVALID');
  });

  it('signed Body hidden in an extension element of the Header, attacker Body in its place -> SIGNATURE_INVALID', () => {
    const signed = signedNoByNo();
    const hidden = `<x:Extension xmlns:x="urn:attacker">${body(signed)}</x:Extension></sr:Header>`;
    const forged = replaceOnce(replaceOnce(signed, body(signed), evilBody(signed)), '</sr:Header>', hidden);
    expectCode(verifyXml(forged), 'SIGNATURE_INVALID');
  });
});
