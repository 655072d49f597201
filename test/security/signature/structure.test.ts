// Everything else outside the profile: extra attributes and elements (places to hide content or change
// processing), missing parts, DUIS elements in the wrong namespace.
import { describe, it } from 'vitest';
import { expectCode, expectVerified, party, resign, signatureOf, signedNoByNo, verifyXml } from '../../signature/support.js';

const key = () => party('network-operator-a').privateKey;

describe('attack: Signature structure outside the profile -> SIGNATURE_PROFILE', () => {
  it.each([
    ['Id on SignedInfo', '<ds:SignedInfo>', '<ds:SignedInfo Id="si">'],
    ['Type on Reference', '<ds:Reference URI="">', '<ds:Reference URI="" Type="http://www.w3.org/2000/09/xmldsig#Object">'],
    ['Id on Reference', '<ds:Reference URI="">', '<ds:Reference Id="r" URI="">'],
    ['a namespaced attribute on Transform', '<ds:Transform Algorithm', '<ds:Transform xmlns:a="urn:a" a:b="c" Algorithm'],
    ['an unknown element in SignedInfo', '</ds:Reference>', '</ds:Reference><ds:Manifest/>'],
    ['text inside SignedInfo', '<ds:SignedInfo>', '<ds:SignedInfo>text'],
    ['a processing instruction inside SignedInfo', '<ds:SignedInfo>', '<ds:SignedInfo><?pi?>'],
  ])('%s (re-signed)', (_label, search, replacement) => {
    expectCode(verifyXml(resign(signedNoByNo().replace(search, replacement), key())), 'SIGNATURE_PROFILE');
  });

  it.each([
    ['an Object', '</ds:KeyInfo>', '</ds:KeyInfo><ds:Object>x</ds:Object>'],
    ['Id on KeyInfo', '<ds:KeyInfo>', '<ds:KeyInfo Id="k">'],
    ['SignedInfo in another namespace', '<ds:SignedInfo>', '<ds:SignedInfo xmlns:ds="urn:not-dsig">'],
    ['a second X509IssuerSerial', '</ds:X509IssuerSerial>', '</ds:X509IssuerSerial><ds:X509IssuerSerial/>'],
  ])('%s', (_label, search, replacement) => {
    expectCode(verifyXml(signedNoByNo().replace(search, replacement)), 'SIGNATURE_PROFILE');
  });

  it('no KeyInfo, no SignatureValue, an empty SignatureValue', () => {
    const signed = signedNoByNo();
    expectCode(verifyXml(signed.replace(/<ds:KeyInfo>.*<\/ds:KeyInfo>/, '')), 'SIGNATURE_PROFILE');
    expectCode(verifyXml(signed.replace(/<ds:SignatureValue>[^<]*<\/ds:SignatureValue>/, '')), 'SIGNATURE_PROFILE');
    expectCode(verifyXml(signed.replace(/<ds:SignatureValue>[^<]*</, '<ds:SignatureValue><')), 'SIGNATURE_PROFILE');
  });

  it('an empty Signature', () => {
    const signed = signedNoByNo();
    expectCode(verifyXml(signed.replace(signatureOf(signed), '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>')), 'SIGNATURE_PROFILE');
  });

  it('tolerated: Id on Signature, comments and whitespace between Signature elements, a default-namespace ds', () => {
    const signed = signedNoByNo();
    expectVerified(verifyXml(signed.replace('<ds:Signature xmlns:ds=', '<ds:Signature Id="sig" xmlns="http://www.w3.org/2000/09/xmldsig#" xmlns:ds=')));
    expectVerified(verifyXml(signed.replace('<ds:SignedInfo>', '\n    <!-- NOTE -->\n    <ds:SignedInfo>').replace('<ds:KeyInfo>', '\n<ds:KeyInfo>')));
    // Inside SignedInfo a comment is not signed (dropped from its canonical form) and does no harm.
    expectVerified(verifyXml(signed.replace('<ds:Reference URI="">', '<!-- c --><ds:Reference URI="">')));
  });
});
