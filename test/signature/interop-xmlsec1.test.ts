/**
 * Interoperability with a third-party XML-DSig implementation: Debian's xmlsec1 (libxmlsec1, OpenSSL backend).
 *
 * - xmlsec1 signs; our verifier must accept. Signing needs a template: the Signature with empty DigestValue and
 *   SignatureValue, and an empty `<ds:X509IssuerSerial/>`, which xmlsec1 fills from the certificate given with
 *   `--privkey-pem key.pem,cert.pem` (a template with empty X509IssuerName/X509SerialNumber children fails:
 *   xmlsec1 reads KeyInfo before signing and rejects the empty name).
 * - We sign; xmlsec1 must accept. `--pubkey-cert-pem cert.pem` verifies with that key; with
 *   `--enabled-key-data x509 --trusted-pem root.pem --untrusted-pem ca.pem --untrusted-pem signer.pem` xmlsec1
 *   also resolves X509IssuerSerial to the signer certificate and checks its chain, which is what a DCC-side
 *   verifier does.
 *
 * xmlsec1 is installed in `beforeAll` when missing (test/support/xmlsec1.ts); every test skips cleanly otherwise.
 * The DCC test keys are read from `../shared/reference/smki/` and written only to a temporary directory.
 */
import { createPrivateKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALGORITHMS, createSignerStore, signRequest } from '../../src/signature/index.js';
import { parseXml } from '../../src/xml/parse-xml.js';
import { ensureXmlsec1, xmlsec1 } from '../support/xmlsec1.js';
import { NETWORK_OPERATOR_A, REPO_ROOT, expectCode, expectVerified, fixturePath, party, readFixture, verifyXml } from './support.js';

const REFERENCE = new URL('../shared/reference/', REPO_ROOT).pathname;
const DCC_CERT = path.join(REFERENCE, 'smki/xml-sign-90B3D51F30020000-ds.pem');
const DCC_KEY = path.join(REFERENCE, 'smki/xml-sign-90B3D51F30020000-ds.key');
const RTDS_NO_BY_NO = path.join(REFERENCE, 'duis/templates/CS02bNOByNO_6.15.1_SUCCESS_REQUEST_DUIS.XML');
const DCC_SERIAL = '40938316298935008147424226388667426413'; // xml-sign-90B3D51F30020000-ds.pem, issuer CN=Z1,OU=07

let available = false;
let work = '';

beforeAll(() => {
  available = ensureXmlsec1();
  work = mkdtempSync(path.join(tmpdir(), 'duis-xmlsec1-'));
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function write(name: string, content: string): string {
  const file = path.join(work, name);
  writeFileSync(file, content);
  return file;
}

/** The DCC test key (PKCS#8 DER) as PEM, in the temporary directory. */
function dccKeyPem(): string {
  const pem = createPrivateKey({ key: readFileSync(DCC_KEY), format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' });
  return write('dcc.key.pem', pem.toString());
}

function template(exclusive: boolean): string {
  return (
    '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>' +
    `<ds:CanonicalizationMethod Algorithm="${ALGORITHMS.exclusiveC14n}"/>` +
    `<ds:SignatureMethod Algorithm="${ALGORITHMS.ecdsaSha256}"/>` +
    `<ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="${ALGORITHMS.envelopedSignature}"/>` +
    (exclusive ? `<ds:Transform Algorithm="${ALGORITHMS.exclusiveC14n}"/>` : '') +
    `</ds:Transforms><ds:DigestMethod Algorithm="${ALGORITHMS.sha256}"/><ds:DigestValue></ds:DigestValue></ds:Reference>` +
    '</ds:SignedInfo><ds:SignatureValue></ds:SignatureValue>' +
    '<ds:KeyInfo><ds:X509Data><ds:X509IssuerSerial/></ds:X509Data></ds:KeyInfo></ds:Signature>'
  );
}

function signWithXmlsec1(xml: string, keyPem: string, certPem: string, name: string): string {
  const input = write(`${name}.template.xml`, xml);
  const output = path.join(work, `${name}.signed.xml`);
  const run = xmlsec1(['--sign', '--privkey-pem', `${keyPem},${certPem}`, '--output', output, input]);
  if (!run.ok) expect.fail(`xmlsec1 --sign failed: ${run.output}`);
  return readFileSync(output, 'utf8');
}

function withTemplate(xml: string, exclusive: boolean): string {
  return xml.replace('</sr:Request>', `${template(exclusive)}</sr:Request>`);
}

/** A document that exercises canonicalisation: namespaces to sort, undeclare and drop, PIs, CDATA, escapes. */
const TRICKY = `<?xml version="1.0" encoding="UTF-8"?>
<?top-level before the root?>
<!-- a comment outside the root -->
<sr:Request xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" xmlns:unused="urn:unused" xmlns="urn:default" schemaVersion="5.4" xmlnsfoo="not a declaration" z="1" a="&#9;tab&#10;nl&#13;cr &quot;q&quot; &lt;&amp;>">
  <sr:Header><sr:RequestID>${NETWORK_OPERATOR_A}:00-DB-12-34-56-78-90-A0:1</sr:RequestID></sr:Header>
  <x xmlns="" b:y="2" a:x="1" xmlns:b="urn:b" xmlns:a="urn:a" xmlns:B="urn:B" B:z="3">text &#13; &amp; &lt; &gt; <![CDATA[cdata <&> ]]><?inner data?><?empty?><!-- c --></x>
  <inner><deep xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway"><sr:v>Sup<!---->plier \u{1D11E} é</sr:v></deep><empty/></inner>
  <sr:Body xmlns:e="urn:e"><e:q e:attr="x" xml:lang="en"/></sr:Body>
</sr:Request>
`;

describe('xmlsec1 signs, we verify', () => {
  const referenceKeys = existsSync(DCC_CERT) && existsSync(DCC_KEY);

  it('a fixture signed with the DCC test key (exc-c14n transform), originator 90-B3-D5-1F-30-02-00-00', ({ skip }) => {
    if (!available || !referenceKeys) skip();
    const signed = signWithXmlsec1(withTemplate(readFixture('requests/no-by-no.xml'), true), dccKeyPem(), DCC_CERT, 'dcc-exclusive');
    expect(signed).toContain(`<ds:X509SerialNumber>${DCC_SERIAL}</ds:X509SerialNumber>`);
    expect(signed).toContain('<ds:X509IssuerName>CN=Z1,OU=07</ds:X509IssuerName>');
    const store = createSignerStore([readFileSync(DCC_CERT, 'utf8')]);
    const result = verifyXml(signed, { store, originator: NETWORK_OPERATOR_A });
    expectVerified(result);
    expect(result.signer.entityId).toBe(NETWORK_OPERATOR_A);
    expectCode(verifyXml(signed.replace('<sr:RemotePartyFloorSeqNumber>0<', '<sr:RemotePartyFloorSeqNumber>1<'), { store }), 'SIGNATURE_INVALID');
  });

  it('the RTDS NO-by-NO template as published (enveloped transform only, a comment, "CN=Z1, OU=07")', ({ skip }) => {
    if (!available || !referenceKeys || !existsSync(RTDS_NO_BY_NO)) skip();
    const rtds = readFileSync(RTDS_NO_BY_NO, 'utf8')
      .replace(/<ds:DigestValue>[^<]*<\/ds:DigestValue>/, '<ds:DigestValue></ds:DigestValue>')
      .replace(/<ds:SignatureValue>[^<]*<\/ds:SignatureValue>/, '<ds:SignatureValue></ds:SignatureValue>')
      .replace('CN=U1, OU=07', 'CN=Z1, OU=07')
      .replace(/<ds:X509SerialNumber>[^<]*</, `<ds:X509SerialNumber>${DCC_SERIAL}<`);
    expect(rtds).not.toContain(ALGORITHMS.exclusiveC14n + '"/>\n        </ds:Transforms>');
    const signed = signWithXmlsec1(rtds, dccKeyPem(), DCC_CERT, 'rtds');
    expect(signed).toContain('<!-- NOTE:');
    const result = verifyXml(signed, { store: createSignerStore([readFileSync(DCC_CERT, 'utf8')]), originator: NETWORK_OPERATOR_A });
    expectVerified(result);
    // Inclusive C14N: the root keeps its declarations, xsi included.
    expect(result.signedText).toContain('xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"');
  });

  it.for([true, false])('a document that exercises canonicalisation (exc-c14n transform: %s)', (exclusive, { skip }) => {
    if (!available) skip();
    const signed = signWithXmlsec1(
      withTemplate(TRICKY, exclusive),
      fixturePath('pki/xml-sign-network-operator-a.key.pem'),
      fixturePath('pki/xml-sign-network-operator-a.pem'),
      `tricky-${exclusive}`,
    );
    const result = verifyXml(signed);
    expectVerified(result);
    expect(result.signedText.startsWith('<?top-level before the root?>\n<sr:Request')).toBe(true);
    expect(result.signedText).toContain('<sr:v>Supplier \u{1D11E} é</sr:v>');
    expect(result.signedText).toContain('<?inner data?><?empty?>');
    expect(result.signedText).toContain('xmlnsfoo="not a declaration"');
    expect(result.signedText).toContain('a="&#x9;tab&#xA;nl&#xD;cr &quot;q&quot; &lt;&amp;>"');
    expect(result.signedText).toContain('text &#xD; &amp; &lt; &gt; cdata &lt;&amp;&gt; ');
    expect(result.signedText).not.toContain('<!--');
    expect(parseXml(result.signedText).ok).toBe(true);
  });
});

describe('we sign, xmlsec1 verifies', () => {
  const chain = ['--enabled-key-data', 'x509', '--trusted-pem', fixturePath('pki/root.pem'), '--untrusted-pem', fixturePath('pki/issuing-ca.pem')];

  it.for(['exclusive', 'inclusive'] as const)('signRequest output (%s), resolving X509IssuerSerial through the test PKI', (mode, { skip }) => {
    if (!available) skip();
    const signed = write(`ours-${mode}.xml`, signRequest(readFixture('requests/no-by-no.xml'), party('network-operator-a'), { documentCanonicalization: mode }));
    const signer = fixturePath('pki/xml-sign-network-operator-a.pem');
    expect(xmlsec1(['--verify', ...chain, '--untrusted-pem', signer, signed]).ok).toBe(true);
    // Without the signer certificate xmlsec1 cannot resolve the X509IssuerSerial: proof it used it.
    expect(xmlsec1(['--verify', ...chain, '--untrusted-pem', fixturePath('pki/xml-sign-supplier.pem'), signed]).ok).toBe(false);
    expect(xmlsec1(['--verify', '--pubkey-cert-pem', signer, signed]).ok).toBe(true);
  });

  it('signRequest output with the DCC test key', ({ skip }) => {
    if (!available || !existsSync(DCC_CERT) || !existsSync(DCC_KEY)) skip();
    const key = createPrivateKey({ key: readFileSync(DCC_KEY), format: 'der', type: 'pkcs8' });
    const signed = write('ours-dcc.xml', signRequest(readFixture('requests/no-by-no.xml'), { privateKey: key, certificate: readFileSync(DCC_CERT, 'utf8') }));
    expect(xmlsec1(['--verify', '--pubkey-cert-pem', DCC_CERT, signed]).ok).toBe(true);
  });

  it.for(['exclusive', 'inclusive'] as const)('the canonicalisation document (%s)', (mode, { skip }) => {
    if (!available) skip();
    const signed = write(`ours-tricky-${mode}.xml`, signRequest(TRICKY, party('network-operator-a'), { documentCanonicalization: mode }));
    expect(xmlsec1(['--verify', '--pubkey-cert-pem', fixturePath('pki/xml-sign-network-operator-a.pem'), signed]).ok).toBe(true);
  });

  it('and rejects the tampered fixture', ({ skip }) => {
    if (!available || !existsSync(fixturePath('signed/tampered-supplier-by-supplier.xml'))) skip();
    const args = ['--verify', ...chain, '--untrusted-pem', fixturePath('pki/xml-sign-supplier.pem')];
    expect(xmlsec1([...args, fixturePath('signed/supplier-by-supplier-immediate.xml')]).ok).toBe(true);
    expect(xmlsec1([...args, fixturePath('signed/tampered-supplier-by-supplier.xml')]).ok).toBe(false);
  });
});
