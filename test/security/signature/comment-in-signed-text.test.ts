// The SAML comment-truncation class (CVE-2017-11427 and friends): a comment inside a signed text value is not
// digested (exclusive C14N without comments), so the signature still verifies, and a reader that takes the first
// text node sees a truncated value. Verification is sound here; the defence is that the validator builds its
// model from signedText, the canonical bytes that were digested, where the comment no longer exists.
import { describe, expect, it } from 'vitest';
import { readRequest } from '../../../src/duis/parse-request.js';
import { parseXml } from '../../../src/xml/parse-xml.js';
import { expectCode, expectVerified, replaceOnce, signedNoByNo, signedSupplierBySupplier, verifyXml } from '../../signature/support.js';

function requestOf(signedText: string) {
  const parsed = parseXml(signedText);
  if (!parsed.ok) expect.fail(parsed.error.message);
  const read = readRequest(parsed.root);
  if (!read.ok) expect.fail(read.findings.map((f) => f.message).join('; '));
  return read.request;
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
