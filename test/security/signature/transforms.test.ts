// Transforms other than enveloped-signature (+ exc-c14n): XPath and XSLT let the signer (or an attacker who
// controls the SignedInfo of a copied signature) choose what is digested, run code, or burn CPU; C14N with
// comments or inclusive namespaces change what the digest covers. The Reference transforms are fixed.
import { describe, it } from 'vitest';
import { ALGORITHMS } from '../../../src/signature/index.js';
import { expectCode, party, resign, signedNoByNo, verifyXml } from '../../signature/support.js';

const ENVELOPED = `<ds:Transform Algorithm="${ALGORITHMS.envelopedSignature}"/>`;
const EXC = `<ds:Transform Algorithm="${ALGORITHMS.exclusiveC14n}"/>`;
const xpath =
  '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"><ds:XPath>not(ancestor-or-self::sr:Body)</ds:XPath></ds:Transform>';
const xslt =
  '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xslt-19991116"><xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="1.0"/></ds:Transform>';

function withTransforms(transforms: string): string {
  const signed = signedNoByNo().replace(`<ds:Transforms>${ENVELOPED}${EXC}</ds:Transforms>`, transforms);
  return resign(signed, party('network-operator-a').privateKey);
}

describe('attack: other transforms -> SIGNATURE_PROFILE', () => {
  it.each([
    ['XPath filter', `<ds:Transforms>${ENVELOPED}${xpath}${EXC}</ds:Transforms>`],
    ['XPath Filter 2.0', `<ds:Transforms>${ENVELOPED}<ds:Transform Algorithm="http://www.w3.org/2002/06/xmldsig-filter2"/>${EXC}</ds:Transforms>`],
    ['XSLT', `<ds:Transforms>${ENVELOPED}${xslt}</ds:Transforms>`],
    ['exc-c14n with comments', `<ds:Transforms>${ENVELOPED}<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#WithComments"/></ds:Transforms>`],
    ['inclusive c14n', `<ds:Transforms>${ENVELOPED}<ds:Transform Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/></ds:Transforms>`],
    ['base64', `<ds:Transforms>${ENVELOPED}<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#base64"/></ds:Transforms>`],
    ['exc-c14n before enveloped-signature', `<ds:Transforms>${EXC}${ENVELOPED}</ds:Transforms>`],
    ['exc-c14n alone (the Signature would be digested)', `<ds:Transforms>${EXC}</ds:Transforms>`],
    ['enveloped-signature twice', `<ds:Transforms>${ENVELOPED}${ENVELOPED}</ds:Transforms>`],
    ['three transforms', `<ds:Transforms>${ENVELOPED}${EXC}${EXC}</ds:Transforms>`],
    ['no transform', '<ds:Transforms></ds:Transforms>'],
    ['no Transforms element', ''],
    [
      'exc-c14n with an InclusiveNamespaces PrefixList',
      `<ds:Transforms>${ENVELOPED}<ds:Transform Algorithm="${ALGORITHMS.exclusiveC14n}"><ec:InclusiveNamespaces xmlns:ec="${ALGORITHMS.exclusiveC14n}" PrefixList="ds"/></ds:Transform></ds:Transforms>`,
    ],
  ])('%s', (_label, transforms) => {
    expectCode(verifyXml(withTransforms(transforms)), 'SIGNATURE_PROFILE');
  });
});
