// HMAC SignatureMethods: the key-confusion attack keys an HMAC with the signer's *public* key (which anyone has)
// against verifiers that take the algorithm from the document. Only ecdsa-sha256 is accepted.
import { createHmac } from 'node:crypto';
import { describe, it } from 'vitest';
import { ALGORITHMS } from '../../../src/signature/index.js';
import { expectCode, party, signedNoByNo, verifyXml } from '../../signature/support.js';
import { canonicalizeElement } from '../../../src/signature/canonicalize.js';
import { elementsNamed, parseTree } from '../../support/tree.js';

function hmacSigned(algorithm: string, extra = ''): string {
  const signed = signedNoByNo().replace(
    `<ds:SignatureMethod Algorithm="${ALGORITHMS.ecdsaSha256}"/>`,
    `<ds:SignatureMethod Algorithm="${algorithm}">${extra}</ds:SignatureMethod>`,
  );
  const signedInfo = elementsNamed(parseTree(signed).root, 'http://www.w3.org/2000/09/xmldsig#', 'SignedInfo')[0]!;
  const mac = createHmac('sha256', party('network-operator-a').certificate).update(canonicalizeElement(signedInfo, 1e6)).digest('base64');
  return signed.replace(/<ds:SignatureValue>[^<]+</, `<ds:SignatureValue>${mac}<`);
}

describe('attack: HMAC SignatureMethod -> SIGNATURE_PROFILE', () => {
  it.each([
    ['hmac-sha1', 'http://www.w3.org/2000/09/xmldsig#hmac-sha1', ''],
    ['hmac-sha256', 'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256', ''],
    ['hmac-sha256 truncated to 8 bits', 'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256', '<ds:HMACOutputLength>8</ds:HMACOutputLength>'],
  ])('%s keyed with the public certificate', (_label, algorithm, extra) => {
    expectCode(verifyXml(hmacSigned(algorithm, extra)), 'SIGNATURE_PROFILE');
  });

  it('HMACOutputLength under the genuine ecdsa-sha256 method', () => {
    const signed = signedNoByNo().replace(
      `<ds:SignatureMethod Algorithm="${ALGORITHMS.ecdsaSha256}"/>`,
      `<ds:SignatureMethod Algorithm="${ALGORITHMS.ecdsaSha256}"><ds:HMACOutputLength>8</ds:HMACOutputLength></ds:SignatureMethod>`,
    );
    expectCode(verifyXml(signed), 'SIGNATURE_PROFILE');
  });
});
