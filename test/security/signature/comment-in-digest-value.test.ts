// Comments inside DigestValue (xml-crypto CVE-2025-29774/29775 class): comments vanish from the canonical
// SignedInfo, so the signature still verifies, while a reader that takes only the first text node sees another
// digest. No value element of the Signature may hold anything but text.
import { describe, it } from 'vitest';
import { expectCode, signedNoByNo, verifyXml } from '../../signature/support.js';

describe('attack: comments inside Signature values -> SIGNATURE_PROFILE', () => {
  it('a comment splitting DigestValue (the SignedInfo signature still verifies without it)', () => {
    const signed = signedNoByNo();
    const digest = /<ds:DigestValue>([^<]+)</.exec(signed)![1]!;
    const split = `${digest.slice(0, 20)}<!-- -->${digest.slice(20)}`;
    expectCode(verifyXml(signed.replace(digest, split)), 'SIGNATURE_PROFILE');
  });

  it('a comment before DigestValue text', () => {
    const signed = signedNoByNo();
    expectCode(verifyXml(signed.replace('<ds:DigestValue>', '<ds:DigestValue><!--x-->')), 'SIGNATURE_PROFILE');
  });

  it('a comment or CDATA inside SignatureValue, X509IssuerName or X509SerialNumber', () => {
    const signed = signedNoByNo();
    expectCode(verifyXml(signed.replace('<ds:SignatureValue>', '<ds:SignatureValue><!---->')), 'SIGNATURE_PROFILE');
    expectCode(verifyXml(signed.replace('<ds:X509IssuerName>CN=Z1-TEST', '<ds:X509IssuerName>CN=Z1-TEST<!---->')), 'SIGNATURE_PROFILE');
    expectCode(verifyXml(signed.replace(/<ds:X509SerialNumber>(\d+)</, '<ds:X509SerialNumber><![CDATA[$1]]><')), 'SIGNATURE_PROFILE');
  });
});
