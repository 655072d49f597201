// The SignedInfo canonicalisation and the digest algorithm are fixed too: a weaker digest (sha1), a canonical
// form with comments, or inclusive namespaces change what the signature covers.
import { describe, it } from 'vitest';
import { ALGORITHMS } from '../../../src/signature/index.js';
import { expectCode, party, resign, signedNoByNo, verifyXml } from '../../signature/support.js';

const key = () => party('network-operator-a').privateKey;

describe('attack: other CanonicalizationMethod or DigestMethod -> SIGNATURE_PROFILE', () => {
  it.each([
    'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
    'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
    'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
    'http://www.w3.org/2006/12/xml-c14n11',
  ])('CanonicalizationMethod %s', (algorithm) => {
    const signed = signedNoByNo().replace(`<ds:CanonicalizationMethod Algorithm="${ALGORITHMS.exclusiveC14n}"/>`, `<ds:CanonicalizationMethod Algorithm="${algorithm}"/>`);
    expectCode(verifyXml(resign(signed, key())), 'SIGNATURE_PROFILE');
  });

  it('CanonicalizationMethod with an InclusiveNamespaces PrefixList', () => {
    const signed = signedNoByNo().replace(
      `<ds:CanonicalizationMethod Algorithm="${ALGORITHMS.exclusiveC14n}"/>`,
      `<ds:CanonicalizationMethod Algorithm="${ALGORITHMS.exclusiveC14n}"><ec:InclusiveNamespaces xmlns:ec="${ALGORITHMS.exclusiveC14n}" PrefixList="sr"/></ds:CanonicalizationMethod>`,
    );
    expectCode(verifyXml(resign(signed, key())), 'SIGNATURE_PROFILE');
  });

  it.each(['http://www.w3.org/2000/09/xmldsig#sha1', 'http://www.w3.org/2001/04/xmlenc#sha512', 'http://www.w3.org/2001/04/xmldsig-more#sha384'])(
    'DigestMethod %s',
    (algorithm) => {
      const signed = signedNoByNo().replace(`<ds:DigestMethod Algorithm="${ALGORITHMS.sha256}"/>`, `<ds:DigestMethod Algorithm="${algorithm}"/>`);
      expectCode(verifyXml(resign(signed, key())), 'SIGNATURE_PROFILE');
    },
  );

  it('a DigestValue that is not 32 bytes', () => {
    const signed = signedNoByNo().replace(/<ds:DigestValue>[^<]+</, `<ds:DigestValue>${Buffer.alloc(20).toString('base64')}<`);
    expectCode(verifyXml(resign(signed, key())), 'SIGNATURE_PROFILE');
  });
});
