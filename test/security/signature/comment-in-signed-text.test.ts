// The SAML comment-truncation class (CVE-2017-11427 and friends): a comment inside a signed text value is not
// digested (exclusive C14N without comments), so the signature still verifies, and a reader that takes the first
// text node sees a truncated value. Verification is sound here; the defence is that the validator builds its
// model from the one tree whose canonical form was digested, and reads values as a schema processor does
// (comments dropped), so what it validates is what signedText holds.
import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../../src/parse-request.js';
import { credentialsRequest } from '../../support/parsed.js';
import { expectCode, expectVerified, replaceOnce, signedNoByNo, signedSupplierBySupplier, verifyXml } from '../../signature/support.js';

function requestOf(signedText: string) {
  return credentialsRequest(parseRequest(signedText));
}

describe('attack: comments, CDATA and references inside signed text', () => {
  it('Sup<!---->plier verifies, and signedText holds Supplier with no comment', () => {
    const forged = replaceOnce(signedSupplierBySupplier(), '<sr:RemotePartyRole>Supplier<', '<sr:RemotePartyRole>Sup<!---->plier<');
    const result = verifyXml(forged);
    expectVerified(result);
    expect(result.signedText).toContain('<sr:RemotePartyRole>Supplier</sr:RemotePartyRole>');
    expect(result.signedText).not.toContain('<!--');
    expect(requestOf(result.signedText).body.remotePartyRole).toBe('Supplier');
  });

  it('a comment in the RequestID originator: the model from signedText has the whole, signed RequestID', () => {
    const signed = signedNoByNo();
    const forged = replaceOnce(signed, '<sr:RequestID>90-B3-D5-1F-30-02', '<sr:RequestID>90-B3-D5-1F-30-02<!-- -00-00:... -->');
    const result = verifyXml(forged, { originator: '90-B3-D5-1F-30-02-00-00' });
    expectVerified(result);
    expect(requestOf(result.signedText).header.requestId.text).toBe('90-B3-D5-1F-30-02-00-00:00-DB-12-34-56-78-90-A0:1200');
  });

  it('CDATA and character references are the same canonical text (verify), and signedText holds plain text', () => {
    const signed = signedSupplierBySupplier();
    const cdata = replaceOnce(signed, '<sr:RemotePartyRole>Supplier<', '<sr:RemotePartyRole><![CDATA[Supp]]>l&#105;er<');
    const result = verifyXml(cdata);
    expectVerified(result);
    expect(result.signedText).toContain('<sr:RemotePartyRole>Supplier</sr:RemotePartyRole>');
    expect(result.signedText).not.toContain('CDATA');
  });

  it('changing the text around a comment is still detected -> SIGNATURE_INVALID', () => {
    const forged = replaceOnce(signedSupplierBySupplier(), '<sr:RemotePartyRole>Supplier<', '<sr:RemotePartyRole>Supplier<!---->x<');
    expectCode(verifyXml(forged), 'SIGNATURE_INVALID');
  });

  it('the same namespace under another prefix is other canonical bytes -> SIGNATURE_INVALID', () => {
    const signed = signedNoByNo();
    const renamed = signed.replace(/(<\/?)sr:/g, '$1x:').replace('xmlns:sr=', 'xmlns:x=');
    expectCode(verifyXml(renamed, { originator: '90-B3-D5-1F-30-02-00-00' }), 'SIGNATURE_INVALID');
  });
});
