// ECDSA values in XML-DSig are raw r||s (RFC 4050, RFC 6931 2.3.6). A DER-encoded value (what OpenSSL and node
// produce by default) is not the DUIS form: it does not verify as P1363, and is refused as an invalid signature.
import { describe, expect, it } from 'vitest';
import { expectCode, party, resign, signedNoByNo, verifyXml } from '../../signature/support.js';

describe('attack: DER-encoded SignatureValue -> SIGNATURE_INVALID', () => {
  it('a valid DER signature over the right SignedInfo', () => {
    const result = verifyXml(resign(signedNoByNo(), party('network-operator-a').privateKey, { dsaEncoding: 'der' }));
    expectCode(result, 'SIGNATURE_INVALID');
    if (!result.ok) expect(result.finding.message).toMatch(/DER/);
  });

  it('64 bytes that are not r||s', () => {
    const signed = signedNoByNo();
    const value = /<ds:SignatureValue>([^<]+)</.exec(signed)![1]!;
    expectCode(verifyXml(signed.replace(value, Buffer.alloc(64, 0xff).toString('base64'))), 'SIGNATURE_INVALID');
    expectCode(verifyXml(signed.replace(value, Buffer.alloc(64).toString('base64'))), 'SIGNATURE_INVALID');
  });

  it('a truncated value', () => {
    const signed = signedNoByNo();
    const value = /<ds:SignatureValue>([^<]+)</.exec(signed)![1]!;
    expectCode(verifyXml(signed.replace(value, Buffer.from(value, 'base64').subarray(0, 32).toString('base64'))), 'SIGNATURE_INVALID');
  });
});
