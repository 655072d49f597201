import { generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../src/parse-request.js';
import { credentialsRequest } from '../support/parsed.js';
import { ALGORITHMS, SignerCertificateError, signRequest, verifySignature } from '../../src/signature/index.js';
import { parseXml } from '../../src/xml/parse-xml.js';
import { buildSignedFixtures, deterministicSigner } from '../../scripts/sign-fixtures.js';
import {
  NETWORK_OPERATOR_A,
  SUPPLIER,
  expectCode,
  expectVerified,
  fixturePath,
  fixtureStore,
  party,
  readFixture,
  replaceOnce,
  resign,
  signatureOf,
  signedNoByNo,
  signedSupplierBySupplier,
  verifyXml,
} from './support.js';

describe('signRequest -> verifySignature', () => {
  it('verifies a request signed by its originator, and names the signer', () => {
    const result = verifyXml(signedNoByNo());
    expectVerified(result);
    expect(result.signer.entityId).toBe(NETWORK_OPERATOR_A);
    expect(result.signer.role).toBe('87');
    expect(result.signer.issuer).toBe('CN=Z1-TEST,OU=07');
  });

  it('writes exactly the DUIS profile, as the last child of the root, leaving the rest of the text as it was', () => {
    const unsigned = readFixture('requests/no-by-no.xml');
    const signed = signedNoByNo();
    const signature = signatureOf(signed);
    expect(signed.replace(`  ${signature}\n`, '')).toBe(unsigned);
    expect(signed.trimEnd().endsWith(`${signature}\n</sr:Request>`)).toBe(true);
    for (const algorithm of [ALGORITHMS.exclusiveC14n, ALGORITHMS.ecdsaSha256, ALGORITHMS.envelopedSignature, ALGORITHMS.sha256]) {
      expect(signature).toContain(`Algorithm="${algorithm}"`);
    }
    expect(signature).toContain('<ds:Reference URI="">');
    expect(signature).toMatch(/<ds:X509IssuerSerial><ds:X509IssuerName>CN=Z1-TEST,OU=07<\/ds:X509IssuerName><ds:X509SerialNumber>\d+<\/ds:X509SerialNumber><\/ds:X509IssuerSerial>/);
    expect(signature).not.toContain('X509Certificate');
    const value = /<ds:SignatureValue>([^<]+)</.exec(signature)![1]!;
    expect(Buffer.from(value, 'base64')).toHaveLength(64);
  });

  it('signs with the enveloped-signature transform alone (inclusive C14N of the document), as the RTDS templates do', () => {
    const signed = signedNoByNo({ documentCanonicalization: 'inclusive' });
    expect(signed).not.toContain(`<ds:Transform Algorithm="${ALGORITHMS.exclusiveC14n}"/>`);
    const result = verifyXml(signed);
    expectVerified(result);
    // Inclusive C14N keeps the root's namespace declarations, used or not.
    expect(result.signedText).toContain('xmlns:ds="http://www.w3.org/2000/09/xmldsig#"');
  });

  it('returns the canonical bytes that were digested, which re-parse to the same request', () => {
    const signed = signedSupplierBySupplier();
    const result = verifyXml(signed);
    expectVerified(result);
    expect(result.signedText).not.toContain('Signature');
    expect(result.signedText.startsWith('<sr:Request xmlns:sr=')).toBe(true);
    const fromSigned = credentialsRequest(parseRequest(result.signedText));
    const fromOriginal = credentialsRequest(parseRequest(readFixture('requests/supplier-by-supplier-immediate.xml')));
    expect(fromSigned.header).toEqual(fromOriginal.header);
    expect(fromSigned.body.remotePartyRole).toBe(fromOriginal.body.remotePartyRole);
    expect(fromSigned.body.replacementCertificates.map((c) => c.base64)).toEqual(fromOriginal.body.replacementCertificates.map((c) => c.base64));
  });

  it('accepts a byte order mark and CRLF line endings', () => {
    const crlf = `\uFEFF${signedNoByNo().replace(/\n/g, '\r\n')}`;
    expectVerified(verifyXml(crlf));
  });

  it('is deterministic with an RFC 6979 signer, and accepts a custom sign function', () => {
    const sign = deterministicSigner(readFixture('pki/xml-sign-network-operator-a.key.pem'));
    const key = { sign, certificate: party('network-operator-a').certificate };
    const a = signRequest(readFixture('requests/no-by-no.xml'), key);
    const b = signRequest(readFixture('requests/no-by-no.xml'), key);
    expect(a).toBe(b);
    expectVerified(verifyXml(a));
  });

  it('accepts a PEM private key and a DER certificate', () => {
    const pemKey = readFixture('pki/xml-sign-network-operator-a.key.pem');
    const der = Buffer.from(party('network-operator-a').certificate.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    expectVerified(verifyXml(signRequest(readFixture('requests/no-by-no.xml'), { privateKey: pemKey, certificate: der })));
  });
});

describe('any change to signed content -> SIGNATURE_INVALID', () => {
  const signed = signedNoByNo();
  const signature = signatureOf(signed);
  const [prolog, after] = signed.split(signature) as [string, string];
  // The XML declaration is not part of the data model, so it is not signed: mutate from the root start tag on.
  const rootStart = prolog.indexOf('<sr:Request');
  const declaration = prolog.slice(0, rootStart);
  const before = prolog.slice(rootStart);

  /** One variant per text node and per attribute value outside the Signature, each with one character changed. */
  function mutations(): { label: string; xml: string }[] {
    const out: { label: string; xml: string }[] = [];
    // Character data between tags (skipping whitespace-only runs).
    for (const match of before.matchAll(/>(\s*[^<\s][^<]*)</g)) {
      const start = match.index + 1;
      const text = match[1]!;
      const at = text.search(/\S/) + Math.floor(text.trim().length / 2);
      const changed = flip(text[at]!);
      out.push({ label: `text '${text.trim().slice(0, 30)}'`, xml: `${declaration}${before.slice(0, start + at)}${changed}${before.slice(start + at + 1)}${signature}${after}` });
    }
    // Attribute values, and the namespace declarations the canonical form renders (xmlns:ds on the root is not
    // used outside the Signature, so exclusive C14N leaves it out: see the next test).
    for (const match of before.matchAll(/\s([\w:]+)="([^"]+)"/g)) {
      if (match[1] === 'xmlns:ds') continue;
      const start = match.index + match[0].length - 1 - match[2]!.length;
      const at = match[2]!.length - 1;
      out.push({
        label: `attribute ${match[1]}`,
        xml: `${declaration}${before.slice(0, start + at)}${flip(match[2]![at]!)}${before.slice(start + at + 1)}${signature}${after}`,
      });
    }
    return out;
  }

  it.each(mutations())('$label', ({ xml }) => {
    expectCode(verifyXml(xml), 'SIGNATURE_INVALID');
  });

  it('an unused namespace declaration is not signed content, and does not reach signedText', () => {
    const original = verifyXml(signed);
    const changed = verifyXml(signed.replace('xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:sr', 'xmlns:ds="urn:elsewhere" xmlns:sr'));
    expectVerified(original);
    expectVerified(changed);
    expect(changed.signedText).toBe(original.signedText);
    expect(changed.signedText).not.toContain('xmlns:ds');
  });

  it('an element renamed', () => {
    const xml = signed.replaceAll('sr:CommandVariant>', 'sr:CommandVariantX>');
    expectCode(verifyXml(xml), 'SIGNATURE_INVALID');
  });

  it('an element added or removed', () => {
    expectCode(verifyXml(signed.replace('<sr:CommandVariant>', '<sr:FirstInSequence>true</sr:FirstInSequence><sr:CommandVariant>')), 'SIGNATURE_INVALID');
    expectCode(verifyXml(signed.replace(/<sr:RemotePartyFloorSeqNumber>0<\/sr:RemotePartyFloorSeqNumber>/, '')), 'SIGNATURE_INVALID');
  });

  it('whitespace added between elements (it is signed content)', () => {
    expectCode(verifyXml(signed.replace('<sr:Header>', '<sr:Header> ')), 'SIGNATURE_INVALID');
  });

  it('every byte of the SignatureValue', () => {
    const value = /<ds:SignatureValue>([^<]+)</.exec(signature)![1]!;
    const bytes = Buffer.from(value, 'base64');
    for (let i = 0; i < bytes.length; i++) {
      const flipped = Buffer.from(bytes);
      flipped[i] = flipped[i]! ^ 0x01;
      expectCode(verifyXml(signed.replace(value, flipped.toString('base64'))), 'SIGNATURE_INVALID');
    }
  });

  it('the DigestValue', () => {
    const value = /<ds:DigestValue>([^<]+)</.exec(signature)![1]!;
    const bytes = Buffer.from(value, 'base64');
    bytes[0] = bytes[0]! ^ 0x80;
    expectCode(verifyXml(signed.replace(value, bytes.toString('base64'))), 'SIGNATURE_INVALID');
  });

  it('a signature by another key than the certificate names', () => {
    // supplier's key, network-operator-a's certificate in KeyInfo
    const issuerSerial = /<ds:X509IssuerSerial>.*<\/ds:X509IssuerSerial>/;
    const bySupplier = signatureOf(signRequest(readFixture('requests/no-by-no.xml'), party('supplier')));
    const forged = replaceOnce(signed, signature, bySupplier.replace(issuerSerial, issuerSerial.exec(signature)![0]));
    expectCode(verifyXml(forged), 'SIGNATURE_INVALID');
  });
});

describe('SignatureValue formatting', () => {
  it('accepts line breaks and &#13; inside SignatureValue (it is not signed)', () => {
    const signed = signedNoByNo();
    const value = /<ds:SignatureValue>([^<]+)</.exec(signed)![1]!;
    const wrapped = `${value.slice(0, 40)}&#13;\n${value.slice(40, 60)}\n  ${value.slice(60)}`;
    expectVerified(verifyXml(signed.replace(value, wrapped)));
  });

  it('accepts line breaks inside DigestValue when they were signed', () => {
    const signed = signedNoByNo();
    const digest = /<ds:DigestValue>([^<]+)</.exec(signed)![1]!;
    const reformatted = signed.replace(digest, `\n${digest.slice(0, 10)}&#13;\n${digest.slice(10)}\n`);
    expectCode(verifyXml(reformatted), 'SIGNATURE_INVALID'); // DigestValue is inside SignedInfo
    expectVerified(verifyXml(resign(reformatted, party('network-operator-a').privateKey)));
  });

  it('refuses SignatureValue text that is not base64 (SIGNATURE_PROFILE)', () => {
    const signed = signedNoByNo();
    const value = /<ds:SignatureValue>([^<]+)</.exec(signed)![1]!;
    expectCode(verifyXml(signed.replace(value, `${value.slice(0, -4)}!!!!`)), 'SIGNATURE_PROFILE');
  });
});

describe('signRequest refuses what it cannot sign', () => {
  const key = party('network-operator-a');
  it('a document that is already signed', () => {
    expect(() => signRequest(signedNoByNo(), key)).toThrow(/already carries a ds:Signature/);
  });
  it('a document that is not well-formed', () => {
    expect(() => signRequest('<sr:Request', key)).toThrow(/not well-formed/);
  });
  it('a certificate that is not a strict SMKI certificate', () => {
    expect(() => signRequest(readFixture('requests/no-by-no.xml'), { ...key, certificate: 'not a certificate' })).toThrow(SignerCertificateError);
  });
  it('a private key that does not match the certificate', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => signRequest(readFixture('requests/no-by-no.xml'), { privateKey, certificate: key.certificate })).toThrow(/does not verify/);
  });
  it('a sign function that returns DER', () => {
    const der = (data: Uint8Array) => new Uint8Array(cryptoSign('sha256', data, { key: key.privateKey, dsaEncoding: 'der' }));
    expect(() => signRequest(readFixture('requests/no-by-no.xml'), { sign: der, certificate: key.certificate })).toThrow(/64 bytes/);
  });
});

describe('committed signed fixtures (fixtures/signed/)', () => {
  const dir = fixturePath('signed');
  const present = existsSync(dir);

  it.skipIf(!present)('are what scripts/sign-fixtures.ts produces (run `tsx scripts/sign-fixtures.ts` after changing fixtures)', () => {
    for (const [name, content] of buildSignedFixtures()) {
      expect(readFileSync(`${dir}/${name}`, 'utf8'), name).toBe(content);
    }
  });

  it.skipIf(!present)('verify, except the tampered one', () => {
    expectVerified(verifyXml(readFixture('signed/no-by-no.xml'), { originator: NETWORK_OPERATOR_A }));
    expectVerified(verifyXml(readFixture('signed/supplier-by-supplier-immediate.xml'), { originator: SUPPLIER }));
    expectCode(verifyXml(readFixture('signed/tampered-supplier-by-supplier.xml'), { originator: SUPPLIER }), 'SIGNATURE_INVALID');
  });

  it('verifySignature works from the store built once (no per-request key import)', () => {
    const store = fixtureStore();
    const parsed = parseXml(signedNoByNo());
    if (!parsed.ok) expect.fail();
    const first = verifySignature(parsed, store, { originator: NETWORK_OPERATOR_A });
    const second = verifySignature(parsed, store, { originator: NETWORK_OPERATOR_A });
    expectVerified(first);
    expectVerified(second);
    expect(first.signer.publicKey).toBe(second.signer.publicKey);
  });
});

function flip(c: string): string {
  if (c >= '0' && c <= '8') return String.fromCharCode(c.charCodeAt(0) + 1);
  if (c === '9') return '0';
  if (c >= 'a' && c < 'z') return String.fromCharCode(c.charCodeAt(0) + 1);
  if (c >= 'A' && c < 'Z') return String.fromCharCode(c.charCodeAt(0) + 1);
  return c === 'z' ? 'a' : c === 'Z' ? 'A' : c === '-' ? '_' : 'x';
}

