// Exclusive C14N re-declares a namespace on every element that visibly uses it. One long namespace URI declared
// on the root and used by many small siblings multiplies the canonical form (64 KiB in, gigabytes out) before
// any digest can fail. The canonical form is bounded: XML_TOO_LARGE, quickly.
import { describe, expect, it } from 'vitest';
import { expectCode, readFixture, signatureOf, signedNoByNo, verifyXml } from '../../signature/support.js';
import { createSignerStore, verifySignature } from '../../../src/signature/index.js';
import { parseXml } from '../../../src/xml/parse-xml.js';

describe('attack: canonical form amplification -> XML_TOO_LARGE', () => {
  it('a long namespace URI re-declared on thousands of elements', () => {
    const signature = signatureOf(signedNoByNo());
    const uri = `urn:${'x'.repeat(20_000)}`;
    const siblings = '<p:a/>'.repeat(6_000);
    const xml = `<sr:Request xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" xmlns:p="${uri}" schemaVersion="5.4"><sr:Header><sr:RequestID>90-B3-D5-1F-30-02-00-00:00-DB-12-34-56-78-90-A0:1</sr:RequestID></sr:Header><x>${siblings}</x>${signature}</sr:Request>`;
    const parsed = parseXml(xml, { maxBytes: 128 * 1024 });
    if (!parsed.ok) expect.fail(parsed.error.message);
    const result = verifySignature(parsed, createSignerStore([readFixture('pki/xml-sign-network-operator-a.pem')]), {
      originator: '90-B3-D5-1F-30-02-00-00',
    });
    expectCode(result, 'XML_TOO_LARGE');
  });

  it('an ordinary request stays far below the limit', () => {
    const result = verifyXml(signedNoByNo());
    expect(result.ok).toBe(true);
  });
});
