/**
 * `tsx bench/signature.bench.ts`: the cost of XML signature verification on one signed DUIS request, against
 *
 * (a) xml-crypto's bare `checkSignature` (parse, find the Signature, loadSignature, checkSignature), with the
 *     ecdsa-sha256 algorithm registered and a prebuilt public key: what a caller gets from the library alone;
 * (b) the floor of the fixed DUIS profile: one xmldom parse, exclusive C14N (xml-crypto's class) of the document
 *     minus the Signature and of SignedInfo, one SHA-256, one ECDSA verify with a prebuilt key; no checks at all;
 * (c) verifySignature (profile checks, structure cross-check, store look-up, our canonicaliser, digest, verify,
 *     role and originator);
 * (d) what signed validation adds around it: parseXml + verifySignature + parseXml(signedText) + readRequest.
 *
 * Numbers vary by machine; compare the ratios. Targets (issue 4): (c) <= 1.3 x (a); aim for (c) ~ 2 x (b).
 */
import { createHash, verify as cryptoVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import { Bench } from 'tinybench';
import { ExclusiveCanonicalization, SignedXml } from 'xml-crypto';
import { validateRequest, type ValidationContext } from '../src/index.js';
import { ALGORITHMS, EcdsaSha256, XMLDSIG_NAMESPACE, createSignerStore, verifySignature } from '../src/signature/index.js';
import { parseXml } from '../src/xml/parse-xml.js';
import { printRows, rowsOf, type Row } from './report.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const FILE = 'signed/no-by-no.xml';
const xml = fixture(FILE);
const ORIGINATOR = '90-B3-D5-1F-30-02-00-00';
const store = createSignerStore([fixture('pki/xml-sign-network-operator-a.pem')]);
const publicKey = store.signers[0]!.publicKey;
const quiet = { errorHandler: { warning: () => {}, error: () => {}, fatalError: () => {} } };

function bareCheckSignature(): boolean {
  const doc = new DOMParser(quiet).parseFromString(xml, 'text/xml');
  const signature = doc.getElementsByTagNameNS(XMLDSIG_NAMESPACE, 'Signature')[0]!;
  const signed = new SignedXml({ publicCert: publicKey });
  signed.SignatureAlgorithms[ALGORITHMS.ecdsaSha256] = EcdsaSha256;
  signed.loadSignature(signature as unknown as Node);
  return signed.checkSignature(xml);
}

const c14n = new ExclusiveCanonicalization();
function childNamed(parent: Node, localName: string): Element {
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === localName) return node as Element;
  }
  throw new Error(`no ${localName}`);
}
function floor(): boolean {
  const doc = new DOMParser(quiet).parseFromString(xml, 'text/xml') as unknown as Document;
  const root = doc.documentElement!;
  const signature = childNamed(root, 'Signature');
  const signedInfo = childNamed(signature, 'SignedInfo');
  const signedInfoText = c14n.process(signedInfo, {}) as string;
  root.removeChild(signature);
  const digest = createHash('sha256').update(c14n.process(root, {}) as string).digest('base64');
  const expected = childNamed(childNamed(signedInfo, 'Reference'), 'DigestValue').textContent;
  const value = Buffer.from(childNamed(signature, 'SignatureValue').textContent!, 'base64');
  return digest === expected && cryptoVerify('sha256', Buffer.from(signedInfoText), { key: publicKey, dsaEncoding: 'ieee-p1363' }, value);
}

const parsed = parseXml(xml);
if (!parsed.ok) throw new Error(parsed.error.message);
function ours(): boolean {
  return verifySignature(parsed as Extract<typeof parsed, { ok: true }>, store, { originator: ORIGINATOR }).ok;
}

const context = JSON.parse(fixture('context.example.json')) as ValidationContext;
function signedValidation(): boolean {
  return validateRequest(xml, context, { signers: store }).accepted;
}

for (const [name, run] of [['bare', bareCheckSignature], ['floor', floor], ['verifySignature', ours], ['signed validation', signedValidation]] as const) {
  if (!run()) throw new Error(`${name} does not verify the fixture`);
}

const bench = new Bench({ time: 1500, warmupTime: 300 });
bench
  .add('(a) xml-crypto checkSignature (bare)', bareCheckSignature)
  .add('(b) floor: parse + 2 x exc-C14N + SHA-256 + ECDSA', floor)
  .add('(c) verifySignature', ours)
  .add('(d) signed validation: validateRequest with signers', signedValidation);
await bench.run();

const rows = rowsOf(bench);
const [bare, floorRow, verify, full] = rows as [Row, Row, Row, Row];
console.log(`document: fixtures/${FILE} (${xml.length} bytes), node ${process.version}`);
printRows(rows, { 'x bare': bare, 'x floor': floorRow });
console.log(`verifySignature / bare checkSignature = ${(verify.mean / bare.mean).toFixed(2)} (target <= 1.3)`);
console.log(`verifySignature / floor = ${(verify.mean / floorRow.mean).toFixed(2)} (aim ~2)`);
console.log(`signed validation / bare checkSignature = ${(full.mean / bare.mean).toFixed(2)} (target <= 1.3)`);
